package org.deepsr.upscale;

import java.util.Arrays;

/**
 * Maps image values into a network's value range and back. The statistics
 * come from the whole image or stack, computed once, never per tile or per
 * slice: per-tile statistics make visible seams and per-slice statistics make
 * stacks flicker.
 */
final class Normaliser {

	private final double low, high, rangeLow, rangeHigh;

	/**
	 * @param low image value mapped to {@code rangeLow}
	 * @param high image value mapped to {@code rangeHigh}
	 */
	Normaliser(final double low, final double high, final double rangeLow, final double rangeHigh) {
		if (!(high > low)) throw new IllegalArgumentException("the image is constant (" + low +
			"): there is nothing to super-resolve, or choose a fixed normalisation");
		this.low = low;
		this.high = high;
		this.rangeLow = rangeLow;
		this.rangeHigh = rangeHigh;
	}

	void forward(final float[] data) {
		final double k = (rangeHigh - rangeLow) / (high - low);
		for (int i = 0; i < data.length; i++)
			data[i] = (float) ((data[i] - low) * k + rangeLow);
	}

	void inverse(final float[] data) {
		final double k = (high - low) / (rangeHigh - rangeLow);
		for (int i = 0; i < data.length; i++)
			data[i] = (float) ((data[i] - rangeLow) * k + low);
	}

	/** Exact minimum and maximum of all planes, NaNs ignored. */
	static double[] minMax(final Iterable<float[]> planes) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final float[] plane : planes)
			for (final float v : plane) {
				if (v < min) min = v;
				if (v > max) max = v;
			}
		if (min > max) throw new IllegalArgumentException("the image has no finite pixel values");
		return new double[] { min, max };
	}

	/**
	 * The {@code lowPercent} and {@code highPercent} percentiles of the values
	 * of all planes (NaNs ignored), from at most about a million evenly spread
	 * samples, which keeps huge stacks fast and is exact for images up to that size.
	 */
	static double[] percentiles(final Iterable<float[]> planes, final long totalPixels,
		final double lowPercent, final double highPercent)
	{
		final long stride = Math.max(1, totalPixels / 1_000_000);
		float[] sample = new float[(int) Math.min(totalPixels, 1_000_000L + 1024)];
		int n = 0;
		long index = 0;
		for (final float[] plane : planes) {
			for (final float v : plane) {
				if (index++ % stride != 0 || Float.isNaN(v)) continue;
				if (n == sample.length) sample = Arrays.copyOf(sample, n * 2);
				sample[n++] = v;
			}
		}
		if (n == 0) throw new IllegalArgumentException("the image has no finite pixel values");
		Arrays.sort(sample, 0, n);
		return new double[] { at(sample, n, lowPercent), at(sample, n, highPercent) };
	}

	/** Linear-interpolated percentile of the first n sorted values (numpy's default). */
	private static double at(final float[] sorted, final int n, final double percent) {
		final double pos = percent / 100.0 * (n - 1);
		final int i = (int) Math.floor(pos);
		final int j = Math.min(n - 1, i + 1);
		return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
	}
}
