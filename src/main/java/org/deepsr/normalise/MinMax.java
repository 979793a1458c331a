package org.deepsr.normalise;

/** The smallest and largest value of all planes of an image, stack or volume, in one pass; NaNs ignored. */
public final class MinMax {

	public final double min, max;

	private MinMax(final double min, final double max) {
		this.min = min;
		this.max = max;
	}

	/**
	 * @param planes the values, iterated once
	 * @throws IllegalArgumentException when no value is a number
	 */
	public static MinMax of(final Iterable<float[]> planes) {
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (final float[] plane : planes)
			for (final float v : plane) {
				if (v < min) min = v;
				if (v > max) max = v;
			}
		if (min > max) throw new IllegalArgumentException("the image has no pixel values that are numbers (all NaN)");
		return new MinMax(min, max);
	}
}
