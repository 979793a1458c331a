package org.deepsr.train;

/**
 * Where training patches come from. Batch {@code index} must always be the
 * same for the same source and seed: the trainer resumes a run by asking for
 * the batches it has not used yet, so no generator state needs saving.
 */
public interface PatchSource {

	int scale();

	int channels();

	/** LR patch side in pixels. */
	int patchSize();

	/**
	 * @param index 0-based batch number (the training step)
	 * @param count patches in the batch, >= 1
	 */
	Batch batch(long index, int count);
}
