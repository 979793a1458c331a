package org.deepsr.resample;

import java.util.Arrays;

/**
 * An immutable 2D blur kernel (point spread function): odd width and height,
 * centred on its middle sample, row-major {@code [height][width]}, normalised
 * to sum 1 so that blurring keeps the mean intensity.
 */
public final class BlurKernel {

	private final float[] values;
	private final int width, height;
	private final String description;

	private BlurKernel(final float[] values, final int width, final int height, final String description) {
		this.values = values;
		this.width = width;
		this.height = height;
		this.description = description;
	}

	/**
	 * A kernel from measured or computed values, normalised to sum 1.
	 *
	 * @param values row-major {@code [height][width]}, finite, with a positive sum
	 * @param width odd, >= 1
	 * @param height odd, >= 1
	 * @param description what the kernel is, for provenance (e.g. "measured PSF, 60x objective")
	 */
	public static BlurKernel of(final float[] values, final int width, final int height, final String description) {
		if (width < 1 || height < 1 || width % 2 == 0 || height % 2 == 0) throw new IllegalArgumentException(
			"A blur kernel needs odd width and height so that it has a centre sample, got " + width + "x" + height +
				"; pad it with a row/column of zeros.");
		if (values.length != (long) width * height) throw new IllegalArgumentException("The kernel has " + values.length +
			" values but " + width + "x" + height + " = " + (width * height) + " were expected.");
		double sum = 0;
		for (final float v : values) {
			if (!Float.isFinite(v)) throw new IllegalArgumentException("The kernel contains " + v + "; use finite values.");
			sum += v;
		}
		if (!(sum > 0)) throw new IllegalArgumentException("The kernel sums to " + sum +
			"; a blur kernel needs a positive sum to be normalised.");
		final float[] normalised = new float[values.length];
		for (int i = 0; i < values.length; i++)
			normalised[i] = (float) (values[i] / sum);
		return new BlurKernel(normalised, width, height, description);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** The value at column {@code x} and row {@code y}, both counted from the top-left corner. */
	public float get(final int x, final int y) {
		return values[y * width + x];
	}

	/** A copy of the values, row-major {@code [height][width]}. */
	public float[] values() {
		return values.clone();
	}

	/** What the kernel is, for provenance ("gaussian sigma=1.50 15x15"). */
	public String description() {
		return description;
	}

	@Override
	public String toString() {
		return description + " " + Arrays.toString(new int[] { width, height });
	}
}
