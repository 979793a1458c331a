package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepsr.tile.TilePlan;
import org.junit.jupiter.api.Test;

/**
 * Automatic tiles take at most a quarter of the memory the system has
 * available (MemAvailable), never more than the 64 MiB budget: on a machine
 * short of memory the tiles shrink so that TensorFlow's native memory for one
 * (planned at {@link TilePlan#DEFAULT_BYTES_PER_INPUT_PIXEL} per padded pixel)
 * fits in that quarter.
 */
class TileBudgetTest {

	private static final long BUDGET = ModelEngine.TILE_BUDGET_BYTES;

	private static String meminfo(final long availableKiB) {
		return "MemTotal:       16318480 kB\nMemFree:          123456 kB\nMemAvailable:   " + availableKiB +
			" kB\nBuffers:           1234 kB\n";
	}

	@Test
	void aQuarterOfTheAvailableMemoryCapsTheBudget() {
		assertEquals(32L << 20, Memory.tileBudget(BUDGET, meminfo(128 << 10)), "128 MiB available: 32 MiB");
		assertEquals(BUDGET, Memory.tileBudget(BUDGET, meminfo(16L << 20)), "16 GiB available: the 64 MiB budget");
		assertEquals(BUDGET, Memory.tileBudget(BUDGET, meminfo(256 << 10)), "exactly four budgets available");
		assertEquals(BUDGET, Memory.tileBudget(BUDGET, "MemTotal: 1 kB\n"), "unknown: the budget as it is");
	}

	/** The plan made with a capped budget: each padded tile's planned native memory within the quarter. */
	@Test
	void tilesPlannedForTheCappedBudgetFitInAQuarterOfWhatIsAvailable() {
		for (final long availableMiB : new long[] { 16, 64, 160, 4096 }) {
			final long budget = Memory.tileBudget(BUDGET, meminfo(availableMiB << 10));
			final TilePlan plan = TilePlan.forMemory(4000, 3000, budget, TilePlan.DEFAULT_BYTES_PER_INPUT_PIXEL, 4, 6);
			final double tileBytes = (double) plan.tileWidth() * plan.tileHeight() *
				TilePlan.DEFAULT_BYTES_PER_INPUT_PIXEL;
			assertTrue(tileBytes <= Math.min(BUDGET, (availableMiB << 20) / 4.0), availableMiB + " MiB available: " +
				plan.tileWidth() + "x" + plan.tileHeight() + " tiles plan " + tileBytes + " bytes");
		}
	}
}
