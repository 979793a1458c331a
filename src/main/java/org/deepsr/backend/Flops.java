package org.deepsr.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * How much a network computes, and how much the CPU could: the floating-point
 * operations of a frozen graph's convolutions per input pixel, and the FP32
 * peak, measured by a float MatMul (TensorFlow's GEMM, bound by the FMA units)
 * and computed from the CPU's documented width.
 */
public final class Flops {

	private Flops() {}

	/**
	 * 2 x the filter taps of every stride-1 Conv2D and every
	 * Conv2DBackpropInput of the graph: its FLOPs per input pixel when every
	 * convolution runs on the input (LR) grid, as in ESPCN and FSRCNN (not for
	 * networks that convolve after upsampling). Divide by s^2 for an output
	 * pixel. 0 for a SavedModel.
	 *
	 * @param executed the graph TensorFlow runs (transposed convolutions in
	 *          their sub-pixel form, zero taps included) instead of the model's own
	 */
	public static double perInputPixel(final ModelGraph graph, final boolean executed) {
		if (graph.savedModel() != null) return 0;
		return perInputPixel(executed ? graph.runnable() : graph.graphDef());
	}

	static double perInputPixel(final GraphDef def) {
		final Map<String, NodeDef> byName = new HashMap<>();
		for (final NodeDef n : def.getNodeList()) byName.put(n.getName(), n);
		double flops = 0;
		for (final NodeDef n : def.getNodeList()) {
			final boolean conv = "Conv2D".equals(n.getOp()), deconv = "Conv2DBackpropInput".equals(n.getOp());
			if (!conv && !deconv || n.getInputCount() < 2) continue;
			if (conv && n.containsAttr("strides") && n.getAttrOrThrow("strides").getList().getIList().stream()
				.anyMatch(s -> s != 1)) continue;
			NodeDef f = byName.get(ModelGraph.opName(n.getInput(1)));
			for (int i = 0; f != null && "Identity".equals(f.getOp()) && f.getInputCount() > 0 && i < 16; i++) {
				f = byName.get(ModelGraph.opName(f.getInput(0)));
			}
			if (f == null || !"Const".equals(f.getOp()) || !f.containsAttr("value")) continue;
			double taps = 1;
			for (final TensorShapeProto.Dim d : f.getAttrOrThrow("value").getTensor().getTensorShape().getDimList()) {
				taps *= d.getSize();
			}
			flops += 2 * taps;
		}
		return flops;
	}

	/** GFLOP/s of the best of a few 1024^3 float MatMuls fed as tensors, on the session's threads. */
	public static double measuredPeakGflops(final SessionOptions options) {
		final int n = 1024;
		final float[] v = new float[n * n];
		for (int i = 0; i < v.length; i++) v[i] = (i % 17) * 0.01f;
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Operand<TFloat32> a = tf.withName("a").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
			final Operand<TFloat32> b = tf.withName("b").placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
			tf.withName("product").linalg.matMul(a, b);
			try (Session s = new Session(g, options.toConfigProto());
				TFloat32 x = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(v, true, false)))
			{
				double best = Double.MAX_VALUE;
				for (int r = 0; r < 8; r++) {
					final long t0 = System.nanoTime();
					try (Result result = s.runner().feed("a", x).feed("b", x).fetch("product").run()) {
						best = Math.min(best, (System.nanoTime() - t0) / 1e9);
					}
				}
				return 2.0 * n * n * n / best / 1e9;
			}
		}
	}

	/**
	 * cores x clock (MHz of /proc/cpuinfo) x FLOP per cycle per core; NaN where
	 * the clock is not known. {@code perCycle}: 32 for AVX-512 or AVX2 with two
	 * 256-bit FMA pipes (AMD Zen 4, Intel client cores), 64 for two 512-bit FMA
	 * units (Intel Xeon Gold/Platinum).
	 */
	public static double documentedPeakGflops(final int cores, final int perCycle) {
		return cores * megahertz() * perCycle / 1000;
	}

	/** The first "cpu MHz" of /proc/cpuinfo, NaN where there is none. */
	public static double megahertz() {
		try {
			for (final String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
				if (line.startsWith("cpu MHz")) return Double.parseDouble(line.split(":")[1].trim());
			}
		} catch (final IOException | RuntimeException e) {
			// not Linux: no documented figure
		}
		return Double.NaN;
	}
}
