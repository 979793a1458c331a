package org.deepsr.resample;

import java.util.Locale;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Camera noise of fluorescence microscopy: shot noise on photon counts plus
 * Gaussian read noise. A pixel of value v (in the plane's units, counts times
 * gain) becomes {@code gain * Poisson(v / gain) + N(0, readSigma^2)}, so its
 * mean stays v and its variance is {@code gain * v + readSigma^2}. Negative
 * values count as zero photons. Keeps the size, does not clamp.
 */
public final class PoissonGaussianNoise implements Degradation {

	private final double gain, readSigma;

	/**
	 * @param gain units per photon, > 0 (small gain: many photons, little shot noise)
	 * @param readSigma read-noise standard deviation in the plane's units, >= 0
	 */
	public PoissonGaussianNoise(final double gain, final double readSigma) {
		if (!(gain > 0) || Double.isInfinite(gain)) throw new IllegalArgumentException(
			"The gain (units per photon) must be a positive finite number, got " + gain + ".");
		if (!(readSigma >= 0) || Double.isInfinite(readSigma)) throw new IllegalArgumentException(
			"The read-noise standard deviation must be finite and >= 0, got " + readSigma + ".");
		this.gain = gain;
		this.readSigma = readSigma;
	}

	@Override
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> plane, final Random random) {
		final float[] data = Planes.toArray(plane);
		for (int i = 0; i < data.length; i++) {
			final double photons = PoissonSampler.sample(Math.max(0, data[i]) / gain, random);
			data[i] = (float) (gain * photons + readSigma * random.nextGaussian());
		}
		return Planes.wrap(data, Planes.width(plane), Planes.height(plane));
	}

	@Override
	public String description() {
		return String.format(Locale.ROOT, "poisson-gaussian noise gain=%.4f readSigma=%.4f", gain, readSigma);
	}
}
