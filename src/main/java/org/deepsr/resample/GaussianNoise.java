package org.deepsr.resample;

import java.util.Locale;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** Adds independent zero-mean Gaussian noise to every pixel; keeps the size, does not clamp. */
public final class GaussianNoise implements Degradation {

	private final double sigma;

	/** @param sigma standard deviation in the plane's units, >= 0 */
	public GaussianNoise(final double sigma) {
		if (!(sigma >= 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException(
			"The noise standard deviation must be finite and >= 0, got " + sigma + ".");
		this.sigma = sigma;
	}

	@Override
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> plane, final Random random) {
		final float[] data = Planes.toArray(plane);
		for (int i = 0; i < data.length; i++)
			data[i] += (float) (sigma * random.nextGaussian());
		return Planes.wrap(data, Planes.width(plane), Planes.height(plane));
	}

	@Override
	public String description() {
		return String.format(Locale.ROOT, "gaussian noise sigma=%.4f", sigma);
	}
}
