package org.deepsr.train;

import java.util.Collections;
import java.util.Map;

/** What a training run produced. */
public final class TrainingResult {

	/** Why the loop ended. */
	public enum StopReason {
		/** All configured steps were done. */
		COMPLETED,
		/** Validation PSNR stopped improving for {@code patience} validations. */
		EARLY_STOPPED,
		/** {@code Progress.cancelled()} asked to stop; a checkpoint was kept when a folder was set. */
		CANCELLED
	}

	private final Map<String, float[]> bestWeights;
	private final Map<String, float[]> lastWeights;
	private final double bestPsnr;
	private final long bestStep;
	private final long steps;
	private final StopReason reason;

	TrainingResult(final Map<String, float[]> bestWeights, final Map<String, float[]> lastWeights, final double bestPsnr,
		final long bestStep, final long steps, final StopReason reason)
	{
		this.bestWeights = Collections.unmodifiableMap(bestWeights);
		this.lastWeights = Collections.unmodifiableMap(lastWeights);
		this.bestPsnr = bestPsnr;
		this.bestStep = bestStep;
		this.steps = steps;
		this.reason = reason;
	}

	/** The weights with the best validation PSNR (the last ones when there was no validation), by parameter name. */
	public Map<String, float[]> bestWeights() {
		return bestWeights;
	}

	/** The weights after the last update. */
	public Map<String, float[]> lastWeights() {
		return lastWeights;
	}

	/** Best validation PSNR in dB; NaN without validation data. */
	public double bestPsnr() {
		return bestPsnr;
	}

	/** Step at which {@link #bestWeights()} were taken. */
	public long bestStep() {
		return bestStep;
	}

	/** Updates done in total, resumed ones included. */
	public long steps() {
		return steps;
	}

	public StopReason reason() {
		return reason;
	}
}
