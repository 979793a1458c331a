package org.deepsr.resample;

import java.util.Locale;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Gaussian PSF blur and decimation on the block-centred grid: LR pixel (x, y)
 * is the Gaussian-blurred HR image sampled at the centre of its HR block,
 * {@code (f x + (f - 1) / 2, f y + (f - 1) / 2)}, the grid of binning and of
 * MATLAB {@code imresize} (for even f the sample falls between HR pixels, so
 * the kernel is sampled at half-integer offsets). {@link Decimate} after a
 * {@link Blur} samples the block's top-left pixel instead, half an HR pixel
 * off that grid at f = 2. Separable, weights normalised to 1 (flux kept),
 * symmetric mirroring at the borders; the kernel spans 3 sigma plus the
 * half block.
 */
public final class GaussianSample implements Degradation {

	private final double sigma;
	private final int factor;

	/**
	 * @param sigma PSF standard deviation in HR pixels, > 0
	 * @param factor integer downsampling factor, >= 1
	 */
	public GaussianSample(final double sigma, final int factor) {
		if (!(sigma > 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("The PSF sigma must be a positive number of HR pixels, got " + sigma + ".");
		this.sigma = sigma;
		this.factor = Downscale.checkFactor(factor);
	}

	@Override
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> plane, final Random random) {
		final int w = Planes.width(plane), h = Planes.height(plane);
		final int ow = Downscale.checkedOutput(w, factor), oh = Downscale.checkedOutput(h, factor);
		final float[] in = Planes.toArray(plane);
		final double offset = (factor - 1) / 2.0;
		final int radius = (int) Math.ceil(3 * sigma + offset);
		// the same weights for every output pixel: taps at f x + k, k in [-radius, radius + f - 1]
		final int taps = 2 * radius + factor;
		final double[] weight = new double[taps];
		double sum = 0;
		for (int t = 0; t < taps; t++) {
			final double d = t - radius - offset;
			weight[t] = Math.exp(-d * d / (2 * sigma * sigma));
			sum += weight[t];
		}
		for (int t = 0; t < taps; t++) weight[t] /= sum;
		final float[] rows = new float[w * oh]; // y sampled first
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < w; x++) {
				double v = 0;
				for (int t = 0; t < taps; t++) v += weight[t] * in[Planes.symmetric((long) y * factor + t - radius, h) * w + x];
				rows[y * w + x] = (float) v;
			}
		final float[] out = new float[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double v = 0;
				for (int t = 0; t < taps; t++) v += weight[t] * rows[y * w + Planes.symmetric((long) x * factor + t - radius, w)];
				out[y * ow + x] = (float) v;
			}
		return Planes.wrap(out, ow, oh);
	}

	@Override
	public String description() {
		return String.format(Locale.ROOT, "gaussian PSF sigma=%.3f sampled at block centres x%d", sigma, factor);
	}
}
