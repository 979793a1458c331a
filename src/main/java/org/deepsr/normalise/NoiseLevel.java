package org.deepsr.normalise;

import java.util.Arrays;

/**
 * A robust estimate of a plane's noise standard deviation: over the 2x2
 * blocks, {@code d = (a - b - c + e) / 2} of the four pixels (a second
 * difference that cancels any plane that is locally linear and leaves
 * independent noise of std sigma with std sigma), then
 * {@code sigma = 1.4826 median |d|} (the MAD of a normal distribution). Blocks
 * whose four pixels are all zero (an empty background) are left out, so a
 * sparse image is judged by its signal. The same estimator measures training
 * data ({@code trained_on.noise} of a model) and inputs.
 */
public final class NoiseLevel {

	private NoiseLevel() {}

	/**
	 * @param plane row-major {@code width x height} values
	 * @return the estimated std in the plane's units; 0 when no block has a non-zero pixel
	 */
	public static double of(final float[] plane, final int width, final int height) {
		final int bw = width / 2, bh = height / 2;
		final double[] d = new double[bw * bh];
		int n = 0;
		for (int y = 0; y < bh; y++)
			for (int x = 0; x < bw; x++) {
				final int i = 2 * y * width + 2 * x;
				final float a = plane[i], b = plane[i + 1], c = plane[i + width], e = plane[i + width + 1];
				if (a == 0 && b == 0 && c == 0 && e == 0) continue;
				d[n++] = Math.abs((a - b - c + e) / 2.0);
			}
		if (n == 0) return 0;
		final double[] used = Arrays.copyOf(d, n);
		Arrays.sort(used);
		final double median = n % 2 == 1 ? used[n / 2] : (used[n / 2 - 1] + used[n / 2]) / 2;
		return 1.4826 * median;
	}
}
