package org.deepsr.resample;

import java.util.Locale;

/**
 * The slice profile of a tomographic or optical-sectioning acquisition along
 * one axis, and the sampling that goes with it: a thick slice is the volume
 * blurred along the slice axis by the profile, then sampled at one point per
 * slice. A {@code gaussian} profile of full width at half maximum
 * {@code fwhm} has {@code sigma = fwhm / (2 sqrt(2 ln 2))}, sampled at
 * integer offsets out to {@code round(4 sigma)} (scipy's
 * {@code gaussian_filter1d} with its default truncate 4); a {@code box} of
 * width {@code fwhm} weighs each offset {@code k} by the overlap of
 * {@code [k - 1/2, k + 1/2]} with {@code [-fwhm/2, fwhm/2]} (a whole-number
 * odd width is a plain moving average). Both are normalised to sum 1 and
 * applied by {@link Convolution} (symmetric mirror borders, scipy
 * 'reflect').
 * <p>
 * {@link #cubic} resamples along one axis on a node-aligned grid: output
 * sample {@code j} lies at input coordinate {@code j * step} (0 = the first
 * input sample, which is therefore kept), with Keys' cubic (a = -1/2,
 * {@link Interpolation#BICUBIC}) and symmetric borders; at integer
 * positions it returns the input samples exactly.
 */
public final class SliceProfile {

	/** The profile's shape. */
	public enum Shape {
		GAUSSIAN, BOX;

		/** "gaussian" or "box", any case; a clear message otherwise. */
		public static Shape parse(final String name) {
			final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
			if (n.equals("gaussian") || n.equals("gauss")) return GAUSSIAN;
			if (n.equals("box") || n.equals("rect")) return BOX;
			throw new IllegalArgumentException("slice profile '" + name + "' is not gaussian or box: give --profile gaussian or box");
		}
	}

	/** 2 sqrt(2 ln 2): the FWHM of a Gaussian of sigma 1. */
	public static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

	private final Shape shape;
	private final double fwhm;
	private final float[] taps;

	private SliceProfile(final Shape shape, final double fwhm) {
		if (!(fwhm > 0) || Double.isInfinite(fwhm)) throw new IllegalArgumentException(
			"the slice profile's FWHM must be a positive number of pixels, got " + fwhm);
		this.shape = shape;
		this.fwhm = fwhm;
		final float[] k = shape == Shape.GAUSSIAN ? gaussian(fwhm / FWHM_PER_SIGMA) : box(fwhm);
		double sum = 0;
		for (final float v : k)
			sum += v;
		for (int i = 0; i < k.length; i++)
			k[i] = (float) (k[i] / sum);
		this.taps = k;
	}

	/** @param fwhm full width at half maximum (Gaussian) or width (box), in pixels of the axis it blurs */
	public static SliceProfile of(final Shape shape, final double fwhm) {
		return new SliceProfile(shape, fwhm);
	}

	public Shape shape() {
		return shape;
	}

	public double fwhm() {
		return fwhm;
	}

	/** The normalised taps, centred (odd length). */
	public float[] taps() {
		return taps.clone();
	}

	/**
	 * Blurs row-major {@code [h][w]} data along x ({@code axis} 0) or y (1).
	 *
	 * @return a new array
	 */
	public float[] blur(final float[] data, final int w, final int h, final int axis) {
		final BlurKernel k = axis == 0 ? BlurKernel.of(taps, taps.length, 1, toString()) : BlurKernel.of(taps, 1,
			taps.length, toString());
		return Convolution.convolve(data, w, h, k);
	}

	/**
	 * Samples row-major {@code [h][w]} data along {@code axis} (0 = x, 1 = y)
	 * at positions {@code j * step}, {@code j = 0 .. count - 1}, with Keys'
	 * cubic; the other axis is kept.
	 *
	 * @return row-major, {@code count} samples along {@code axis}
	 */
	public static float[] cubic(final float[] data, final int w, final int h, final int axis, final int count,
		final double step)
	{
		final int n = axis == 0 ? w : h, other = axis == 0 ? h : w;
		final int ow = axis == 0 ? count : w, oh = axis == 0 ? h : count;
		final float[] out = new float[ow * oh];
		final int[] index = new int[4 * count];
		final double[] weight = new double[4 * count];
		for (int j = 0; j < count; j++) {
			final double p = j * step;
			final int base = (int) Math.floor(p);
			final double frac = p - base;
			for (int t = 0; t < 4; t++) {
				index[4 * j + t] = Planes.symmetric(base - 1 + t, n);
				weight[4 * j + t] = frac == 0 ? (t == 1 ? 1 : 0) : Interpolation.BICUBIC.weight(frac - (t - 1));
			}
		}
		for (int o = 0; o < other; o++)
			for (int j = 0; j < count; j++) {
				double v = 0;
				for (int t = 0; t < 4; t++) {
					final int i = index[4 * j + t];
					v += weight[4 * j + t] * (axis == 0 ? data[o * w + i] : data[i * w + o]);
				}
				out[axis == 0 ? o * ow + j : j * ow + o] = (float) v;
			}
		return out;
	}

	/**
	 * The acquisition of {@code [h][w]} data along {@code axis}: the profile's
	 * blur, then point samples at every {@code factor}-th position starting
	 * at the first ({@link #cubic} where {@code factor} is not whole).
	 *
	 * @return row-major, {@link #samples}{@code (n, factor)} samples along {@code axis}
	 */
	public float[] acquire(final float[] data, final int w, final int h, final int axis, final double factor) {
		final int n = axis == 0 ? w : h;
		return cubic(blur(data, w, h, axis), w, h, axis, samples(n, factor), factor);
	}

	/** How many point samples at {@code 0, F, 2F, ...} lie within {@code n} samples: {@code floor((n - 1) / F) + 1}. */
	public static int samples(final long n, final double factor) {
		return (int) Math.floor((n - 1) / factor + 1e-9) + 1;
	}

	private static float[] gaussian(final double sigma) {
		final int r = (int) (4 * sigma + 0.5);
		final float[] k = new float[2 * r + 1];
		for (int i = -r; i <= r; i++)
			k[i + r] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
		return k;
	}

	private static float[] box(final double width) {
		final double half = width / 2;
		final int r = (int) Math.ceil(half - 0.5 - 1e-9);
		final float[] k = new float[2 * Math.max(0, r) + 1];
		for (int i = -r; i <= r; i++)
			k[i + r] = (float) Math.max(0, Math.min(i + 0.5, half) - Math.max(i - 0.5, -half));
		return k;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s slice profile, FWHM %.3g pixels", shape.name().toLowerCase(Locale.ROOT),
			fwhm);
	}
}
