package org.deepsr.normalise;

import java.util.Locale;

/**
 * Maps image values linearly into a network's value range and back: the image
 * value {@link #low()} becomes the range's low end and {@link #high()} its
 * high end. One instance serves a whole image, stack or volume: its statistics
 * are computed once from all planes, never per tile (seams) or per slice
 * (flicker). Training, inference and the metrics take their statistics here, so
 * they give the same numbers for the same data.
 * <p>
 * The model descriptor's {@code normalisation.mode} chooses the statistics:
 * <ul>
 * <li>{@code fixed}: 8-bit and RGB data 0..255 (no statistics); 16-bit and
 * float data their exact min..max ({@link MinMax}).</li>
 * <li>{@code percentile}: the exact {@code low} and {@code high} percentiles
 * of all values, whatever the bit depth ({@link Percentiles}: numpy's linear
 * percentiles, NaNs ignored). Unlike bioimage.io's {@code scale_range} no
 * epsilon is added to the denominator: nearly constant data is refused.</li>
 * <li>{@code linear}: {@code low} and {@code high} are image values, mapped
 * to the range's ends whatever the data (bioimage.io's {@code scale_linear}
 * on raw data, {@code fixed_zero_mean_unit_variance}).</li>
 * <li>{@code mean_std}: mean - std and mean + std of all values (population
 * standard deviation, as numpy's {@code std}) to the range's ends; with the
 * range [-1, 1] this is bioimage.io's {@code zero_mean_unit_variance}
 * (without its epsilon).</li>
 * </ul>
 * Values outside low..high map outside the range; nothing is clamped here.
 */
public final class Normaliser {

	/** The descriptor's {@code normalisation.mode} values. */
	public static final String FIXED = "fixed", PERCENTILE = "percentile", LINEAR = "linear", MEAN_STD = "mean_std";

	private final double low, high, rangeLow, rangeHigh, gain, inverseGain;

	private Normaliser(final double low, final double high, final double rangeLow, final double rangeHigh) {
		if (!(rangeHigh > rangeLow)) throw new IllegalArgumentException("the value range must be [lo, hi] with lo < hi, got [" + rangeLow + ", " + rangeHigh + "]");
		this.low = low;
		this.high = high;
		this.rangeLow = rangeLow;
		this.rangeHigh = rangeHigh;
		gain = (rangeHigh - rangeLow) / (high - low);
		inverseGain = (high - low) / (rangeHigh - rangeLow);
	}

	/**
	 * The normaliser for data under the descriptor's normalisation.
	 *
	 * @param mode {@link #FIXED}, {@link #PERCENTILE}, {@link #LINEAR} or {@link #MEAN_STD}
	 * @param lowPercent percentile (mode percentile) or image value (mode linear) mapped to the range's low end
	 * @param highPercent percentile (mode percentile) or image value (mode linear) mapped to the range's high end
	 * @param eightBit whether the data are 8-bit or RGB (0..255)
	 * @param planes every plane (all channels, slices and frames), read once or twice; not needed for fixed 8-bit
	 * @param valueRange the network's {lo, hi}
	 * @throws IllegalArgumentException for an unknown mode or constant data
	 */
	public static Normaliser of(final String mode, final Double lowPercent, final Double highPercent,
		final boolean eightBit, final Iterable<float[]> planes, final double[] valueRange)
	{
		if (PERCENTILE.equals(mode)) {
			if (lowPercent == null || highPercent == null) throw new IllegalArgumentException("percentile normalisation needs low and high percentiles");
			final double[] p = Percentiles.of(planes, lowPercent, highPercent);
			if (!(p[1] > p[0])) throw new IllegalArgumentException(String.format(Locale.ROOT, "the image's %s and %s percentiles are both %s: it is (nearly) constant, so there is nothing to normalise; use a model with fixed normalisation", number(lowPercent), number(highPercent), number(p[0])));
			return new Normaliser(p[0], p[1], valueRange[0], valueRange[1]);
		}
		if (LINEAR.equals(mode)) {
			if (lowPercent == null || highPercent == null || !(highPercent > lowPercent)) throw new IllegalArgumentException("linear normalisation needs image values low < high, got " + lowPercent + ", " + highPercent);
			return new Normaliser(lowPercent, highPercent, valueRange[0], valueRange[1]);
		}
		if (MEAN_STD.equals(mode)) {
			double n = 0, mean = 0, m2 = 0;
			for (final float[] plane : planes)
				for (final float v : plane) {
					if (Float.isNaN(v)) continue;
					n++;
					final double delta = v - mean;
					mean += delta / n;
					m2 += delta * (v - mean);
				}
			final double std = n > 0 ? Math.sqrt(m2 / n) : Double.NaN;
			if (!(std > 0)) throw new IllegalArgumentException("the image is constant" + (n > 0 ? " (" + number(mean) + ")" : " (no values that are numbers)") + ": there is nothing to normalise to zero mean and unit variance");
			return new Normaliser(mean - std, mean + std, valueRange[0], valueRange[1]);
		}
		if (!FIXED.equals(mode)) throw new IllegalArgumentException("unknown normalisation mode '" + mode + "': use fixed, percentile, linear or mean_std");
		if (eightBit) return eightBit(valueRange);
		final MinMax m = MinMax.of(planes);
		if (!(m.max > m.min)) throw new IllegalArgumentException("the image is constant (" + number(m.min) + "): there is nothing to normalise or super-resolve");
		return new Normaliser(m.min, m.max, valueRange[0], valueRange[1]);
	}

	/** 0..255 to the value range: 8-bit data, and the luma of RGB data. */
	public static Normaliser eightBit(final double[] valueRange) {
		return new Normaliser(0, 255, valueRange[0], valueRange[1]);
	}

	/** The image value mapped to the range's low end. */
	public double low() {
		return low;
	}

	/** The image value mapped to the range's high end. */
	public double high() {
		return high;
	}

	/** An image value in the network's range. */
	public double forward(final double value) {
		return (value - low) * gain + rangeLow;
	}

	/** Image values to the network's range, in place. */
	public void forward(final float[] data) {
		for (int i = 0; i < data.length; i++)
			data[i] = (float) forward(data[i]);
	}

	/** The network's values back to image values, in place. */
	public void inverse(final float[] data) {
		for (int i = 0; i < data.length; i++)
			data[i] = (float) ((data[i] - rangeLow) * inverseGain + low);
	}

	private static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}
}
