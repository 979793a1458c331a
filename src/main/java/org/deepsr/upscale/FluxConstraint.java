package org.deepsr.upscale;

import java.util.Arrays;

/**
 * The output constraint of models whose descriptor says {@code conserve: flux}:
 * each output {@code s x s} block is replaced by the nearest block (least
 * squares) whose mean is its input pixel and whose values are not below a
 * lower bound (0 for data that are never negative). That is the Euclidean
 * projection onto {@code {v : mean(v) = m, v >= L}}: {@code v = max(u - t, L)}
 * with the one {@code t} that gives the mean, found as for a projection onto
 * a simplex (sorting the block). Consequences:
 * <ul>
 * <li>intensities are conserved exactly in every block, hence in every slice
 * and over the image (up to the output's rounding and clamping to its type);</li>
 * <li>an input pixel at the bound (a zero background) gives a block at the
 * bound, so a zero background stays exactly zero;</li>
 * <li>when the input is the s x s block mean of a true image (binning) that
 * is not below L, the truth satisfies both constraints, so the projection
 * never moves the output away from it: its error can only shrink. For a
 * Gaussian PSF sampled at the block centre the constraint holds only up to
 * the difference between the PSF's and the box's local mean (second order
 * in the image's curvature): it still conserves the total flux of the
 * sampled image (each slice's mean equals the input's).</li>
 * </ul>
 */
final class FluxConstraint {

	private FluxConstraint() {}

	/**
	 * @param out the upscaled plane, {@code (s w) x (s h)} row-major, changed in place
	 * @param in the input plane, {@code w x h}, in the same units
	 * @param lower the lower bound, or {@code Double.NEGATIVE_INFINITY} for none
	 */
	static void apply(final float[] out, final float[] in, final int w, final int h, final int s, final double lower) {
		final int ow = w * s, n = s * s;
		final double[] u = new double[n], sorted = new double[n];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final double m = in[y * w + x];
				double sum = 0;
				for (int k = 0; k < n; k++) {
					u[k] = out[(y * s + k / s) * ow + x * s + k % s];
					sum += u[k];
				}
				final double shift = sum / n - m; // the plain (unbounded) projection subtracts this
				boolean fits = true;
				for (int k = 0; k < n; k++) fits &= u[k] - shift >= lower;
				if (fits) for (int k = 0; k < n; k++) u[k] -= shift;
				else if (!(m > lower)) Arrays.fill(u, lower);
				else {
					// project w = u - L onto {w >= 0, sum w = n (m - L)}
					final double total = n * (m - lower);
					for (int k = 0; k < n; k++) sorted[k] = u[k] - lower;
					Arrays.sort(sorted);
					double cumulative = 0, theta = 0;
					for (int j = 1; j <= n; j++) {
						cumulative += sorted[n - j];
						final double t = (cumulative - total) / j;
						if (sorted[n - j] - t > 0) theta = t;
					}
					for (int k = 0; k < n; k++) u[k] = Math.max(u[k] - lower - theta, 0) + lower;
				}
				for (int k = 0; k < n; k++) out[(y * s + k / s) * ow + x * s + k % s] = (float) u[k];
			}
	}
}
