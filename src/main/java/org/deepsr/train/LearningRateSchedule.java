package org.deepsr.train;

/** Learning rate as a function of the step (0-based count of updates already done). */
@FunctionalInterface
public interface LearningRateSchedule {

	/**
	 * @param base the configured learning rate (> 0)
	 * @param step updates done so far, 0 .. totalSteps-1
	 * @param totalSteps the planned number of updates
	 */
	double rate(double base, long step, long totalSteps);

	/** The base rate throughout. */
	static LearningRateSchedule constant() {
		return (base, step, total) -> base;
	}

	/** base * gamma^floor(step / every): e.g. halve every 200,000 steps. */
	static LearningRateSchedule step(final long every, final double gamma) {
		if (every < 1) throw new IllegalArgumentException("Step schedule period must be >= 1 step, got " + every + ".");
		if (!(gamma > 0)) throw new IllegalArgumentException("Step schedule factor gamma must be > 0, got " + gamma + ".");
		return (base, step, total) -> base * Math.pow(gamma, step / every);
	}

	/** Cosine annealing from base at step 0 down to {@code minFactor * base} at the last step (minFactor in [0,1]). */
	static LearningRateSchedule cosine(final double minFactor) {
		if (!(minFactor >= 0 && minFactor <= 1)) throw new IllegalArgumentException("Cosine schedule floor must be in [0,1], got " + minFactor + ".");
		return (base, step, total) -> {
			final double min = base * minFactor;
			return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * step / Math.max(1, total)));
		};
	}
}
