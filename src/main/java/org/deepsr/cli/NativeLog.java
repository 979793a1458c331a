package org.deepsr.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * TensorFlow's native log, hidden unless {@code --verbose}. The native library
 * reads {@code TF_CPP_MIN_LOG_LEVEL} from the process environment, which Java
 * cannot change, and its Abseil part logs a few INFO lines whatever that
 * variable says. So {@link Main#main} runs the command line in a child JVM
 * (same Java, JVM options and class path) with {@code TF_CPP_MIN_LOG_LEVEL=2}
 * and passes the child's stderr on without TensorFlow's INFO and WARNING
 * lines; stdin and stdout are the child's own, its exit code is returned.
 * TensorFlow's errors, and everything DeepSR prints, pass.
 */
final class NativeLog {

	/** Set in the child's environment: it runs the command line itself. */
	static final String CHILD = "DEEPSR_NATIVE_LOG_FILTERED";

	static final String LEVEL = "TF_CPP_MIN_LOG_LEVEL";

	static final String ADD_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";

	/** TensorFlow's own format ("2026-12-03 13:11:17.615004: I tensorflow/core/...") at INFO or WARNING. */
	private static final Pattern TSL = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IW] \\S+:\\d+\\] .*");

	/** Abseil's format ("I0000 00:00:1796303479.133419   12497 file.cc:401] ...") at INFO or WARNING. */
	private static final Pattern ABSL = Pattern.compile("^[IW]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\] .*");

	private static final String ABSL_PREAMBLE =
		"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";

	/** The line that follows cpu_feature_guard's INFO line. */
	private static final Pattern CPU_FEATURES = Pattern.compile(
		"^To enable the following instructions: .*, in other operations, rebuild TensorFlow with the appropriate compiler flags\\.$");

	private NativeLog() {}

	/** True when the arguments ask for TensorFlow's log ({@code --verbose} before any {@code --}). */
	static boolean verbose(final String... args) {
		for (final String a : args) {
			if (a.equals("--")) return false;
			if (a.equals("--verbose")) return true;
		}
		return false;
	}

	/** True when this JVM should hand the command line to a filtered child. */
	static boolean relaunch(final String... args) {
		return !verbose(args) && System.getenv(CHILD) == null && !Boolean.getBoolean("deepsr.inProcess");
	}

	/** True for a line of TensorFlow's native log below ERROR. */
	static boolean hidden(final String line) {
		return line.equals(ABSL_PREAMBLE) || TSL.matcher(line).matches() || ABSL.matcher(line).matches() ||
			CPU_FEATURES.matcher(line).matches();
	}

	/**
	 * Runs the command line in a child JVM and returns its exit code, or -1
	 * when no child could be started (then the caller runs it in this JVM).
	 */
	static int runChild(final String... args) {
		final List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		final List<String> options;
		try {
			options = ManagementFactory.getRuntimeMXBean().getInputArguments();
		} catch (final RuntimeException | LinkageError e) {
			return -1; // no java.management: run here, with TensorFlow's log
		}
		cmd.addAll(options);
		// What the launcher jar's manifest (Add-Opens) gave this JVM, for deepsr macro (ij1-patcher).
		if (!options.contains(ADD_OPENS)) cmd.add(ADD_OPENS);
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		cmd.add(Main.class.getName());
		cmd.addAll(Arrays.asList(args));
		final ProcessBuilder builder = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
			.redirectOutput(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put(CHILD, "1");
		builder.environment().putIfAbsent(LEVEL, "2");
		final Process child;
		try {
			child = builder.start();
		} catch (final IOException e) {
			return -1;
		}
		final Thread stop = new Thread(child::destroy);
		Runtime.getRuntime().addShutdownHook(stop);
		try {
			filter(child.getErrorStream(), System.err);
			return child.waitFor();
		} catch (final IOException e) {
			return child.isAlive() ? 1 : child.exitValue();
		} catch (final InterruptedException e) {
			child.destroy();
			return 130;
		} finally {
			try {
				Runtime.getRuntime().removeShutdownHook(stop);
			} catch (final IllegalStateException e) {
				// shutting down: the hook runs
			}
		}
	}

	/**
	 * Copies {@code in} to {@code out} without the hidden lines. A line is
	 * passed on at its end ('\n', or '\r' for lines that update in place),
	 * so progress shows as it comes.
	 */
	static void filter(final InputStream in, final OutputStream out) throws IOException {
		final ByteArrayOutputStream line = new ByteArrayOutputStream();
		final InputStream buffered = new BufferedInputStream(in);
		int b;
		while ((b = buffered.read()) >= 0) {
			line.write(b);
			if (b == '\n' || b == '\r') {
				pass(line, out);
				// A long run of bytes without an end of line: pass it on, never hold it back.
			} else if (line.size() > 1 << 16) pass(line, out);
		}
		pass(line, out);
	}

	private static void pass(final ByteArrayOutputStream line, final OutputStream out) throws IOException {
		if (line.size() == 0) return;
		final String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
		final String bare = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.endsWith("\n") ||
			text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
		if (!hidden(bare)) {
			line.writeTo(out);
			out.flush();
		}
		line.reset();
	}
}
