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
 * </ul>
 * Values outside low..high map outside the range; nothing is clamped here.
 */
public final class Normaliser {

	/** The descriptor's {@code normalisation.mode} values. */
	public static final String FIXED = "fixed", PERCENTILE = "percentile";

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
	 * @param mode {@link #FIXED} or {@link #PERCENTILE}
	 * @param lowPercent percentile mapped to the range's low end (mode percentile only)
	 * @param highPercent percentile mapped to the range's high end (mode percentile only)
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
		if (!FIXED.equals(mode)) throw new IllegalArgumentException("unknown normalisation mode '" + mode + "': use fixed or percentile");
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
