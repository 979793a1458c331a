package org.deepsr.macro;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

	/** What a macro run in its own JVM gave: the exit code and everything it printed. */
	public static final class Run {

		public final int exit;
		public final String log;

		Run(final int exit, final String log) {
			this.exit = exit;
			this.log = log;
		}
	}

	/** Runs {@code file} with {@code argument} in a new headless JVM on this class path, waiting at most 5 minutes. */
	public static Run launch(final Path file, final String argument) throws Exception {
		final List<String> cmd = Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Djava.awt.headless=true",
			// ij1-patcher rewrites ImageJ 1.x classes, which Java 17 allows only with this opening.
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
			HeadlessMacro.class.getName(), file.toString(), argument);
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("macro " + file + " timed out:\n" + log);
		}
		return new Run(p.exitValue(), log);
	}
}
