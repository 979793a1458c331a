package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The value count of a stack is counted in long: in int arithmetic
 * 65536 x 65536 x 1 wraps to 0 and 2048 x 2048 x 512 to -2^31, which would
 * allocate a wrong array instead of failing clearly. Nothing that large is allocated here.
 */
class TrainingImagesTest {

	@Test
	void countsLargeStacksWithoutWrapping() {
		assertEquals(2146435072, TrainingImages.values("a", 1024, 1024, 2047)); // 2^20 * 2047, just under 2^31 - 8
		for (final long[] size : new long[][] { { 65536, 65536, 1 }, { 2048, 2048, 512 }, { 46341, 46341, 1 } }) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingImages.values("big", (int) size[0], (int) size[1], size[2]));
			assertTrue(e.getMessage().contains(Long.toString(size[0] * size[1] * size[2])) && e.getMessage().contains("split the stack"), e.getMessage());
		}
	}
}
