package org.deepsr.normalise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The descriptor's modes, checked against values worked out by hand. */
class NormaliserTest {

	private static final double[] UNIT = { 0, 1 }, SYMMETRIC = { -1, 1 };
	/** 0..40 in steps of 10 over two planes, and a NaN that every statistic ignores. */
	private static final List<float[]> PLANES = List.of(new float[] { 10, 0, Float.NaN }, new float[] { 40, 20, 30 });

	@Test
	void fixedMapsEightBitDataFrom0To255WhateverTheirValues() {
		final Normaliser n = Normaliser.of(Normaliser.FIXED, null, null, true, PLANES, SYMMETRIC);
		assertEquals(0, n.low());
		assertEquals(255, n.high());
		final float[] v = { 0, 127.5f, 255 };
		n.forward(v);
		assertArrayEquals(new float[] { -1, 0, 1 }, v);
	}

	@Test
	void fixedMapsOtherDataFromMinToMax() {
		final Normaliser n = Normaliser.of(Normaliser.FIXED, null, null, false, PLANES, UNIT);
		assertEquals(0, n.low());
		assertEquals(40, n.high());
		final float[] v = { 0, 10, 40, 50 };
		n.forward(v);
		assertArrayEquals(new float[] { 0, 0.25f, 1, 1.25f }, v, "values outside min..max are not clamped");
	}

	@Test
	void percentileModeUsesPercentilesAtEveryBitDepth() {
		// 5 values 0..40: numpy's 10th percentile is at index 0.4 (4), the 90th at 3.6 (36)
		for (final boolean eightBit : new boolean[] { true, false }) {
			final Normaliser n = Normaliser.of(Normaliser.PERCENTILE, 10.0, 90.0, eightBit, PLANES, SYMMETRIC);
			assertEquals(4, n.low(), 1e-12);
			assertEquals(36, n.high(), 1e-12);
		}
	}

	@Test
	void inverseUndoesForward() {
		final Normaliser n = Normaliser.of(Normaliser.PERCENTILE, 10.0, 90.0, false, PLANES, SYMMETRIC);
		final float[] v = { -7, 4, 20, 36, 1000 };
		n.forward(v);
		assertArrayEquals(new float[] { -1 - 2 * 11 / 32f, -1, 0, 1, -1 + 2 * 996 / 32f }, v, 1e-6f);
		n.inverse(v);
		assertArrayEquals(new float[] { -7, 4, 20, 36, 1000 }, v, 1e-4f);
	}

	@Test
	void constantDataAndUnknownModesAreRefusedClearly() {
		final List<float[]> flat = List.of(new float[] { 3, 3 }, new float[] { 3 });
		final IllegalArgumentException minMax = assertThrows(IllegalArgumentException.class, () -> Normaliser.of(
			Normaliser.FIXED, null, null, false, flat, UNIT));
		assertTrue(minMax.getMessage().contains("constant (3)"), minMax.getMessage());
		final List<float[]> sparse = List.of(new float[10_000], new float[] { 9 });
		final IllegalArgumentException percentile = assertThrows(IllegalArgumentException.class, () -> Normaliser.of(
			Normaliser.PERCENTILE, 0.1, 99.9, false, sparse, UNIT));
		assertTrue(percentile.getMessage().contains("0.1 and 99.9 percentiles are both 0"), percentile.getMessage());
		final IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> Normaliser.of("zscore",
			null, null, false, PLANES, UNIT));
		assertTrue(mode.getMessage().contains("'zscore'"), mode.getMessage());
	}
}
