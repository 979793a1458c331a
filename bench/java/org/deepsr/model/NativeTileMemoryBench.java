package org.deepsr.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deepsr.backend.Device;
import org.deepsr.progress.Progress;
import org.deepsr.tile.TilePlan;

/**
 * TensorFlow's native memory for one tile, against the planner's assumption
 * ({@link TilePlan#DEFAULT_BYTES_PER_INPUT_PIXEL} bytes per padded input
 * pixel): {@code bench/run NativeTileMemoryBench [MODEL...]} (default the
 * bundled FSRCNN_x3-deepsr and ESPCN_x3-deepsr). Each model and tile side (128, 256, 512,
 * 1024 interior, plus the model's halo) runs in a JVM of its own whose heap
 * is touched in full before (-Xms = -Xmx, AlwaysPreTouch), so that the growth
 * of the peak resident set (VmHWM) over a warmed-up 16x16 tile is native:
 * the network's activations and TensorFlow's buffers. Prints a table and the
 * least-squares line, fixed part plus bytes per padded pixel.
 */
public final class NativeTileMemoryBench {

	private static final int[] TILES = { 128, 256, 512, 1024 };

	private NativeTileMemoryBench() {}

	public static void main(final String... args) throws Exception {
		if (args.length == 3 && args[0].equals("one")) {
			one(args[1], Integer.parseInt(args[2]));
			return;
		}
		final String[] models = args.length > 0 ? args : new String[] { "FSRCNN_x3-deepsr", "ESPCN_x3-deepsr" };
		System.out.println("load average " + new String(Files.readAllBytes(Paths.get("/proc/loadavg")),
			StandardCharsets.US_ASCII).trim());
		System.out.println("| model | tile | padded tile | native peak | per padded pixel |");
		System.out.println("|---|---|---|---|---|");
		for (final String model : models) {
			final List<double[]> points = new ArrayList<>();
			for (final int tile : TILES) {
				final String[] line = child(model, tile).trim().split(" ");
				final int padded = Integer.parseInt(line[0]);
				final double bytes = Double.parseDouble(line[1]);
				points.add(new double[] { (double) padded * padded, bytes });
				System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f MiB | %.0f B |%n", model, tile, padded, bytes /
					(1 << 20), bytes / ((double) padded * padded));
			}
			final double[] fit = line(points);
			System.out.printf(Locale.ROOT, "%s: %.1f MiB + %.0f B per padded tile pixel (planner: %.0f B)%n", model,
				fit[0] / (1 << 20), fit[1], TilePlan.DEFAULT_BYTES_PER_INPUT_PIXEL);
		}
	}

	/** In this JVM: the native peak growth of one tile of {@code tile} interior pixels; prints "padded bytes". */
	private static void one(final String name, final int tile) throws IOException {
		final Path bundle = ModelRegistry.fromEnvironment().resolve(name);
		try (LoadedModel model = Models.load(bundle, Device.CPU, Progress.NONE)) {
			final int padded = tile + 2 * model.halo();
			final float[] small = new float[16 * 16 * model.inChannels()];
			for (int i = 0; i < 3; i++)
				model.tileFunction().apply(small, 16, 16); // sessions, kernels and pools made
			final float[] input = new float[padded * padded * model.inChannels()];
			for (int i = 0; i < input.length; i++)
				input[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.01));
			final long before = peakResident();
			model.tileFunction().apply(input, padded, padded);
			System.out.println(padded + " " + (peakResident() - before));
		}
	}

	/** The largest resident set of this process so far, in bytes (VmHWM). */
	private static long peakResident() throws IOException {
		for (final String line : Files.readAllLines(Paths.get("/proc/self/status")))
			if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
		throw new IOException("no VmHWM in /proc/self/status");
	}

	/** {@link #one} in a JVM whose 1 GiB heap is resident from the start. */
	private static String child(final String model, final int tile) throws Exception {
		final Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Djava.awt.headless=true", "-cp", System.getProperty(
				"java.class.path"), NativeTileMemoryBench.class.getName(), "one", model, "" + tile).redirectError(
					ProcessBuilder.Redirect.DISCARD).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) throw new IllegalStateException(model + " tile " + tile + " failed: " + out);
		final String[] lines = out.trim().split("\n");
		return lines[lines.length - 1];
	}

	/** Least squares {@code y = a + b x}: {a, b}. */
	private static double[] line(final List<double[]> points) {
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		for (final double[] p : points) {
			sx += p[0];
			sy += p[1];
			sxx += p[0] * p[0];
			sxy += p[0] * p[1];
		}
		final int n = points.size();
		final double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
		return new double[] { (sy - b * sx) / n, b };
	}
}
