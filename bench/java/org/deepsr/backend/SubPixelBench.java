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

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * Times FSRCNN-class graphs with their transposed convolution as it is and in
 * its sub-pixel form ({@link SubPixelRewrite}) on one grey image (default
 * 1024x1024, whole, no tiling): MP/s out (best and median of R alternating
 * runs after one warm-up each), the ratio, the FLOPs per output pixel (2 x the
 * filter taps of every convolution, all on the LR grid, / s^2: useful for the
 * original, executed for the rewritten one, whose kernel holds zero taps), the
 * GFLOP/s and their share of the peak. Peak: measured by a 2048^3 float
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
		final double matmul = matmulGflops(options, threads);
		final double documented = threads * mhz() * perCycle / 1000;
		System.out.printf(Locale.ROOT, "peak: MatMul 2048^3 %.1f GFLOP/s measured; %d cores x %.0f MHz x %d FLOP/cycle" +
			" = %.1f GFLOP/s documented%n", matmul, threads, mhz(), perCycle, documented);
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
			final double useful = flopsPerLrPixel(graph.graphDef()) / (scale * scale);
			final double executed = flopsPerLrPixel(rewritten) / (scale * scale);
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

	/** 2 x the filter taps of every convolution: its FLOPs per LR pixel when all run on the LR grid at stride 1. */
	static double flopsPerLrPixel(final GraphDef def) {
		final java.util.Map<String, NodeDef> byName = new java.util.HashMap<>();
		for (final NodeDef n : def.getNodeList()) byName.put(n.getName(), n);
		double flops = 0;
		for (final NodeDef n : def.getNodeList()) {
			if (!"Conv2D".equals(n.getOp()) && !"Conv2DBackpropInput".equals(n.getOp())) continue;
			NodeDef f = byName.get(ModelGraph.opName(n.getInput(1)));
			while (f != null && "Identity".equals(f.getOp())) f = byName.get(ModelGraph.opName(f.getInput(0)));
			if (f == null || !f.containsAttr("value")) continue;
			long taps = 1;
			for (final var d : f.getAttrOrThrow("value").getTensor().getTensorShape().getDimList()) taps *= d.getSize();
			flops += 2.0 * taps;
		}
		return flops;
	}

	private static double matmulGflops(final SessionOptions options, final int threads) {
		final int n = 2048;
		final float[] v = new float[n * n];
		for (int i = 0; i < v.length; i++) v[i] = (i % 17) * 0.01f;
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Operand<TFloat32> a = tf.constant(Shape.of(n, n), DataBuffers.of(v));
			final Operand<TFloat32> b = tf.constant(Shape.of(n, n), DataBuffers.of(v));
			tf.withName("product").sum(tf.linalg.matMul(a, b), tf.constant(new int[] { 0, 1 }));
			try (Session s = new Session(g, options.toConfigProto())) {
				double best = Double.MAX_VALUE;
				for (int r = 0; r < 6; r++) {
					final long t0 = System.nanoTime();
					try (Result result = s.runner().fetch("product").run()) {
						best = Math.min(best, (System.nanoTime() - t0) / 1e9);
					}
				}
				return 2.0 * n * n * n / best / 1e9;
			}
		}
	}

	private static double mhz() {
		try {
			for (final String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
				if (line.startsWith("cpu MHz")) return Double.parseDouble(line.split(":")[1].trim());
			}
		} catch (final IOException | RuntimeException e) {
			// no /proc/cpuinfo: no documented figure
		}
		return Double.NaN;
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
