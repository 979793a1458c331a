package org.deepsr.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A tiny sub-pixel network for tests: "input" [1,H,W,C] -> 3x3 SAME conv to
 * C*s*s channels (fixed weights, no bias) -> depth_to_space(s) -> "output"
 * ([1,sH,sW,C], or transposed to [1,C,sH,sW]). {@link #reference} computes the
 * same thing with plain loops, written from the TensorFlow op definitions.
 */
public final class TinyNet {

	public final int channels;
	public final int scale;
	public final int kernel;
	public final float[] weights; // [ky][kx][inC][outC], TensorFlow's HWIO filter order

	public TinyNet(final int channels, final int scale, final int kernel) {
		this.channels = channels;
		this.scale = scale;
		this.kernel = kernel;
		final int outC = channels * scale * scale;
		weights = new float[kernel * kernel * channels * outC];
		// Analytic, distinct weights: every tap and channel pair contributes differently.
		for (int i = 0; i < weights.length; i++) weights[i] = (float) Math.sin(0.7 * i + 0.3) * 0.5f;
	}

	/** The frozen GraphDef bytes; the output named "output" in the given layout. */
	public byte[] graphDef(final boolean nchw) {
		try (Graph graph = new Graph()) {
			build(graph, nchw);
			return graph.toGraphDef().toByteArray();
		}
	}

	/** Exports the NHWC network as a SavedModel whose serving_default maps "lr" to its input and "sr" to its output. */
	public void savedModel(final Path folder) throws IOException {
		try (Graph graph = new Graph(); Session session = new Session(graph)) {
			final Operand<?>[] io = build(graph, false);
			exportSavedModel(folder, session, io[0], io[1]);
		}
	}

	/** Writes a SavedModel (tag "serve") with a serving_default signature "lr" -> "sr". */
	public static void exportSavedModel(final Path folder, final Session session, final Operand<?> input,
		final Operand<?> output) throws IOException
	{
		final Signature signature = Signature.builder().key(Signature.DEFAULT_KEY).input("lr", input).output("sr",
			output).build();
		SavedModelBundle.exporter(folder.toString()).withFunction(SessionFunction.create(signature, session)).export();
	}

	/** Adds the network to a graph; returns {input, output}. */
	public Operand<?>[] build(final Graph graph, final boolean nchw) {
		final Ops tf = Ops.create(graph);
		final Operand<TFloat32> input = tf.withName("input").placeholder(TFloat32.class,
			Placeholder.shape(Shape.of(1, -1, -1, channels)));
		final Operand<TFloat32> filter = tf.constant(Shape.of(kernel, kernel, channels, channels * scale * scale),
			DataBuffers.of(weights));
		final Operand<TFloat32> conv = tf.nn.conv2d(input, filter, Arrays.asList(1L, 1L, 1L, 1L), "SAME");
		Operand<TFloat32> out = tf.nn.depthToSpace(conv, (long) scale);
		if (nchw) out = tf.linalg.transpose(out, tf.constant(new int[] { 0, 3, 1, 2 }));
		return new Operand<?>[] { input, tf.withName("output").identity(out) };
	}

	/** Plain-loop reference: zero-padded conv, then pixel shuffle; row-major [sH][sW][C]. */
	public float[] reference(final float[] in, final int h, final int w) {
		final int outC = channels * scale * scale, r = kernel / 2;
		final float[] conv = new float[h * w * outC];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (int o = 0; o < outC; o++) {
			double sum = 0;
			for (int ky = 0; ky < kernel; ky++) for (int kx = 0; kx < kernel; kx++) {
				final int yy = y + ky - r, xx = x + kx - r;
				if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
				for (int c = 0; c < channels; c++) {
					sum += in[(yy * w + xx) * channels + c] * weights[((ky * kernel + kx) * channels + c) * outC + o];
				}
			}
			conv[(y * w + x) * outC + o] = (float) sum;
		}
		// depth_to_space (NHWC): out[y*s+dy][x*s+dx][c] = in[y][x][(dy*s+dx)*C + c]
		final int sw = w * scale;
		final float[] out = new float[h * w * outC];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (int dy = 0; dy < scale; dy++)
			for (int dx = 0; dx < scale; dx++) for (int c = 0; c < channels; c++) {
				out[((y * scale + dy) * sw + x * scale + dx) * channels + c] =
					conv[(y * w + x) * outC + (dy * scale + dx) * channels + c];
			}
		return out;
	}

	/** A deterministic test image in [0, 1]. */
	public static float[] image(final int h, final int w, final int c, final long seed) {
		final java.util.Random random = new java.util.Random(seed);
		final float[] image = new float[h * w * c];
		for (int i = 0; i < image.length; i++) image[i] = random.nextFloat();
		return image;
	}
}
