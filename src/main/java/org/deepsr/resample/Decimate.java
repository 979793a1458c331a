package org.deepsr.resample;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Keeps every {@code factor}-th pixel, starting at the top-left one (the
 * "s-fold downsampler" of the classical degradation model, as in SRMD and
 * USRNet): LR pixel (x, y) is HR pixel (factor x, factor y). Output size is
 * {@code floor(width / factor) x floor(height / factor)}. Without a blur
 * before it this aliases.
 */
public final class Decimate implements Degradation {

	private final int factor;

	/** @param factor integer downsampling factor, >= 1 */
	public Decimate(final int factor) {
		this.factor = Downscale.checkFactor(factor);
	}

	@Override
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> plane, final Random random) {
		final int w = Planes.width(plane), h = Planes.height(plane);
		final int ow = Downscale.checkedOutput(w, factor), oh = Downscale.checkedOutput(h, factor);
		final float[] in = Planes.toArray(plane), out = new float[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++)
				out[y * ow + x] = in[y * factor * w + x * factor];
		return Planes.wrap(out, ow, oh);
	}

	@Override
	public String description() {
		return "decimate x" + factor + " (top-left sample of each block)";
	}
}
