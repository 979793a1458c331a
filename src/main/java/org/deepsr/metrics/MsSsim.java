package org.deepsr.metrics;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Multi-scale SSIM (Wang, Simoncelli and Bovik 2003), as in Wang's
 * {@code msssim.m} and pytorch-msssim: 5 scales with weights 0.0448, 0.2856,
 * 0.3001, 0.2363, 0.1333; at scales 1..4 the mean contrast-structure term,
 * at scale 5 the mean SSIM map (luminance times contrast-structure), each from
 * {@link Ssim}'s window and constants with the same data range; 2x2 average
 * pooling between scales (an odd last row/column is dropped). Result
 * {@code prod cs_j^w_j * ssim_5^w_5}, 1 for identical images; NaN when a
 * contrast-structure mean is negative (anti-correlated images), since a
 * fractional power of it is undefined.
 * <p>
 * The coarsest scale still needs the 11x11 window, so both sides must be at
 * least {@link #MIN_SIZE} = 176 px (11 x 16); smaller images are rejected.
 */
public final class MsSsim {

	/** Per-scale exponents, finest scale first. */
	static final double[] WEIGHTS = { 0.0448, 0.2856, 0.3001, 0.2363, 0.1333 };
	/** Smallest width and height that reach 11 px at the fifth scale. */
	public static final int MIN_SIZE = Ssim.WINDOW << (WEIGHTS.length - 1);

	private MsSsim() {}

	/**
	 * MS-SSIM of two 2D planes of the same size (axis 0 = x, axis 1 = y),
	 * each at least 176x176.
	 *
	 * @param dataRange dynamic range R of the data, {@code > 0} (255 for 8-bit)
	 */
	public static double msSsim(final RandomAccessibleInterval<? extends RealType<?>> reference,
		final RandomAccessibleInterval<? extends RealType<?>> test, final double dataRange)
	{
		return compute(Plane.of(reference), Plane.of(test), dataRange);
	}

	static boolean fits(final Plane p) {
		return p.width >= MIN_SIZE && p.height >= MIN_SIZE;
	}

	static double compute(Plane x, Plane y, final double dataRange) {
		Plane.checkSameSize(x, y);
		if (!fits(x)) throw new IllegalArgumentException("MS-SSIM needs images of at least " + MIN_SIZE + "x" +
			MIN_SIZE + " px (after any border shave) for 5 scales, got " + x.width + "x" + x.height +
			": use SSIM for smaller images.");
		double result = 1;
		for (int j = 0; j < WEIGHTS.length; j++) {
			final double[] t = Ssim.terms(x, y, dataRange);
			final boolean last = j == WEIGHTS.length - 1;
			result *= Math.pow(last ? t[0] : t[1], WEIGHTS[j]);
			if (!last) {
				x = x.pool2();
				y = y.pool2();
			}
		}
		return result;
	}
}
