package org.deepsr.cli;

import java.io.PrintWriter;

import org.deepsr.install.TensorFlowClash;
import org.deepsr.progress.Failures;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * DeepSR on the command line, without Fiji:
 * {@code deepsr upscale --model bicubic in.png out.png}, {@code deepsr models}.
 * Every error prints one line, "deepsr: " and the reason, and exits with 2
 * for a command line picocli cannot parse (a usage error) or 1 for anything
 * found wrong after that (a bad value, a missing file, a failed write).
 */
@Command(name = "deepsr", mixinStandardHelpOptions = true, version = "DeepSR",
	description = "Deep-learning image super-resolution.",
	subcommands = { UpscaleCli.class, ModelsCli.class, SpeedCli.class, MeasureCli.class,
		BenchmarkCli.class, MosCli.class, TrainCli.class, MakePairsCli.class, ThroughPlaneCli.class,
		NetworksCli.class })
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
			line.getErr().println("deepsr: " + Failures.describe(e));
			line.getErr().flush();
			return 1;
		});
		cli.setParameterExceptionHandler((e, given) -> {
			final CommandLine line = e.getCommandLine();
			line.getErr().println("deepsr: " + Failures.oneLine(e.getMessage()) + " (see '" + line.getCommandSpec()
				.qualifiedName() + " --help')");
			line.getErr().flush();
			return line.getCommandSpec().exitCodeOnInvalidInput();
		});
		try {
			TensorFlowClash.requireNone();
		} catch (final IllegalStateException e) {
			err.println("deepsr: " + e.getMessage());
			err.flush();
			return 1;
		}
		int code;
		try {
			code = cli.execute(args);
		}
		catch (final OutOfMemoryError e) {
			// Where the upscaler could not plan ahead (e.g. reading a huge input): one line, no stack trace.
			err.println("deepsr: out of memory (a Java heap of " + Runtime.getRuntime().maxMemory() / (1 << 20) +
				" MiB): start Java with a larger -Xmx, or work on a smaller image");
			code = 1;
		}
		out.flush();
		err.flush();
		return code;
	}

	public static void main(final String... args) {
		System.setProperty("java.awt.headless", "true");
		final PrintWriter out = new PrintWriter(System.out, true);
		// Headless ImageJ prints its error messages to System.out: keep stdout for results.
		System.setOut(System.err);
		final int code = execute(out, new PrintWriter(System.err, true), args);
		System.exit(code);
	}
}
