package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

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
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, c)));
			final Operand<TFloat32> out = a.build(tf, in, config, ConstantParameters.seeded(11));
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
}
