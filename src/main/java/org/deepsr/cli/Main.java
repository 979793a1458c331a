package org.deepsr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

import org.deepsr.backend.Device;
import org.deepsr.backend.SessionOptions;
import org.deepsr.backend.Sessions;
import org.deepsr.install.TensorFlowClash;
import org.deepsr.progress.Failures;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * DeepSR on the command line, without Fiji:
 * {@code deepsr upscale --model bicubic in.png out.png}, {@code deepsr models}.
 * Every error prints one line, "deepsr: " and the reason, and exits with 2
 * for a command line picocli cannot parse (a usage error) or 1 for anything
 * found wrong after that (a bad value, a missing file, a failed write).
 * TensorFlow's native log is hidden unless {@code --verbose} ({@link NativeLog}).
 */
@Command(name = "deepsr", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = "Deep-learning image super-resolution.",
	subcommands = { UpscaleCli.class, ModelsCli.class, SpeedCli.class, MeasureCli.class,
		BenchmarkCli.class, MosCli.class, TrainCli.class, MakePairsCli.class, ThroughPlaneCli.class,
		IsotropicCli.class,
		ZeroShotCli.class,
		MacroCli.class,
		NetworksCli.class })
public final class Main implements Runnable {

	@Option(names = "--verbose", scope = ScopeType.INHERIT,
		description = "Show TensorFlow's native log on stderr (hidden by default)")
	boolean verbose;

	/** {@code deepsr --version}: DeepSR's version, TensorFlow's, and the device a session would use. */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String device;
			try {
				device = Sessions.probe(SessionOptions.of(Device.AUTO));
			} catch (final RuntimeException | LinkageError e) {
				device = "none (" + Failures.describe(e) + ")";
			}
			String tf;
			try {
				tf = Sessions.tensorFlowVersion();
			} catch (final RuntimeException | LinkageError e) {
				tf = "not loaded (" + Failures.describe(e) + ")";
			}
			return new String[] { "DeepSR " + version(), "TensorFlow " + tf, "device: " + device };
		}
	}

	/** DeepSR's version, as Maven built it (a filtered resource), else the jar manifest's. */
	static String version() {
		try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
			if (in != null) {
				final Properties p = new Properties();
				p.load(in);
				final String v = p.getProperty("version");
				if (v != null && !v.startsWith("$")) return v;
			}
		} catch (final IOException e) {
			// fall through to the manifest
		}
		final String v = Main.class.getPackage().getImplementationVersion();
		return v != null ? v : "(version unknown: not built by Maven)";
	}

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
		if (NativeLog.relaunch(args)) {
			final int code = NativeLog.runChild(args);
			if (code >= 0) System.exit(code);
		}
		final PrintWriter out = new PrintWriter(System.out, true);
		// Headless ImageJ prints its error messages to System.out: keep stdout for results.
		System.setOut(System.err);
		final int code = execute(out, new PrintWriter(System.err, true), args);
		System.exit(code);
	}
}
