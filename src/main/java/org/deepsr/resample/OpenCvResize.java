package org.deepsr.resample;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Reproduces OpenCV's {@code cv2.resize(src, (newWidth, newHeight),
 * interpolation=cv2.INTER_CUBIC)} on a float32 plane: Keys' cubic with
 * a = -0.75 on four taps, half-pixel centres
 * ({@code sx = (x + 0.5) * in/out - 0.5}), replicated borders, no antialiasing
 * when shrinking, horizontal pass then vertical pass, all in float as OpenCV's
 * CV_32F path. The OpenCV {@code dnn_superres} models (ESPCN, FSRCNN, LapSRN)
 * were trained on LR images made this way.
 */
public final class OpenCvResize {

	private static final float A = -0.75f;

	private OpenCvResize() {}

	/**
	 * @param plane 2D plane, dims (x = width, y = height), any values
	 * @param newWidth output width, >= 1
	 * @param newHeight output height, >= 1
	 * @return a new {@code newWidth x newHeight} plane, not clamped
	 */
	public static ArrayImg<FloatType, FloatArray> resize(final RandomAccessibleInterval<FloatType> plane,
		final int newWidth, final int newHeight)
	{
		Planes.check(plane);
		if (newWidth < 1 || newHeight < 1) throw new IllegalArgumentException("The output size must be at least 1x1, got " +
			newWidth + "x" + newHeight + ".");
		if ((long) newWidth * newHeight > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("The output (" +
			newWidth + "x" + newHeight + ") is too large for one array; tile the image first.");
		final int w = Planes.width(plane), h = Planes.height(plane);
		final float[] in = Planes.toArray(plane);
		final Taps tx = new Taps(w, newWidth), ty = new Taps(h, newHeight);
		// Horizontal pass over every input row; OpenCV does it lazily per needed row, with the same values.
		final float[] rows = new float[newWidth * h];
		for (int y = 0; y < h; y++) {
			final int src = y * w, dst = y * newWidth;
			for (int x = 0; x < newWidth; x++) {
				final int[] i = tx.index[x];
				final float[] a = tx.coeff[x];
				rows[dst + x] = in[src + i[0]] * a[0] + in[src + i[1]] * a[1] + in[src + i[2]] * a[2] + in[src + i[3]] *
					a[3];
			}
		}
		final float[] out = new float[newWidth * newHeight];
		for (int y = 0; y < newHeight; y++) {
			final int[] i = ty.index[y];
			final float[] b = ty.coeff[y];
			final int r0 = i[0] * newWidth, r1 = i[1] * newWidth, r2 = i[2] * newWidth, r3 = i[3] * newWidth;
			final int dst = y * newWidth;
			for (int x = 0; x < newWidth; x++)
				out[dst + x] = b[0] * rows[r0 + x] + b[1] * rows[r1 + x] + b[2] * rows[r2 + x] + b[3] * rows[r3 + x];
		}
		return Planes.wrap(out, newWidth, newHeight);
	}

	/** Source indices (replicated at the borders) and cubic coefficients along one axis. */
	private static final class Taps {

		final int[][] index;
		final float[][] coeff;

		Taps(final int inLength, final int outLength) {
			index = new int[outLength][4];
			coeff = new float[outLength][];
			// OpenCV: scale = 1 / (out / in) in double, source position rounded to float.
			final double scale = 1.0 / ((double) outLength / inLength);
			for (int d = 0; d < outLength; d++) {
				float f = (float) ((d + 0.5) * scale - 0.5);
				final int s = (int) Math.floor(f);
				f -= s;
				coeff[d] = cubic(f);
				for (int k = 0; k < 4; k++)
					index[d][k] = Math.min(Math.max(s - 1 + k, 0), inLength - 1);
			}
		}

		/** OpenCV's interpolateCubic, term for term in float. */
		private static float[] cubic(final float x) {
			final float[] c = new float[4];
			c[0] = ((A * (x + 1) - 5 * A) * (x + 1) + 8 * A) * (x + 1) - 4 * A;
			c[1] = ((A + 2) * x - (A + 3)) * x * x + 1;
			c[2] = ((A + 2) * (1 - x) - (A + 3)) * (1 - x) * (1 - x) + 1;
			c[3] = 1.f - c[0] - c[1] - c[2];
			return c;
		}
	}
}
