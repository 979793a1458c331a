package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;

/**
 * The first Adam update against its closed form (Kingma & Ba 2015, Algorithm 1
 * with bias correction): m1 = (1-b1) g, v1 = (1-b2) g^2, so the step is
 * lr * g / (|g| + eps), i.e. exactly lr for every parameter whose gradient is
 * not tiny. A frozen variable, wrong beta powers or a stale learning rate all
 * break it.
 */
class AdamStepTest {

	@Test
	void firstStepMovesEveryParameterByTheLearningRate() {
		final double lr = 1e-2;
		final TrainingConfig config = Fixtures.tinyEspcn().width(8).patchSize(10).batchSize(4).steps(1).learningRate(lr)
			.schedule(LearningRateSchedule.constant()).loss(Loss.L2).validateEvery(0);
		final PatchSource source = new ImagePatchSampler(List.of(Fixtures.synthetic(60, 60, 21), Fixtures.synthetic(60, 60, 22)),
			2, 10, hr -> Fixtures.boxDown(hr, 2), config.seed());
		try (Trainer t = new Trainer(config, source, List.of(), Progress.NONE)) {
			final Map<String, float[]> before = t.weights();
			t.train();
			final Map<String, float[]> after = t.weights();
			for (final String name : before.keySet()) {
				final float[] a = before.get(name), b = after.get(name);
				int atRate = 0;
				for (int i = 0; i < a.length; i++) {
					final double d = Math.abs(b[i] - a[i]);
					assertTrue(d <= lr * 1.001, name + "[" + i + "] moved " + d + ", more than the learning rate " + lr);
					if (Math.abs(d - lr) < 0.01 * lr) atRate++;
				}
				assertTrue(atRate >= 0.9 * a.length, name + ": only " + atRate + " of " + a.length + " values moved by the learning rate");
			}
		}
	}
}
