package org.deepsr.macro;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an ImageJ 1.x macro file headless in a new JVM through the product's
 * runner, {@code deepsr macro FILE ARGS} ({@code cli.MacroCli}), with the
 * plain {@code java} line README gives.
 */
public final class HeadlessMacro {

	private HeadlessMacro() {}

	/** What a macro run in its own JVM gave: the exit code and everything it printed. */
	public static final class Run {

		public final int exit;
		public final String log;

		Run(final int exit, final String log) {
			this.exit = exit;
			this.log = log;
		}
	}

	/** The command line that runs {@code file} with {@code argument}, after {@code jvmOptions}. */
	static List<String> command(final Path file, final String argument, final List<String> jvmOptions) {
		final List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin",
			"java").toString(), "-Djava.awt.headless=true",
			// ij1-patcher rewrites ImageJ 1.x classes, which Java 17 allows only with this opening.
			"--add-opens=java.base/java.lang=ALL-UNNAMED",
			// This JVM runs the command line (no child JVM filtering TensorFlow's log).
			"-Ddeepsr.inProcess=true"));
		cmd.addAll(jvmOptions);
		cmd.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), "org.deepsr.cli.Main", "macro", file
			.toString(), argument));
		return cmd;
	}

	/** Runs {@code file} with {@code argument} in a new headless JVM on this class path, waiting at most 5 minutes. */
	public static Run launch(final Path file, final String argument) throws Exception {
		final Process p = new ProcessBuilder(command(file, argument, List.of())).redirectErrorStream(true).start();
		final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("macro " + file + " timed out:\n" + log);
		}
		return new Run(p.exitValue(), log);
	}
}
