package org.deepsr.resample;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Classical upscaling by an integer factor, the baseline every network is
 * compared against. Output pixel x samples input coordinate
 * {@code (x + 0.5) / scale - 0.5} (pixel centres aligned), with MATLAB
 * {@code imresize}'s kernels and symmetric borders, so BICUBIC equals
 * {@code imresize(I, scale, 'bicubic')}.
 */
public final class Resampler {

	private Resampler() {}

	/**
	 * @param plane 2D plane, dims (x = width, y = height), any values
	 * @param scale integer factor, >= 1
	 * @return a new {@code (scale*width) x (scale*height)} plane, not clamped
	 */
	public static ArrayImg<FloatType, FloatArray> upscale(final RandomAccessibleInterval<FloatType> plane,
		final int scale, final Interpolation method)
	{
		if (scale < 1) throw new IllegalArgumentException("The upscaling factor must be at least 1, got " + scale + ".");
		return MatlabResize.resize(plane, scale, method);
	}
}
