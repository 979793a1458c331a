package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Patch sampling. Reference: a physical invariant. Every LR patch must equal
 * the box-average downscale (the test's own degradation) of its HR patch,
 * which holds only if both were cut at aligned positions and given the same
 * flip/rotation.
 */
class ImagePatchSamplerTest {

	@Test
	void lrPatchIsTheDegradedHrPatch() {
		final int s = 3, p = 5;
		final ImagePatchSampler sampler = new ImagePatchSampler(List.of(Fixtures.synthetic(40, 52, 3), Fixtures.synthetic(31, 35, 4)), s, p, hr -> Fixtures.boxDown(hr, s), 1);
		final Set<String> distinctHr = new HashSet<>();
		for (long k = 0; k < 20; k++) {
			final Batch b = sampler.batch(k, 8);
			for (int n = 0; n < 8; n++) {
				final FloatImage hr = new FloatImage(p * s, p * s, 1, Arrays.copyOfRange(b.hr(), n * p * p * s * s, (n + 1) * p * p * s * s));
				final float[] lr = Arrays.copyOfRange(b.lr(), n * p * p, (n + 1) * p * p);
				assertArrayEquals(Fixtures.boxDown(hr, s).data(), lr, 1e-6f, "batch " + k + " patch " + n);
				distinctHr.add(Arrays.toString(hr.data()));
			}
		}
		assertTrue(distinctHr.size() > 120, "patches should vary: " + distinctHr.size());
	}

	@Test
	void batchDependsOnlyOnSeedAndIndex() {
		final PatchSource a = Fixtures.source(5), b = Fixtures.source(5), c = Fixtures.source(6);
		assertArrayEquals(a.batch(17, 4).hr(), b.batch(17, 4).hr());
		assertFalse(Arrays.equals(a.batch(17, 4).hr(), a.batch(18, 4).hr()));
		assertFalse(Arrays.equals(a.batch(17, 4).hr(), c.batch(17, 4).hr()));
	}

	@Test
	void eightSymmetriesOfAnAsymmetricPatch() {
		// 2x2 patch [1 2; 3 4]: the 8 transforms give 8 distinct arrangements (the dihedral group D4).
		final FloatImage img = new FloatImage(2, 2, 1, new float[] { 1, 2, 3, 4 });
		final Set<String> seen = new HashSet<>();
		for (int t = 0; t < 8; t++) {
			final float[] out = new float[4];
			ImagePatchSampler.crop(img, 0, 0, 2, t, out, 0);
			seen.add(Arrays.toString(out));
		}
		assertEquals(8, seen.size());
	}

	@Test
	void tooSmallImageIsNamed() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new ImagePatchSampler(List.of(Fixtures.synthetic(10, 10, 1)), 2, 8, hr -> Fixtures.boxDown(hr, 2), 1));
		assertTrue(e.getMessage().contains("smaller than one patch"), e.getMessage());
	}
}
