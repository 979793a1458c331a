package org.deepsr.train;

/**
 * Hears about training as it goes, on the training thread (keep it quick;
 * a Fiji command hands the numbers to an ImageJ Plot on the EDT).
 */
public interface TrainingListener {

	/**
	 * After each update.
	 *
	 * @param step updates done, 1..totalSteps
	 * @param loss the batch's objective before the update (the weighted sum of every loss term)
	 * @param learningRate the rate the first optimiser used for this update
	 */
	default void onStep(final long step, final long totalSteps, final double loss, final double learningRate) {}

	/**
	 * After each validation.
	 *
	 * @param psnr mean validation PSNR in dB (peak 1, all channels, border of scale pixels shaved)
	 * @param best whether this is the best so far (the weights kept)
	 */
	default void onValidation(final long step, final double psnr, final boolean best) {}
}
