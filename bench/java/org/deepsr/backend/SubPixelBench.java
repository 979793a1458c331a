package org.deepsr.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.tensorflow.proto.GraphDef;

/**
 * Times FSRCNN-class graphs with their transposed convolution as it is and in
 * its sub-pixel form ({@link SubPixelRewrite}) on one grey image (default
 * 1024x1024, whole, no tiling): MP/s out (best and median of R alternating
 * runs after one warm-up each), the ratio, the FLOPs per output pixel (2 x the
 * filter taps of every convolution, all on the LR grid, / s^2: useful for the
 * original, executed for the rewritten one, whose kernel holds zero taps), the
 * GFLOP/s and their share of the peak ({@link Flops}). Peak: measured by a 1024^3 float
 * MatMul on the same threads (TensorFlow's oneDNN GEMM, near the FMA units'
 * limit), and computed as cores x MHz x FLOP per cycle (default 32: AVX-512 on
 * two 256-bit FMA pipes, AMD Zen 4; 64 for two 512-bit FMA units).
 *
 * <pre>bench/run SubPixelBench [size=1024] [R=5] [threads=2] [flopsPerCycle=32] [data=../shared/data]</pre>
 */
public final class SubPixelBench {

	public static void main(final String[] args) throws IOException {
		final int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
		final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		final int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
		final int perCycle = args.length > 3 ? Integer.parseInt(args[3]) : 32;
		final Path data = Paths.get(args.length > 4 ? args[4] : "../shared/data");
		final SessionOptions options = new SessionOptions(Device.CPU, threads, 1);
		final double matmul = Flops.measuredPeakGflops(options);
		final double documented = Flops.documentedPeakGflops(threads, perCycle);
		System.out.printf(Locale.ROOT, "peak: MatMul 1024^3 %.1f GFLOP/s measured; %d cores x %.0f MHz x %d FLOP/cycle" +
			" = %.1f GFLOP/s documented%n", matmul, threads, Flops.megahertz(), perCycle, documented);
		System.out.printf(Locale.ROOT, "grey %dx%d in, whole image, %d threads, best (median) of %d%n", size, size,
			threads, rounds);
		System.out.println("| model | rewritten | transposed MP/s | sub-pixel MP/s | ratio | FLOP/px useful | FLOP/px " +
			"executed | GFLOP/s (useful) | share of MatMul peak | share of documented peak |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|");
		final List<String[]> models = new ArrayList<>();
		for (final String m : new String[] { "fsrcnn-x2", "fsrcnn-x3", "fsrcnn-x4", "microscopy-x2" }) {
			models.add(new String[] { m, "models/" + m + ".zip", "input", "output" });
		}
		for (final String m : new String[] { "FSRCNN_x2", "FSRCNN_x3", "FSRCNN_x4", "FSRCNN-small_x2" }) {
			models.add(new String[] { m + " (OpenCV)", data.resolve("models/opencv/" + m + ".pb").toString(),
				"IteratorGetNext", "NCHW_output" });
		}
		final float[] image = new float[size * size];
		for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
			image[y * size + x] = (float) (0.5 + 0.4 * Math.sin(x * 0.05) * Math.cos(y * 0.037));
		}
		for (final String[] m : models) {
			final Path file = Paths.get(m[1]);
			if (!Files.isRegularFile(file)) {
				System.out.println("| " + m[0] + " | missing: " + file + " |");
				continue;
			}
			final byte[] pb = m[1].endsWith(".zip") ? weights(file) : Files.readAllBytes(file);
			final ModelGraph graph = GraphReader.frozenGraph(pb);
			final GraphDef rewritten = graph.runnable();
			final NetworkSpec spec = new NetworkSpec(m[2], m[3], m[3].startsWith("NCHW") ? Layout.NCHW : Layout.NHWC);
			final double[] plain = new double[rounds], sub = new double[rounds];
			int scale;
			try (Network a = load(pb, spec, options, false); Network b = load(pb, spec, options, true)) {
				scale = a.run(image, size, size, 1).height() / size;
				b.run(image, size, size, 1);
				for (int r = 0; r < rounds; r++) {
					plain[r] = time(a, image, size);
					sub[r] = time(b, image, size);
				}
			}
			final double outMp = (double) size * size * scale * scale / 1e6;
			final double useful = Flops.perInputPixel(graph, false) / (scale * scale);
			final double executed = Flops.perInputPixel(graph, true) / (scale * scale);
			final double bestPlain = min(plain), bestSub = min(sub);
			final double best = Math.min(bestPlain, bestSub);
			final double gflops = useful * outMp * 1e6 / best / 1e9;
			System.out.printf(Locale.ROOT, "| %s | %s | %.2f (%.2f) | %.2f (%.2f) | %.2f | %.0f | %.0f | %.1f | %.0f%% | " +
				"%.0f%% |%n", m[0], rewritten == graph.graphDef() ? "no" : "yes", outMp / bestPlain, outMp / median(plain),
				outMp / bestSub, outMp / median(sub), bestPlain / bestSub, useful, executed, gflops, 100 * gflops / matmul,
				100 * gflops / documented);
		}
	}

	private static Network load(final byte[] pb, final NetworkSpec spec, final SessionOptions options,
		final boolean subPixel)
	{
		System.setProperty(SubPixelRewrite.PROPERTY, Boolean.toString(subPixel));
		try {
			return Network.fromFrozenGraph(pb, spec, options);
		} finally {
			System.clearProperty(SubPixelRewrite.PROPERTY);
		}
	}

	private static double time(final Network network, final float[] image, final int size) {
		final long t0 = System.nanoTime();
		network.run(image, size, size, 1);
		return (System.nanoTime() - t0) / 1e9;
	}

	private static double min(final double[] v) {
		return Arrays.stream(v).min().orElse(Double.NaN);
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	private static byte[] weights(final Path zip) throws IOException {
		try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				if (!"model.pb".equals(e.getName())) continue;
				final ByteArrayOutputStream out = new ByteArrayOutputStream();
				in.transferTo(out);
				return out.toByteArray();
			}
		}
		throw new IOException(zip + " has no model.pb");
	}
}
