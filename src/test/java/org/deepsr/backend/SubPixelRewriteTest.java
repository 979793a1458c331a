package org.deepsr.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@link SubPixelRewrite}: a transposed convolution and its sub-pixel form
 * give the same output, against TensorFlow's own Conv2DBackpropInput (the
 * graph run with the rewrite off) and a plain-loop transposed convolution,
 * for several kernels, scales and odd sizes; the bundled FSRCNN-class models
 * are rewritten and keep their output; only allowed ops are added.
 */
class SubPixelRewriteTest {

	private static final SessionOptions CPU = new SessionOptions(Device.CPU, 2, 1);
	private static final int[][] SIZES = { { 1, 1 }, { 5, 7 }, { 8, 8 }, { 13, 6 } };

	@ParameterizedTest
	@CsvSource({ "9,2,3,1", "9,3,4,1", "9,4,2,2", "4,2,3,2", "5,3,2,1", "3,4,2,1", "2,3,1,2", "1,2,2,1", "6,4,1,1" })
	void transposedConvolutionEqualsItsSubPixelForm(final int k, final int s, final int in, final int out) {
		final float[] kernel = random(k * k * out * in, 7 * k + s);
		final byte[] pb = deconvGraph(k, s, in, out, kernel);
		final ModelGraph graph = GraphReader.frozenGraph(pb);
		final GraphDef rewritten = graph.runnable();
		assertNotSame(graph.graphDef(), rewritten, "not rewritten");
		final Set<String> types = types(rewritten);
		assertFalse(types.contains("Conv2DBackpropInput"), types.toString());
		assertTrue(types.contains("DepthToSpace"), types.toString());
		for (final int[] hw : SIZES) {
			final float[] x = random(hw[0] * hw[1] * in, hw[0] * 31 + hw[1]);
			final float[] sub = run(pb, true, x, hw[0], hw[1], in);
			final float[] tf = run(pb, false, x, hw[0], hw[1], in);
			final float[] loop = transposed(x, hw[0], hw[1], in, kernel, k, s, out);
			assertEquals(loop.length, sub.length);
			assertClose(loop, tf, "TensorFlow's transposed convolution against the loop");
			assertClose(tf, sub, "sub-pixel form against TensorFlow's transposed convolution, k " + k + " s " + s +
				" " + hw[0] + "x" + hw[1]);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "fsrcnn-x2", "fsrcnn-x3", "fsrcnn-x4", "microscopy-x2" })
	void bundledFsrcnnModelsRunInSubPixelFormWithTheSameOutput(final String model) throws IOException {
		final byte[] pb = weights(Paths.get("models", model + ".zip"));
		final GraphDef rewritten = GraphReader.frozenGraph(pb).runnable();
		final Set<String> before = types(GraphDef.parseFrom(pb)), after = types(rewritten);
		assertTrue(before.contains("Conv2DBackpropInput"), before.toString());
		assertFalse(after.contains("Conv2DBackpropInput"), after.toString());
		// only allowed ops are added: the rewritten graph passes the allow-list by itself
		for (final String type : after) assertTrue(OpAllowList.INFERENCE.contains(type), type);
		for (final int[] hw : new int[][] { { 1, 1 }, { 17, 23 }, { 32, 31 } }) {
			final float[] x = random(hw[0] * hw[1], hw[0] + 100 * hw[1]);
			for (int i = 0; i < x.length; i++) x[i] = 0.5f + 0.5f * x[i];
			assertClose(run(pb, false, x, hw[0], hw[1], 1), run(pb, true, x, hw[0], hw[1], 1), model + " " + hw[0] +
				"x" + hw[1]);
		}
	}

