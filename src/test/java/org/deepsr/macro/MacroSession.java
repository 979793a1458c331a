package org.deepsr.macro;

import ij.IJ;
import ij.macro.Interpreter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.deepsr.command.MacroBridge;
import org.scijava.Context;

/** The part of {@link HeadlessMacro} that may touch ImageJ 1.x classes. */
public final class MacroSession {

	private MacroSession() {}

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
