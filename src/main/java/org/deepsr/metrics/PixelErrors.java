package org.deepsr.metrics;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/** Pixel-wise errors between two 2D planes of the same size (axis 0 = x, axis 1 = y). */
public final class PixelErrors {

	private PixelErrors() {}

	/** Mean squared error, in squared image units. */
	public static double mse(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> test)
	{
		return Plane.mse(Plane.of(reference), Plane.of(test));
	}

	/**
	 * Normalised root mean squared error: {@code sqrt(MSE) / dataRange} (not
	 * normalised by the mean or the reference's norm), 0 for identical images.
	 */
	public static double nrmse(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> test, final double dataRange)
	{
		Psnr.checkRange(dataRange);
		return Math.sqrt(mse(reference, test)) / dataRange;
	}

	/** Mean absolute error, in image units. */
	public static double mae(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> test)
	{
		return Plane.mae(Plane.of(reference), Plane.of(test));
	}
}
