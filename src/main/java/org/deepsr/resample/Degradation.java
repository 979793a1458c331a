package org.deepsr.resample;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One step that turns a high-resolution plane into a degraded
 * (low-resolution, blurred, noisy) one, to make training pairs. Steps that
 * draw random numbers take them only from the given {@link Random}, so the
 * same seed gives the same result.
 */
public interface Degradation {

	/**
	 * @param plane 2D plane, dims (x = width, y = height), in the caller's units
	 *          (e.g. 0..255 or photon-scaled intensities)
	 * @param random the only source of randomness, seeded by the caller; steps
	 *          that draw no random numbers ignore it (it may then be null)
	 * @return a new plane; its size depends on the step (downscaling steps shrink it)
	 */
	ArrayImg<FloatType, FloatArray> apply(RandomAccessibleInterval<FloatType> plane, Random random);

	/** What this step does, with its parameters, for provenance. */
	String description();
}
