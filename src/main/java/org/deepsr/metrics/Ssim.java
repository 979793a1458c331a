package org.deepsr.metrics;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Structural similarity exactly as Wang et al. 2004 ({@code ssim_index.m}),
 * BasicSR's {@code calculate_ssim} and scikit-image's
 * {@code structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=R)}: an 11x11 Gaussian window with
 * sigma 1.5 (normalised to sum 1), K1 = 0.01, K2 = 0.03, C = (K R)^2, local
 * statistics with population (biased) variances, and the SSIM map kept only
 * where the window fits inside the image ("valid", i.e. 5 pixels cropped per
 * side), then averaged. Written by hand since imglib2-algorithm is not
 * available. Result in [-1, 1], 1 for identical images.
 */
public final class Ssim {

	/** Window side; images must be at least this large on both axes. */
	public static final int WINDOW = 11;
	static final double SIGMA = 1.5, K1 = 0.01, K2 = 0.03;
	private static final double[] KERNEL = gaussian();

	private Ssim() {}

	/**
	 * Mean SSIM of two 2D planes of the same size (axis 0 = x, axis 1 = y),
	 * each at least 11x11.
	 *
	 * @param dataRange dynamic range R of the data, {@code > 0} (255 for 8-bit)
	 */
	public static double ssim(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> test, final double dataRange)
	{
		return terms(Plane.of(reference), Plane.of(test), dataRange)[0];
	}

	/** {mean SSIM map, mean contrast-structure map} over the valid region. */
	static double[] terms(final Plane x, final Plane y, final double dataRange) {
		Plane.checkSameSize(x, y);
		Psnr.checkRange(dataRange);
		if (x.width < WINDOW || x.height < WINDOW) throw new IllegalArgumentException("SSIM needs images of at least " +
			WINDOW + "x" + WINDOW + " px (after any border shave), got " + x.width + "x" + x.height + ".");
		final int n = x.v.length;
		final double[] xx = new double[n], yy = new double[n], xy = new double[n];
		for (int i = 0; i < n; i++) {
			xx[i] = x.v[i] * x.v[i];
			yy[i] = y.v[i] * y.v[i];
			xy[i] = x.v[i] * y.v[i];
		}
		final int w = x.width, h = x.height;
		final double[] mx = filterValid(x.v, w, h), my = filterValid(y.v, w, h);
		final double[] sxx = filterValid(xx, w, h), syy = filterValid(yy, w, h), sxy = filterValid(xy, w, h);
		final double c1 = K1 * dataRange * K1 * dataRange, c2 = K2 * dataRange * K2 * dataRange;
		double ssimSum = 0, csSum = 0;
		for (int i = 0; i < mx.length; i++) {
			final double vx = sxx[i] - mx[i] * mx[i], vy = syy[i] - my[i] * my[i];
			final double cov = sxy[i] - mx[i] * my[i];
			final double cs = (2 * cov + c2) / (vx + vy + c2);
			final double lum = (2 * mx[i] * my[i] + c1) / (mx[i] * mx[i] + my[i] * my[i] + c1);
			ssimSum += lum * cs;
			csSum += cs;
		}
		return new double[] { ssimSum / mx.length, csSum / mx.length };
	}

	/** Separable Gaussian correlation, output (w-10)x(h-10): positions where the window fits. */
	private static double[] filterValid(final double[] in, final int w, final int h) {
		final int ow = w - WINDOW + 1, oh = h - WINDOW + 1;
		final double[] rows = new double[ow * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < ow; x++) {
				double s = 0;
				for (int k = 0; k < WINDOW; k++)
					s += KERNEL[k] * in[y * w + x + k];
				rows[y * ow + x] = s;
			}
		final double[] out = new double[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double s = 0;
				for (int k = 0; k < WINDOW; k++)
					s += KERNEL[k] * rows[(y + k) * ow + x];
				out[y * ow + x] = s;
			}
		return out;
	}

	private static double[] gaussian() {
		final double[] g = new double[WINDOW];
		double sum = 0;
		for (int k = 0; k < WINDOW; k++) {
			final double d = k - WINDOW / 2;
			g[k] = Math.exp(-0.5 * d * d / (SIGMA * SIGMA));
			sum += g[k];
		}
		for (int k = 0; k < WINDOW; k++)
			g[k] /= sum;
		return g;
	}
}
