package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.deepsr.resample.Interpolation;
import org.deepsr.resample.MatlabResize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import net.imglib2.img.array.ArrayImgs;

/**
 * Output shapes and receptive fields of every registered network, probed
 * with seeded random weights. The reference for the radius is physical: an
 * impulse added to one LR pixel may only change output blocks within the
 * declared radius, and (the declared radius being tight) must reach it.
 */
class ArchitectureTest {

	static Stream<Arguments> nets() {
		return Stream.of("srcnn", "fsrcnn", "espcn", "vdsr").flatMap(n -> Stream.of(2, 3, 4).map(s -> Arguments.of(n, s)));
	}

	/** Small widths/depths keep the probes fast; depth still enters each radius. */
	private static NetConfig small(final String name, final int scale, final int channels) {
		final NetConfig c = NetConfig.of(scale, channels).withWidth(8);
		switch (name) {
			case "fsrcnn": return c.withDepth(2);
			case "vdsr": return c.withDepth(5);
			case "srcnn": return c.withDepth(4);
			default: return c.withDepth(3);
		}
	}

	@ParameterizedTest
	@MethodSource("nets")
	void outputIsScaleTimesInput(final String name, final int scale) {
		final Architecture a = NetRegistry.get(name);
		final float[] out = run(a, small(name, scale, 2), random(7 * 10 * 2, 1), 7, 10, 2, new long[1][]);
		assertEquals(scale * 7 * scale * 10 * 2, out.length);
	}

	@ParameterizedTest
	@MethodSource("nets")
	void impulseReachesExactlyTheDeclaredRadius(final String name, final int scale) {
		final Architecture a = NetRegistry.get(name);
		final NetConfig config = small(name, scale, 1);
		final int r = a.receptiveRadius(config);
		final int n = 2 * r + 9, centre = n / 2;
		final float[] base = random(n * n, 7);
		final float[] probe = base.clone();
		probe[centre * n + centre] += 1f;
		final long[][] shape = new long[1][];
		final float[] o1 = run(a, config, base, n, n, 1, shape);
		final float[] o2 = run(a, config, probe, n, n, 1, shape);
		assertArrayEquals(new long[] { 1, n * scale, n * scale, 1 }, shape[0]);
		double max = 0;
		for (int i = 0; i < o1.length; i++) max = Math.max(max, Math.abs(o1[i] - o2[i]));
		assertTrue(max > 0, "the impulse changed nothing");
		int reach = 0;
		for (int y = 0; y < n * scale; y++)
			for (int x = 0; x < n * scale; x++) {
				final int i = y * n * scale + x;
				if (Math.abs(o1[i] - o2[i]) > 1e-6 * max)
					reach = Math.max(reach, Math.max(Math.abs(y / scale - centre), Math.abs(x / scale - centre)));
			}
		assertEquals(r, reach, name + " x" + scale + ": impulse reach in LR pixels");
	}

	static Stream<Arguments> skipNets() {
		return Stream.of("srcnn", "fsrcnn", "espcn").flatMap(n -> Stream.of(2, 3, 4).map(s -> Arguments.of(n, s)));
	}

	/** With the bicubic skip the declared radius must still be exactly what an impulse reaches. */
	@ParameterizedTest
	@MethodSource("skipNets")
	void skipKeepsTheRadiusTight(final String name, final int scale) {
		final Architecture a = NetRegistry.get(name);
		final NetConfig config = small(name, scale, 1).withSkip(true);
		final int r = a.receptiveRadius(config), n = 2 * r + 9, centre = n / 2;
		final float[] base = random(n * n, 7), probe = base.clone();
		probe[centre * n + centre] += 1f;
		final float[] o1 = run(a, config, base, n, n, 1, new long[1][]), o2 = run(a, config, probe, n, n, 1, new long[1][]);
		int reach = 0;
		for (int y = 0; y < n * scale; y++)
			for (int x = 0; x < n * scale; x++)
				if (Math.abs(o1[y * n * scale + x] - o2[y * n * scale + x]) > 1e-6)
					reach = Math.max(reach, Math.max(Math.abs(y / scale - centre), Math.abs(x / scale - centre)));
		assertEquals(r, reach, name + " x" + scale + " with skip");
	}

