package org.deepsr.metrics;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Peak signal-to-noise ratio, {@code 10 log10(range^2 / MSE)} in dB, with the
 * data range given explicitly (255 for 8-bit data; for 16-bit or float data
 * the range the caller considers meaningful). Identical images give
 * {@link Double#POSITIVE_INFINITY}, as scikit-image and MATLAB do.
 */
public final class Psnr {

	private Psnr() {}

	/**
	 * PSNR of two 2D planes of the same size (axis 0 = x, axis 1 = y).
	 *
	 * @param dataRange peak value, {@code > 0}, in the images' units
	 */
	public static double psnr(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> test, final double dataRange)
	{
		return fromMse(Plane.mse(Plane.of(reference), Plane.of(test)), dataRange);
	}

	/** PSNR from a mean squared error; {@code +Infinity} when {@code mse == 0}. */
	public static double fromMse(final double mse, final double dataRange) {
		checkRange(dataRange);
		return 10.0 * Math.log10(dataRange * dataRange / mse);
	}

	static void checkRange(final double dataRange) {
		if (!(dataRange > 0) || Double.isInfinite(dataRange)) throw new IllegalArgumentException(
			"Data range must be a positive finite number, got " + dataRange +
				": use 255 for 8-bit images or the intensity span of the reference.");
	}
}
