package org.deepsr.resample;

import java.util.Locale;

/**
 * Gaussian blur kernels, sampled at integer offsets from the centre and
 * normalised to sum 1. Default sizes reach three standard deviations on each
 * side ({@code 2 * ceil(3 sigma) + 1}).
 */
public final class Kernels {

	private Kernels() {}

	/** Isotropic Gaussian, sigma in pixels (> 0), with the default size. */
	public static BlurKernel gaussian(final double sigma) {
		checkSigma(sigma);
		final int size = defaultSize(sigma);
		return anisotropic(sigma, sigma, 0, size, String.format(Locale.ROOT, "gaussian sigma=%.3f %dx%d", sigma, size,
			size));
	}

	/** Isotropic Gaussian, sigma in pixels (> 0), on an odd {@code size x size} grid. */
	public static BlurKernel gaussian(final double sigma, final int size) {
		checkSigma(sigma);
		return anisotropic(sigma, sigma, 0, size, String.format(Locale.ROOT, "gaussian sigma=%.3f %dx%d", sigma, size,
			size));
	}

	/**
	 * Anisotropic Gaussian with the default size (from the larger sigma).
	 *
	 * @param sigmaX standard deviation along the rotated x axis, pixels, > 0
	 * @param sigmaY standard deviation along the rotated y axis, pixels, > 0
	 * @param angle rotation in radians from the image x axis towards the image y
	 *          axis (y points down, so positive angles turn clockwise on screen)
	 */
	public static BlurKernel anisotropicGaussian(final double sigmaX, final double sigmaY, final double angle) {
		checkSigma(sigmaX);
		checkSigma(sigmaY);
		return anisotropicGaussian(sigmaX, sigmaY, angle, defaultSize(Math.max(sigmaX, sigmaY)));
	}

	/** As {@link #anisotropicGaussian(double, double, double)} on an odd {@code size x size} grid. */
	public static BlurKernel anisotropicGaussian(final double sigmaX, final double sigmaY, final double angle,
		final int size)
	{
		checkSigma(sigmaX);
		checkSigma(sigmaY);
		if (!Double.isFinite(angle)) throw new IllegalArgumentException("The angle must be finite, got " + angle + ".");
		return anisotropic(sigmaX, sigmaY, angle, size, String.format(Locale.ROOT,
			"anisotropic gaussian sigmaX=%.3f sigmaY=%.3f angle=%.4f rad %dx%d", sigmaX, sigmaY, angle, size, size));
	}

	private static BlurKernel anisotropic(final double sx, final double sy, final double angle, final int size,
		final String description)
	{
		if (size < 1 || size % 2 == 0) throw new IllegalArgumentException("The kernel size must be odd and positive, got " +
			size + ".");
		final int r = size / 2;
		final double c = Math.cos(angle), s = Math.sin(angle);
		final float[] v = new float[size * size];
		for (int y = -r; y <= r; y++)
			for (int x = -r; x <= r; x++) {
				// Coordinates in the Gaussian's own (rotated) frame.
				final double u = c * x + s * y, w = -s * x + c * y;
				v[(y + r) * size + x + r] = (float) Math.exp(-0.5 * (u * u / (sx * sx) + w * w / (sy * sy)));
			}
		return BlurKernel.of(v, size, size, description);
	}

	private static int defaultSize(final double sigma) {
		return 2 * (int) Math.ceil(3 * sigma) + 1;
	}

	private static void checkSigma(final double sigma) {
		if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException(
			"A Gaussian sigma must be a positive number of pixels, got " + sigma + ".");
		if (sigma > 1000) throw new IllegalArgumentException("A Gaussian sigma of " + sigma +
			" pixels is too large for a blur kernel; downscale the image first.");
	}
}