	@Test
	void aGraphWithoutProvableOutputSizeIsLeftAlone() {
		// output size a constant: not provably s times the input, so kept as it is
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Operand<TFloat32> x = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1,
				-1, -1, 1)));
			final Operand<TFloat32> w = tf.constant(Shape.of(3, 3, 1, 1), DataBuffers.of(random(9, 1)));
			tf.withName("output").identity(tf.nn.conv2dBackpropInput(tf.constant(new int[] { 1, 8, 8, 1 }), w, x, Arrays
				.asList(1L, 2L, 2L, 1L), "SAME"));
			final ModelGraph graph = GraphReader.frozenGraph(g.toGraphDef().toByteArray());
			assertSame(graph.graphDef(), graph.runnable());
		}
	}

	@Test
	void theOriginalGraphIsCheckedBeforeAnyRewrite() {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			deconv(tf, 9, 2, 1, 1, random(81, 2));
			tf.withName("reader").io.readFile(tf.constant("/etc/passwd"));
			final ModelGraph graph = GraphReader.frozenGraph(g.toGraphDef().toByteArray());
			try (Graph target = new Graph()) {
				final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph.importInto(
					target));
				assertTrue(e.getMessage().contains("'reader' of type ReadFile"), e.getMessage());
			}
		}
	}

	/** A plain-loop transposed convolution, TensorFlow "SAME": out[s*p + a - pad] += x[p] K[a], pad = (k - s) / 2. */
	static float[] transposed(final float[] x, final int h, final int w, final int in, final float[] kernel,
		final int k, final int s, final int out)
	{
		final int pad = Math.max(k - s, 0) / 2, oh = s * h, ow = s * w;
		final float[] y = new float[oh * ow * out];
		for (int py = 0; py < h; py++) for (int px = 0; px < w; px++) for (int ay = 0; ay < k; ay++) {
			final int qy = s * py + ay - pad;
			if (qy < 0 || qy >= oh) continue;
			for (int ax = 0; ax < k; ax++) {
				final int qx = s * px + ax - pad;
				if (qx < 0 || qx >= ow) continue;
				for (int o = 0; o < out; o++) {
					double sum = 0;
					for (int c = 0; c < in; c++) sum += x[(py * w + px) * in + c] * kernel[((ay * k + ax) * out + o) * in + c];
					y[(qy * ow + qx) * out + o] += (float) sum;
				}
			}
		}
		return y;
	}

	/** nets.Layer's transposed convolution: output size Shape(x) * [1,s,s,0] + [0,0,0,out]. */
	static Operand<TFloat32> deconv(final Ops tf, final int k, final int s, final int in, final int out,
		final float[] kernel)
	{
		final Operand<TFloat32> x = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1,
			-1, in)));
		final Operand<TFloat32> w = tf.constant(Shape.of(k, k, out, in), DataBuffers.of(kernel));
		final Operand<TInt32> size = tf.math.add(tf.math.mul(tf.shape(x), tf.constant(new int[] { 1, s, s, 0 })), tf
			.constant(new int[] { 0, 0, 0, out }));
		return tf.withName("output").identity(tf.nn.conv2dBackpropInput(size, w, x, Arrays.asList(1L, (long) s,
			(long) s, 1L), "SAME"));
	}

	private static byte[] deconvGraph(final int k, final int s, final int in, final int out, final float[] kernel) {
		try (Graph g = new Graph()) {
			deconv(Ops.create(g), k, s, in, out, kernel);
			return g.toGraphDef().toByteArray();
		}
	}

	/** Runs a frozen graph with the rewrite on or off. */
	static float[] run(final byte[] pb, final boolean subPixel, final float[] x, final int h, final int w,
		final int c)
	{
		final String before = System.getProperty(SubPixelRewrite.PROPERTY);
		System.setProperty(SubPixelRewrite.PROPERTY, Boolean.toString(subPixel));
		try (Network network = Network.fromFrozenGraph(pb, new NetworkSpec("input", "output", Layout.NHWC), CPU)) {
			return network.run(x, h, w, c).data();
		} finally {
			if (before == null) System.clearProperty(SubPixelRewrite.PROPERTY);
			else System.setProperty(SubPixelRewrite.PROPERTY, before);
		}
	}

	private static Set<String> types(final GraphDef def) {
		final Set<String> types = new TreeSet<>();
		for (final NodeDef node : def.getNodeList()) types.add(node.getOp());
		return types;
	}

	private static void assertClose(final float[] expected, final float[] actual, final String what) {
		assertEquals(expected.length, actual.length, what);
		double worst = 0;
		for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
		assertTrue(worst <= 1e-5, what + ": largest difference " + worst);
	}

	private static float[] random(final int n, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian() * 0.5f;
		return v;
	}

	/** The model.pb of a bundle. */
	static byte[] weights(final Path zip) throws IOException {
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
