package org.deepsr.resample;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * 2D convolution (the kernel flipped, as {@code scipy.ndimage.convolve} and
 * MATLAB {@code imfilter(..., 'conv')}) with symmetric mirror borders (the
 * edge sample repeated: MATLAB 'symmetric', scipy 'reflect',
 * {@code Views.extendMirrorDouble}). Direct summation in double: blur
 * kernels are small, and no FFT library is among our dependencies.
 */
public final class Convolution {

	private Convolution() {}

	/**
	 * @param plane 2D plane, dims (x = width, y = height), any values
	 * @return a new plane of the same size
	 */
	public static ArrayImg<FloatType, FloatArray> convolve(final RandomAccessibleInterval<FloatType> plane,
		final BlurKernel kernel)
	{
		final int w = Planes.width(plane), h = Planes.height(plane);
		return Planes.wrap(convolve(Planes.toArray(plane), w, h, kernel), w, h);
	}

	/** Convolves row-major {@code [h][w]} data; returns a new array. */
	static float[] convolve(final float[] in, final int w, final int h, final BlurKernel kernel) {
		final int kw = kernel.width(), kh = kernel.height(), rx = kw / 2, ry = kh / 2;
		final float[] k = kernel.values();
		// Mirrored source indices for every offset, computed once per axis.
		final int[] xs = new int[w + 2 * rx], ys = new int[h + 2 * ry];
		for (int i = 0; i < xs.length; i++)
			xs[i] = Planes.symmetric(i - rx, w);
		for (int i = 0; i < ys.length; i++)
			ys[i] = Planes.symmetric(i - ry, h);
		final float[] out = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double sum = 0;
				for (int j = 0; j < kh; j++) {
					// out(x, y) = sum k(i, j) in(x + rx - i, y + ry - j): the flipped kernel.
					final int row = ys[y + 2 * ry - j] * w;
					for (int i = 0; i < kw; i++)
						sum += k[j * kw + i] * in[row + xs[x + 2 * rx - i]];
				}
				out[y * w + x] = (float) sum;
			}
		return out;
	}
}
