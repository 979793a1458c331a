package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.deepsr.resample.Interpolation;
import org.deepsr.resample.MatlabResize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

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
		final float[] out = run(a, small(name, scale, 2), Nets.random(7 * 10 * 2, 1), 7, 10, new long[1][]);
		assertEquals(scale * 7 * scale * 10 * 2, out.length);
	}

	@ParameterizedTest
	@MethodSource("nets")
	void impulseReachesExactlyTheDeclaredRadius(final String name, final int scale) {
		final Architecture a = NetRegistry.get(name);
		final NetConfig config = small(name, scale, 1);
		final int r = a.receptiveRadius(config);
		final int n = 2 * r + 9, centre = n / 2;
		final float[] base = Nets.random(n * n, 7);
		final float[] probe = base.clone();
		probe[centre * n + centre] += 1f;
		final long[][] shape = new long[1][];
		final float[] o1 = run(a, config, base, n, n, shape);
		final float[] o2 = run(a, config, probe, n, n, shape);
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
		final float[] base = Nets.random(n * n, 7), probe = base.clone();
		probe[centre * n + centre] += 1f;
		final float[] o1 = run(a, config, base, n, n, null), o2 = run(a, config, probe, n, n, null);
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
		final float[] input = Nets.random(h * w, 3);
		final float[] out = Nets.run(NetRegistry.get(name), config, silent, input, h, w, null);
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

	private static float[] run(final Architecture a, final NetConfig config, final float[] input, final int h, final int w, final long[][] shape) {
		return Nets.run(a, config, ConstantParameters.seeded(11), input, h, w, shape);
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
