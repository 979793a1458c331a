package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Schedules against their closed forms evaluated by hand. */
class LearningRateScheduleTest {

	@Test
	void stepHalvesEveryPeriod() {
		final LearningRateSchedule s = LearningRateSchedule.step(10, 0.5);
		assertEquals(1.0, s.rate(1, 9, 100), 0);
		assertEquals(0.5, s.rate(1, 10, 100), 0);
		assertEquals(0.25, s.rate(1, 25, 100), 0);
	}

	@Test
	void cosineFromBaseToFloor() {
		final LearningRateSchedule s = LearningRateSchedule.cosine(0.1);
		assertEquals(2.0, s.rate(2, 0, 100), 1e-12);
		// halfway: 0.2 + 1.8 * 0.5 * (1 + cos(pi/2)) = 1.1
		assertEquals(1.1, s.rate(2, 50, 100), 1e-12);
		assertEquals(0.2, s.rate(2, 100, 100), 1e-12);
	}
}
