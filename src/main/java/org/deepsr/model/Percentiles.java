package org.deepsr.model;

import java.util.Arrays;

/** bioimage.io's scale_range preprocessing, computed as its reference implementation does (NumPy). */
final class Percentiles {

	/** bioimage.io's default eps for scale_range. */
	static final double EPS = 1e-6;

	private Percentiles() {}

	/** NumPy's default ("linear") percentile, q in 0..100. */
	static double percentile(final float[] values, final double q) {
		final float[] sorted = values.clone();
		Arrays.sort(sorted);
		final double index = q / 100 * (sorted.length - 1);
		final int below = (int) Math.floor(index);
		final int above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (index - below) * (sorted[above] - sorted[below]);
	}

	/** (x - p_low) / (p_high - p_low + eps) over all values. */
	static float[] scaleRange(final float[] values, final double low, final double high) {
		final double lo = percentile(values, low), hi = percentile(values, high);
		final float[] out = new float[values.length];
		for (int i = 0; i < values.length; i++) out[i] = (float) ((values[i] - lo) / (hi - lo + EPS));
		return out;
	}
}
