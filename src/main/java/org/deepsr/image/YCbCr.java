package org.deepsr.image;

/**
 * RGB to luma/chroma conversions, in the two conventions that matter for
 * super-resolution.
 * <ul>
 * <li><b>Studio range BT.601</b>, exactly MATLAB's {@code rgb2ycbcr} /
 * {@code ycbcr2rgb} (and BasicSR's {@code rgb2ycbcr(y_only=True)}): with RGB in
 * [0, 255], Y in [16, 235] and Cb/Cr in [16, 240]. This is the convention of
 * published PSNR/SSIM tables.</li>
 * <li><b>Full range</b> (JPEG/OpenCV {@code COLOR_RGB2YCrCb}): Y = 0.299 R +
 * 0.587 G + 0.114 B, chroma centred on 128. The OpenCV {@code dnn_superres}
 * models were trained on this Y.</li>
 * </ul>
 * All values are 8-bit units (0..255), not rounded.
 */
public final class YCbCr {

	private YCbCr() {}

	/** Studio-range BT.601 luma of 8-bit RGB (MATLAB rgb2ycbcr, Y only). */
	public static double studioY(final double r, final double g, final double b) {
		return 16.0 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
	}

	/** Studio-range BT.601: RGB (0..255) to {Y, Cb, Cr}, as MATLAB rgb2ycbcr. */
	public static double[] studioForward(final double r, final double g, final double b) {
		return new double[] { studioY(r, g, b), studioCb(r, g, b), studioCr(r, g, b) };
	}

	/** Studio-range BT.601 Cb of 8-bit RGB. */
	public static double studioCb(final double r, final double g, final double b) {
		return 128.0 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255.0;
	}

	/** Studio-range BT.601 Cr of 8-bit RGB. */
	public static double studioCr(final double r, final double g, final double b) {
		return 128.0 + (112.0 * r - 93.786 * g - 18.214 * b) / 255.0;
	}

	/** Studio-range BT.601: {Y, Cb, Cr} back to RGB (0..255), as MATLAB ycbcr2rgb (exact matrix inverse). */
	public static double[] studioInverse(final double y, final double cb, final double cr) {
		final double yy = y - 16.0, u = cb - 128.0, v = cr - 128.0;
		final double[] m = STUDIO_INVERSE;
		return new double[] { m[0] * yy + m[1] * u + m[2] * v, m[3] * yy + m[4] * u + m[5] * v,
			m[6] * yy + m[7] * u + m[8] * v };
	}

	private static final double[] STUDIO_INVERSE = invert(new double[] { 65.481, 128.553, 24.966,
		-37.797, -74.203, 112.0, 112.0, -93.786, -18.214 }, 255.0);

	/** Inverse of the row-major 3x3 matrix {@code m / divisor}. */
	private static double[] invert(final double[] m, final double divisor) {
		final double a = m[0] / divisor, b = m[1] / divisor, c = m[2] / divisor;
		final double d = m[3] / divisor, e = m[4] / divisor, f = m[5] / divisor;
		final double g = m[6] / divisor, h = m[7] / divisor, i = m[8] / divisor;
		final double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
		return new double[] { (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
			(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
			(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det };
	}

	/** Full-range luma (JPEG/OpenCV), 0..255. */
	public static double fullY(final double r, final double g, final double b) {
		return 0.299 * r + 0.587 * g + 0.114 * b;
	}

	/** Full-range: RGB (0..255) to {Y, Cb, Cr} with chroma centred on 128 (OpenCV's constants). */
	public static double[] fullForward(final double r, final double g, final double b) {
		return new double[] { fullY(r, g, b), fullCb(r, g, b), fullCr(r, g, b) };
	}

	/** Full-range Cb (OpenCV's constant), centred on 128. */
	public static double fullCb(final double r, final double g, final double b) {
		return (b - fullY(r, g, b)) * 0.564 + 128.0;
	}

	/** Full-range Cr (OpenCV's constant), centred on 128. */
	public static double fullCr(final double r, final double g, final double b) {
		return (r - fullY(r, g, b)) * 0.713 + 128.0;
	}

	/** Full-range: {Y, Cb, Cr} back to RGB (0..255), inverse of {@link #fullForward}. */
	public static double[] fullInverse(final double y, final double cb, final double cr) {
		final double r = y + (cr - 128.0) / 0.713;
		final double b = y + (cb - 128.0) / 0.564;
		final double g = (y - 0.299 * r - 0.114 * b) / 0.587;
		return new double[] { r, g, b };
	}

	/**
	 * Y, Cb, Cr planes to R, G, B in place, without a buffer per pixel or per
	 * plane: afterwards {@code y} holds red, {@code cb} green and {@code cr} blue.
	 * The same arithmetic as {@link #studioInverse} / {@link #fullInverse}.
	 *
	 * @param studio studio-range BT.601 (MATLAB) rather than full range (OpenCV)
	 */
	public static void toRgbInPlace(final float[] y, final float[] cb, final float[] cr,
		final boolean studio)
	{
		final double[] m = STUDIO_INVERSE;
		for (int i = 0; i < y.length; i++) {
			final double r, g, b;
			if (studio) {
				final double yy = y[i] - 16.0, u = cb[i] - 128.0, v = cr[i] - 128.0;
				r = m[0] * yy + m[1] * u + m[2] * v;
				g = m[3] * yy + m[4] * u + m[5] * v;
				b = m[6] * yy + m[7] * u + m[8] * v;
			}
			else {
				r = y[i] + (cr[i] - 128.0) / 0.713;
				b = y[i] + (cb[i] - 128.0) / 0.564;
				g = (y[i] - 0.299 * r - 0.114 * b) / 0.587;
			}
			y[i] = (float) r;
			cb[i] = (float) g;
			cr[i] = (float) b;
		}
	}
}
