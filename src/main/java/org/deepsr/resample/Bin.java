package org.deepsr.resample;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Camera binning: LR pixel (x, y) is the mean of the HR block
 * {@code [f x, f x + f) x [f y, f y + f)}, so intensities stay in the same
 * units (a camera sums the block; the mean is that sum / f^2). Output size
 * {@code floor(width / f) x floor(height / f)}; a partial last block is dropped.
 */
public final class Bin implements Degradation {

	private final int factor;

	/** @param factor integer binning factor, >= 1 */
	public Bin(final int factor) {
		this.factor = Downscale.checkFactor(factor);
	}

	@Override
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> plane, final Random random) {
		final int w = Planes.width(plane), h = Planes.height(plane);
		final int ow = Downscale.checkedOutput(w, factor), oh = Downscale.checkedOutput(h, factor);
		final float[] in = Planes.toArray(plane), out = new float[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double sum = 0;
				for (int dy = 0; dy < factor; dy++)
					for (int dx = 0; dx < factor; dx++)
						sum += in[(y * factor + dy) * w + x * factor + dx];
				out[y * ow + x] = (float) (sum / (factor * factor));
			}
		return Planes.wrap(out, ow, oh);
	}

	@Override
	public String description() {
		return factor + "x" + factor + " binning (block mean)";
	}
}
