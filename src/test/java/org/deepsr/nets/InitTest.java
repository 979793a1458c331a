package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Initialisers read their fans from the shape as Keras does
 * (tf.keras.initializers: receptive field * shape[-2] in, * shape[-1] out)
 * and draw the distributions their papers define, checked on the sample.
 */
class InitTest {

	@Test
	void fansFollowKeras() {
		assertEquals(3 * 3 * 16, Init.fanIn(new long[] { 3, 3, 16, 32 }));
		assertEquals(3 * 3 * 32, Init.fanOut(new long[] { 3, 3, 16, 32 }));
		// a transposed kernel [kh,kw,out,in]: Keras' fan-in is kh*kw*out
		assertEquals(9 * 9 * 1, Init.fanIn(new long[] { 9, 9, 1, 56 }));
		assertEquals(64, Init.fanIn(new long[] { 64 }));
		assertEquals(64, Init.fanOut(new long[] { 64 }));
	}

	/** He (2015): N(0, 2/fanIn); Glorot (2010) uniform: limit sqrt(6/(fanIn+fanOut)); PyTorch's Conv2d default: limit 1/sqrt(fanIn). */
	@Test
	void samplesHaveThePapersSpread() {
		final long[] shape = { 5, 5, 32, 64 };
		final double fanIn = 800, fanOut = 1600;
		assertEquals(Math.sqrt(2 / fanIn), std(Init.draw(Init.he(), 1, "w", shape)), 0.02 * Math.sqrt(2 / fanIn));
		uniform(Init.draw(Init.xavier(), 1, "w", shape), Math.sqrt(6 / (fanIn + fanOut)));
		uniform(Init.draw(Init.torch(), 1, "w", shape), 1 / Math.sqrt(fanIn));
		assertEquals(0.001, std(Init.draw(Init.normal(0.001), 1, "w", shape)), 2e-5);
		uniform(Init.draw(Init.xavier().times(0.1), 1, "w", shape), 0.1 * Math.sqrt(6 / (fanIn + fanOut)));
		assertArrayEquals(new float[] { 0.25f, 0.25f, 0.25f }, Init.draw(Init.constant(0.25f), 1, "a", new long[] { 3 }));
	}

	/** Values depend on (seed, name) only, so building layers in another order draws the same weights. */
	@Test
	void drawsDependOnSeedAndName() {
		final long[] shape = { 3, 3, 4, 4 };
		assertArrayEquals(Init.draw(Init.he(), 7, "conv1/kernel", shape), Init.draw(Init.he(), 7, "conv1/kernel", shape));
		assertTrue(Init.draw(Init.he(), 7, "conv1/kernel", shape)[0] != Init.draw(Init.he(), 7, "conv2/kernel", shape)[0]);
		assertTrue(Init.draw(Init.he(), 7, "conv1/kernel", shape)[0] != Init.draw(Init.he(), 8, "conv1/kernel", shape)[0]);
	}

	/** U(-l, l): nothing beyond l, the extremes near it, variance l^2/3. */
	private static void uniform(final float[] v, final double limit) {
		double max = 0;
		for (final float x : v) max = Math.max(max, Math.abs(x));
		assertTrue(max <= limit && max > 0.99 * limit, max + " vs limit " + limit);
		assertEquals(limit / Math.sqrt(3), std(v), 0.02 * limit);
	}

	private static double std(final float[] v) {
		double s = 0, s2 = 0;
		for (final float x : v) {
			s += x;
			s2 += (double) x * x;
		}
		final double m = s / v.length;
		return Math.sqrt(s2 / v.length - m * m);
	}
}
