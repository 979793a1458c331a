package org.deepsr.cli;

import java.io.PrintWriter;

import org.deepsr.install.TensorFlowClash;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * DeepSR on the command line, without Fiji:
 * {@code deepsr upscale --model bicubic in.png out.png}, {@code deepsr models}.
 * Every error prints one clear line and exits with a non-zero code.
 */
@Command(name = "deepsr", mixinStandardHelpOptions = true, version = "DeepSR",
	description = "Deep-learning image super-resolution.",
	subcommands = { UpscaleCli.class, ModelsCli.class, SpeedCli.class, MeasureCli.class,
		BenchmarkCli.class, MosCli.class, TrainCli.class, MakePairsCli.class, ThroughPlaneCli.class })
public final class Main implements Runnable {

	@Override
	public void run() {
		CommandLine.usage(this, System.out);
	}

	/** Runs a command line and returns its exit code (0 success, 1 failure, 2 usage error). */
	public static int execute(final PrintWriter out, final PrintWriter err, final String... args) {
		final CommandLine cli = new CommandLine(new Main());
		cli.setOut(out);
		cli.setErr(err);
		cli.setExecutionExceptionHandler((e, line, parsed) -> {
			line.getErr().println("deepsr: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
			line.getErr().flush();
			return 1;
		});
		try {
			TensorFlowClash.requireNone();
		} catch (final IllegalStateException e) {
			err.println("deepsr: " + e.getMessage());
			err.flush();
			return 1;
		}
		final int code = cli.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	public static void main(final String... args) {
		System.setProperty("java.awt.headless", "true");
		final int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
		System.exit(code);
	}
}
