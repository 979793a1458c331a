package org.deepsr.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;

/**
 * Runs {@link TinyNet} graphs through {@link Network} and compares with the
 * plain-loop reference in {@link TinyNet#reference} (an independent
 * implementation of conv2d SAME + depth_to_space).
 */
class NetworkTest {

	private static final SessionOptions CPU2 = new SessionOptions(Device.CPU, 2, 1);

	@Test
	void frozenGraphNhwcMatchesReference() {
		final TinyNet net = new TinyNet(1, 2, 3);
		final float[] in = TinyNet.image(7, 9, 1, 1);
		try (Network network = Network.fromFrozenGraph(net.graphDef(false),
			new NetworkSpec("input", "output:0", Layout.NHWC), CPU2))
		{
			final NetworkOutput out = network.run(in, 7, 9, 1);
			assertEquals(14, out.height());
			assertEquals(18, out.width());
			assertEquals(1, out.channels());
			assertArrayEquals(net.reference(in, 7, 9), out.data(), 1e-5f);
			assertEquals("CPU (2 threads)", network.device());
		}
	}

	@Test
	void nchwOutputIsConvertedToRowMajorHwc() {
		// Three channels make the NCHW -> HWC reordering visible.
		final TinyNet net = new TinyNet(3, 3, 3);
		final float[] in = TinyNet.image(5, 4, 3, 2);
		try (Network network = Network.fromFrozenGraph(net.graphDef(true),
			new NetworkSpec("input", "output", Layout.NCHW), CPU2))
		{
			final NetworkOutput out = network.run(in, 5, 4, 3);
			assertEquals(3, out.channels());
			assertArrayEquals(net.reference(in, 5, 4), out.data(), 1e-5f);
		}
	}

	@Test
	void savedModelTakesTensorNamesFromServingDefault(@TempDir final Path dir) throws Exception {
		final TinyNet net = new TinyNet(1, 2, 3);
		final Path folder = dir.resolve("saved");
		net.savedModel(folder);
		final float[] in = TinyNet.image(6, 6, 1, 3);
		try (Network network = Network.fromSavedModel(folder, new NetworkSpec(null, null, Layout.NHWC), CPU2)) {
			assertArrayEquals(net.reference(in, 6, 6), network.run(in, 6, 6, 1).data(), 1e-5f);
		}
	}

	@Test
	void unknownTensorNameIsReported() {
		final byte[] def = new TinyNet(1, 2, 3).graphDef(false);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network
			.fromFrozenGraph(def, new NetworkSpec("IteratorGetNext", "output", Layout.NHWC), CPU2));
		assertTrue(e.getMessage().contains("IteratorGetNext"), e.getMessage());
		// The message names the graph's placeholder, with the shape it declares.
		assertTrue(e.getMessage().contains("input [1, -1, -1, 1]"), e.getMessage());
	}

	/** TinyNet's placeholder is declared [1,-1,-1,3]: a 1-channel image is refused before TensorFlow runs. */
	@Test
	void inputChannelsStatedByThePlaceholderAreChecked() {
		try (Network network = Network.fromFrozenGraph(new TinyNet(3, 2, 3).graphDef(false),
			new NetworkSpec("input", "output", Layout.NHWC), CPU2))
		{
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> network.run(
				TinyNet.image(4, 4, 1, 1), 4, 4, 1));
			assertTrue(e.getMessage().contains("takes 3 channel(s), not 1"), e.getMessage());
		}
	}

	@Test
	void nonFloatInputIsRefused() {
		final byte[] def;
		try (Graph graph = new Graph()) {
			final Ops tf = Ops.create(graph);
			final Operand<TInt32> in = tf.withName("input").placeholder(TInt32.class, Placeholder.shape(Shape.of(1,
				-1, -1, 1)));
			tf.withName("output").math.add(in, in);
			def = graph.toGraphDef().toByteArray();
		}
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network
			.fromFrozenGraph(def, new NetworkSpec("input", "output", Layout.NHWC), CPU2));
		assertTrue(e.getMessage().contains("DT_INT32") && e.getMessage().contains("float32"), e.getMessage());
	}

	@Test
	void gpuRequestWithoutGpuNamesCudaAndTheProfile() {
		final byte[] def = new TinyNet(1, 2, 3).graphDef(false);
		final NetworkSpec spec = new NetworkSpec("input", "output", Layout.NHWC);
		try (Network auto = Network.fromFrozenGraph(def, spec, CPU2)) {
			assumeFalse(auto.device().startsWith("GPU"), "a GPU is present");
		}
		try (Network auto = Network.fromFrozenGraph(def, spec, SessionOptions.of(Device.AUTO))) {
			assumeFalse(auto.device().startsWith("GPU"), "a GPU is present");
		}
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> Network.fromFrozenGraph(def,
			spec, SessionOptions.of(Device.GPU)));
		assertTrue(e.getMessage().contains("CUDA 12.5") && e.getMessage().contains("cuDNN 9.3") &&
			e.getMessage().contains("'gpu'"), e.getMessage());
	}

	@Test
	void chwToHwcPlacesEveryValue() {
		// Invariant: value 100c + 10y + x stored planar must land at (y, x, c) row-major.
		final int c = 3, h = 2, w = 4;
		final float[] chw = new float[c * h * w];
		for (int k = 0; k < c; k++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++)
			chw[(k * h + y) * w + x] = 100 * k + 10 * y + x;
		final float[] hwc = Layout.chwToHwc(chw, c, h, w);
		for (int k = 0; k < c; k++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++)
			assertEquals(100 * k + 10 * y + x, hwc[(y * w + x) * c + k]);
	}

	/**
	 * A graph whose output cannot be allocated (a 1x8x8x1 input tiled 2^22
	 * times along x and y: 4 PiB of floats) makes TensorFlow's allocator fail
	 * for real: told as {@link NativeOutOfMemoryException}, which the upscaler
	 * retries with smaller tiles, not as any other network failure.
	 */
	@Test
	void tensorFlowsOwnOutOfMemoryIsToldApart() {
		final byte[] def;
		try (Graph graph = new Graph()) {
			final Ops tf = Ops.create(graph);
			final Placeholder<org.tensorflow.types.TFloat32> input = tf.withName("input").placeholder(
				org.tensorflow.types.TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, 1)));
			tf.withName("output").tile(input, tf.constant(new int[] { 1, 1 << 22, 1 << 22, 1 }));
			def = graph.toGraphDef().toByteArray();
		}
		try (Network network = Network.fromFrozenGraph(def, new NetworkSpec("input", "output", Layout.NHWC), CPU2)) {
			final NativeOutOfMemoryException e = assertThrows(NativeOutOfMemoryException.class, () -> network.run(
				new float[64], 8, 8, 1));
			assertTrue(e.getMessage().startsWith("TensorFlow ran out of memory on a 8x8 input: ") && e.getMessage()
				.contains("OOM"), e.getMessage());
		}
	}
}
