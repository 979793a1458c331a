package org.deepsr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Python side of a side-by-side bench: a script under bench/python run by Debian's Python. */
public final class PythonBench {

	private PythonBench() {}

	/**
	 * Runs {@code bench/python/SCRIPT ARGS} with {@link Prerequisites#python()}
	 * (its stderr passed on) and returns its last stdout line.
	 */
	public static String run(final String script, final Object... args) throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>(List.of(Prerequisites.python(), "bench/python/" + script));
		for (final Object a : args) cmd.add(a.toString());
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
		// OpenMP threads that spin while they wait lose most of their time on a loaded machine (PyTorch ESPCN x2
		// training, 2 threads, load 13: 0.9 steps/s spinning, 14.7 passive); TensorFlow's pool waits passively
		pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
		final Process p = pb.start();
		String last = null;
		try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = in.readLine()) != null;) last = line;
		}
		if (p.waitFor() != 0 || last == null) throw new IOException(String.join(" ", cmd) + " failed (exit " + p
			.exitValue() + ")");
		return last;
	}
}
