package org.deepsr.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Plan invariants checked by brute force over many random sizes: every pixel
 * written exactly once, one shape for all tiles, interiors on the step grid,
 * the write region inside the interior, tiles inside the image unless the
 * image is smaller than a tile; memory plans checked against the budget
 * inequality they promise.
 */
class TilePlanTest {

	@Test
	void everyPixelWrittenOnceByEqualTilesOnTheStep() {
		final Random random = new Random(1);
		for (int trial = 0; trial < 500; trial++) {
			final int width = 1 + random.nextInt(90), height = 1 + random.nextInt(90);
			final int step = 1 + random.nextInt(8), halo = random.nextInt(7);
			final int tile = 1 + random.nextInt(40);
			final TilePlan plan = trial % 5 == 0 ? TilePlan.whole(width, height, step, halo) : TilePlan
				.of(width, height, tile, step, halo);
			final String what = plan.toString();
			assertEquals(0, plan.interiorWidth() % step, what);
			assertEquals(0, plan.interiorHeight() % step, what);
			assertEquals(0, plan.tileWidth() % step, what);
			assertEquals(0, plan.tileHeight() % step, what);
			assertTrue(plan.halo() >= halo && plan.halo() < halo + step, what);
			final int[] count = new int[width * height];
			for (final Tile t : plan.tiles()) {
				assertTrue(t.x() >= 0 && t.y() >= 0, what);
				// Inside the image, or a single tile of the image rounded up to the step.
				assertTrue(t.x() + plan.interiorWidth() <= Math.max(width, roundUp(width, step)), what);
				assertTrue(t.x() + plan.interiorWidth() <= width || plan.interiorWidth() == roundUp(width,
					step), what);
				assertTrue(t.y() + plan.interiorHeight() <= height || plan.interiorHeight() == roundUp(
					height, step), what);
				assertTrue(t.writeX() >= t.x() && t.writeX() + t.writeWidth() <= t.x() + plan
					.interiorWidth(), what);
				assertTrue(t.writeY() >= t.y() && t.writeY() + t.writeHeight() <= t.y() + plan
					.interiorHeight(), what);
				for (long y = t.writeY(); y < t.writeY() + t.writeHeight(); y++)
					for (long x = t.writeX(); x < t.writeX() + t.writeWidth(); x++)
						count[(int) (y * width + x)]++;
			}
			for (int i = 0; i < count.length; i++)
				assertEquals(1, count[i], what + " pixel " + i);
		}
	}

	@Test
	void userTileRoundedToStepAndShrunkToSmallImages() {
		final TilePlan plan = TilePlan.of(1000, 700, 250, 16, 10);
		assertEquals(256, plan.interiorWidth()); // 250 / 16 = 15.6 -> 16 steps
		assertEquals(256, plan.interiorHeight());
		assertEquals(16, plan.halo()); // 2 * halo must be a multiple of 16: 10 -> 16
		assertEquals(288, plan.tileWidth());
		assertEquals(4 * 3, plan.tiles().size());
		assertEquals(1000 - 256, plan.tiles().get(3).x()); // last column shifted inward
		final TilePlan small = TilePlan.of(30, 5, 256, 4, 3);
		assertEquals(32, small.interiorWidth());
		assertEquals(8, small.interiorHeight());
		assertEquals(4, small.halo());
		assertEquals(1, small.tiles().size());
	}

	@Test
	void memoryPlanUsesFewestEvenTilesWithinBudget() {
		final Random random = new Random(2);
		for (int trial = 0; trial < 200; trial++) {
			final int step = 1 + random.nextInt(16), halo = random.nextInt(20);
			final double bpp = 16 + random.nextInt(4096);
			final long budget = (long) (bpp * (1 + random.nextInt(2000)) * (1 + random.nextInt(2000)));
			final TilePlan plan = TilePlan.forMemory(20_000, 20_000, budget, bpp, step, halo);
			final double side = plan.tileWidth();
			final String what = plan + " budget " + budget + " bpp " + bpp;
			assertEquals(plan.interiorWidth(), plan.interiorHeight(), what);
			if (plan.interiorWidth() > step) assertTrue(side * side * bpp <= budget, what);
			// Independently: the largest interior within the budget, and how many of those the axis needs.
			final long largest = Math.max(1, (long) Math.floor((Math.sqrt(budget / bpp) - 2 * plan.halo()) /
				step)) * step;
			final long fewest = (20_000 + largest - 1) / largest;
			final long tiles = (20_000 + plan.interiorWidth() - 1) / plan.interiorWidth();
			assertEquals(fewest, tiles, "as few tiles as the budget allows: " + what);
			assertTrue(plan.interiorWidth() - step < (20_000 + tiles - 1) / tiles, "even tiles: " + what);
		}
		// 1 GiB at the default estimate: sqrt(2^30 / 1024) = 1024 pixels per side, interior at most
		// 1024 - 2 * 8 = 1008; 5000 pixels need 5 of those, and 1000 each suffice.
		assertEquals(1000, TilePlan.forMemory(5000, 5000, 1L << 30, TilePlan.DEFAULT_BYTES_PER_INPUT_PIXEL, 4, 8)
			.interiorWidth());
		// A 1024-pixel image with interiors of at most 1016 (halo 4): two tiles of 512, not two of 1016.
		final TilePlan two = TilePlan.forMemory(1024, 1024, 1L << 30, TilePlan.DEFAULT_BYTES_PER_INPUT_PIXEL, 1, 4);
		assertEquals(512, two.interiorWidth());
		assertEquals(4, two.tiles().size());
	}


	@Test
	void badInputIsRejectedWithAReason() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> TilePlan.of(0, 5, 8, 1, 0))
			.getMessage().contains("at least 1x1"));
		assertThrows(IllegalArgumentException.class, () -> TilePlan.of(5, 5, 8, 0, 0));
		assertThrows(IllegalArgumentException.class, () -> TilePlan.of(5, 5, 8, 1, -1));
		assertThrows(IllegalArgumentException.class, () -> TilePlan.of(5, 5, 0, 1, 0));
		assertThrows(IllegalArgumentException.class, () -> TilePlan.forMemory(5, 5, 0, 1, 1, 0));
	}

	private static long roundUp(final long n, final long step) {
		return (n + step - 1) / step * step;
	}
}
