package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.Test;

/**
 * The trainer's and the data's fluent configurations start from the record's
 * defaults: a fresh {@link TrainingConfig} equals the one the default
 * {@link TrainingOptions} make, field by field (the schedule by its rates),
 * and so does a fresh {@link DatasetSpec}.
 */
class TrainingOptionsTest {

	@Test
	void trainingConfigAndDatasetSpecDefaultToTheRecord() throws Exception {
		final TrainingConfig fresh = new TrainingConfig(), fromRecord = new TrainingOptions().config();
		for (final Field f : TrainingConfig.class.getDeclaredFields()) {
			if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("schedule")) continue;
			f.setAccessible(true);
			assertEquals(f.get(fromRecord), f.get(fresh), "TrainingConfig." + f.getName());
		}
		for (final long step : new long[] { 0, 1, 250, 500, 999 })
			assertEquals(fromRecord.schedule().rate(1, step, fromRecord.steps()), fresh.schedule().rate(1, step, fresh.steps()), 0, "rate at step " + step);
		final DatasetSpec spec = new DatasetSpec(), specFromRecord = new TrainingOptions().dataset();
		for (final Field f : DatasetSpec.class.getDeclaredFields()) {
			if (Modifier.isStatic(f.getModifiers())) continue;
			f.setAccessible(true);
			assertEquals(f.get(specFromRecord), f.get(spec), "DatasetSpec." + f.getName());
		}
	}

	/** The network options reach the network's configuration (what checkpoints compare and the architecture reads). */
	@Test
	void networkOptionsReachTheNetConfig() {
		final TrainingOptions o = new TrainingOptions();
		o.network = "edsr";
		o.width = 16;
		o.blocks = 3;
		o.groups = 2;
		o.recursions = 4;
		o.residualScale = 0.5;
		assertEquals("x2, 1 channel(s), width 16, depth default, blocks 3, groups 2, recursions 4, residual scale 0.5", o.config().netConfig().toString());
	}
}
