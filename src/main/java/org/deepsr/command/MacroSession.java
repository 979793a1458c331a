package org.deepsr.command;

import ij.IJ;
import ij.macro.Interpreter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.scijava.Context;

/**
 * Runs an ImageJ 1.x macro file headless, like {@code fiji --headless -macro
 * FILE ARGS}, with DeepSR's commands registered under their menu leaves
 * ({@link MacroBridge}, as imagej-legacy does in Fiji). {@code deepsr macro}
 * calls it after ij1-patcher patched ImageJ 1.x for headless use; this class
 * must not load before that, so the command line reaches it by name.
 */
public final class MacroSession {

	private MacroSession() {}

	/** Runs the macro with its argument string; 0 when it ran to its end, 1 when it aborted. */
	public static int run(final String file, final String argument) throws Exception {
		try (Context context = new Context()) {
			MacroBridge.install(context);
			final String macro = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
			final Interpreter interpreter = new Interpreter();
			final String result = interpreter.run(macro, argument);
			final boolean aborted = "[aborted]".equals(result) || interpreter.wasError();
			if (aborted) System.err.println("macro aborted: " + IJ.getLog());
			else if (IJ.getLog() != null) System.out.print(IJ.getLog());
			return aborted ? 1 : 0;
		}
	}
}
