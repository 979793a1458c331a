package org.deepsr.train;

import java.util.Arrays;
import java.util.Locale;

/**
 * How raw pixel values become [0,1]: 8-bit and RGB data always / 255; 16-bit
 * and float data by statistics of the whole file (every slice and channel
 * together), exactly as the Upscale path normalises at inference time for the
 * descriptor's {@code normalisation} (statistics per file, never per slice).
 */
public enum Normalisation {
	/** 16-bit/float: min..max to 0..1 (descriptor mode "fixed"). */
	MIN_MAX,
	/** 16-bit/float: 0.1 and 99.9 percentiles to 0..1 (descriptor mode "percentile"). */
	PERCENTILE;

	public static final double LOW_PERCENT = 0.1;
	public static final double HIGH_PERCENT = 99.9;

	/** "minmax" (or "fixed") or "percentile", case-insensitive. */
	public static Normalisation byName(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		if (n.equals("minmax") || n.equals("min-max") || n.equals("fixed")) return MIN_MAX;
		if (n.equals("percentile")) return PERCENTILE;
		throw new IllegalArgumentException("Unknown normalisation '" + name + "': use minmax or percentile.");
	}

	/** The descriptor's normalisation.mode. */
	public String descriptorMode() {
		return this == MIN_MAX ? "fixed" : "percentile";
	}

	/**
	 * The raw values mapped to 0 and 1.
	 *
	 * @param values all raw values of one file (not modified)
	 */
	double[] range(final float[] values) {
		if (this == MIN_MAX) {
			double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
			for (final float v : values) {
				if (v < lo) lo = v;
				if (v > hi) hi = v;
			}
			return new double[] { lo, hi };
		}
		final float[] sorted = values.clone();
		Arrays.sort(sorted);
		return new double[] { percentile(sorted, LOW_PERCENT), percentile(sorted, HIGH_PERCENT) };
	}

	/** numpy's default (linear) percentile of sorted values. */
	static double percentile(final float[] sorted, final double percent) {
		final double pos = percent / 100 * (sorted.length - 1);
		final int i = (int) Math.floor(pos);
		final int j = Math.min(i + 1, sorted.length - 1);
		return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
	}
}
