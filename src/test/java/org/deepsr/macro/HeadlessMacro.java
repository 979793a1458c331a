package org.deepsr.macro;

import net.imagej.patcher.LegacyInjector;

/**
 * Runs an ImageJ 1.x macro file headless, like {@code fiji --headless -macro
 * FILE ARGS}: ImageJ 1.x is patched for headless use by ij1-patcher before
 * any of its classes loads, then DeepSR's commands are registered under their
 * menu leaves as imagej-legacy does in Fiji. Exit code 0 when the macro ran
 * to its end, 1 when it aborted.
 */
public final class HeadlessMacro {

	private HeadlessMacro() {}

	public static void main(final String... args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		LegacyInjector.preinit();
		// Loaded only now, so that ImageJ 1.x classes are patched first.
		final int code = (Integer) Class.forName("org.deepsr.macro.MacroSession").getMethod("run",
			String.class, String.class).invoke(null, args[0], args.length > 1 ? args[1] : "");
		System.exit(code);
	}
}