	/**
	 * With its last layer silent (zero weights and bias) a network with the
	 * skip outputs the bicubic upscaled input: checked inside the image
	 * against DeepSR's own MATLAB imresize (Keys a = -0.5, the same kernel;
	 * the two differ in how they extend the border, and TensorFlow reads the
	 * kernel from a table of 1024 samples, which holds the x2 and x4 offsets
	 * exactly but rounds the thirds of x3: up to ~5e-4 apart there).
	 */
	@ParameterizedTest
	@MethodSource("skipNets")
	void skipWithASilentLastLayerIsBicubic(final String name, final int scale) {
		final NetConfig config = small(name, scale, 1).withSkip(true);
		final String last = "fsrcnn".equals(name) ? "deconv/" : "conv" + ("srcnn".equals(name) ? 4 : 3) + "/";
		final ConstantParameters seeded = ConstantParameters.seeded(11);
		final Parameters silent = (tf, pname, shape, init) -> pname.startsWith(last) ? seeded.get(tf, pname, shape, Init.constant(0)) : seeded.get(tf, pname, shape, init);
		final int h = 12, w = 15;
		final float[] input = random(h * w, 3);
		final float[] out = run(NetRegistry.get(name), config, input, h, w, 1, new long[1][], silent);
		final float[] bicubic = MatlabResize.resize(ArrayImgs.floats(input, w, h), scale, Interpolation.BICUBIC).update(null).getCurrentStorageArray();
		final int m = 2 * scale, W = w * scale;
		final double tolerance = scale == 3 ? 1e-3 : 1e-6;
		for (int y = m; y < h * scale - m; y++)
			for (int x = m; x < W - m; x++)
				assertEquals(bicubic[y * W + x], out[y * W + x], tolerance, name + " x" + scale + " at " + x + "," + y);
	}

	@Test
	void vdsrRefusesTheSkipItAlreadyHas() {
		assertThrows(IllegalArgumentException.class, () -> NetRegistry.get("vdsr").receptiveRadius(NetConfig.of(2, 1).withSkip(true)));
	}

	@Test
	void unknownNameListsTheKnownOnes() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetRegistry.get("edsr2"));
		assertTrue(e.getMessage().contains("espcn"), e.getMessage());
		assertEquals(NetRegistry.get("ESPCN"), NetRegistry.get("espcn"));
	}

	@Test
	void defaultRadiiFollowThePapersLayers() {
		// hand-derived: ESPCN 5x5+3x3+3x3 -> 2+1+1; FSRCNN 5x5 + four 3x3 + 9x9 deconv (x3: 3 LR px wide) -> 2+4+1
		assertEquals(4, NetRegistry.get("espcn").receptiveRadius(NetConfig.of(3, 1)));
		assertEquals(7, NetRegistry.get("fsrcnn").receptiveRadius(NetConfig.of(3, 1)));
		// VDSR x2: 20 HR px of 3x3 convs = 10 LR px, plus the bicubic taps (2, or 1 on the near side)
		assertEquals(12, NetRegistry.get("vdsr").receptiveRadius(NetConfig.of(2, 1)));
	}

	static float[] random(final int n, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = r.nextFloat();
		return v;
	}

	private static float[] run(final Architecture a, final NetConfig config, final float[] input, final int h, final int w, final int c, final long[][] shape) {
		return run(a, config, input, h, w, c, shape, ConstantParameters.seeded(11));
	}

	private static float[] run(final Architecture a, final NetConfig config, final float[] input, final int h, final int w, final int c, final long[][] shape,
		final Parameters params)
	{
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, c)));
			final Operand<TFloat32> out = a.build(tf, in, config, params);
			try (Session s = new Session(g);
				TFloat32 t = TFloat32.tensorOf(Shape.of(1, h, w, c), DataBuffers.of(input, true, false));
				Result r = s.runner().feed(in, t).fetch(out).run())
			{
				final TFloat32 o = (TFloat32) r.get(0);
				shape[0] = o.shape().asArray();
				final float[] v = new float[(int) o.shape().size()];
				o.asRawTensor().data().asFloats().read(v);
				return v;
			}
		}
	}

	@Test
	void registryRefusesASecondNetworkOfTheSameName() {
		final Architecture before = NetRegistry.get("espcn");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetRegistry.register(new Espcn()));
		assertTrue(e.getMessage().contains("'espcn' is already registered"), e.getMessage());
		assertTrue(before == NetRegistry.get("espcn"), "the first registration stays");
	}

	@Test
	void modeIsBuiltForButDoesNotNameTheWeights() {
		final NetConfig inference = NetConfig.of(3, 1).withWidth(8);
		final NetConfig train = inference.withMode(NetConfig.Mode.TRAIN);
		assertEquals(NetConfig.Mode.INFERENCE, inference.mode());
		assertEquals(NetConfig.Mode.TRAIN, train.mode());
		assertEquals(NetConfig.Mode.TRAIN, train.withDepth(2).withSkip(true).mode(), "other options keep the mode");
		assertEquals(inference.toString(), train.toString(), "checkpoints match across modes");
	}
}
