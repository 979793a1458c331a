package org.deepsr.metrics;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * A 2D plane copied to doubles, row-major ({@code v[y * width + x]}). The
 * metrics filter and subsample, so they work on one double copy rather than on
 * the source type.
 */
final class Plane {

	final double[] v;
	final int width, height;

	Plane(final double[] v, final int width, final int height) {
		this.v = v;
		this.width = width;
		this.height = height;
	}

	/** Copies a 2D interval (axis 0 = x, axis 1 = y), whatever its origin. */
	static Plane of(final RandomAccessibleInterval<? extends RealType<?>> rai) {
		if (rai.numDimensions() != 2) throw new IllegalArgumentException(
			"Metrics work on 2D planes, got " + rai.numDimensions() +
				" dimensions: split stacks and channels into planes first.");
		final long w = rai.dimension(0), h = rai.dimension(1);
		if (w * h > Integer.MAX_VALUE) throw new IllegalArgumentException("Plane too large: " + w + "x" + h + ".");
		final double[] v = new double[(int) (w * h)];
		final Cursor<? extends RealType<?>> c = Views.flatIterable(rai).cursor();
		for (int i = 0; i < v.length; i++)
			v[i] = c.next().getRealDouble();
		return new Plane(v, (int) w, (int) h);
	}

	/** Removes {@code n} pixels from each side. */
	Plane shave(final int n) {
		if (n == 0) return this;
		final int w = width - 2 * n, h = height - 2 * n;
		if (w <= 0 || h <= 0) throw new IllegalArgumentException("Shaving " + n + " px per side leaves nothing of a " +
			width + "x" + height + " image: use a smaller border.");
		final double[] out = new double[w * h];
		for (int y = 0; y < h; y++)
			System.arraycopy(v, (y + n) * width + n, out, y * w, w);
		return new Plane(out, w, h);
	}

	/** 2x2 average pooling; an odd last row or column is dropped. */
	Plane pool2() {
		final int w = width / 2, h = height / 2;
		final double[] out = new double[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = 2 * y * width + 2 * x;
				out[y * w + x] = 0.25 * (v[i] + v[i + 1] + v[i + width] + v[i + width + 1]);
			}
		return new Plane(out, w, h);
	}

	static void checkSameSize(final Plane a, final Plane b) {
		if (a.width != b.width || a.height != b.height) throw new IllegalArgumentException(
			"Reference is " + a.width + "x" + a.height + " but the test image is " + b.width + "x" + b.height +
				": compare images of the same size (crop the reference to a multiple of the scale first).");
	}

	static double mse(final Plane a, final Plane b) {
		checkSameSize(a, b);
		double sum = 0;
		for (int i = 0; i < a.v.length; i++) {
			final double d = a.v[i] - b.v[i];
			sum += d * d;
		}
		return sum / a.v.length;
	}

	static double mae(final Plane a, final Plane b) {
		checkSameSize(a, b);
		double sum = 0;
		for (int i = 0; i < a.v.length; i++)
			sum += Math.abs(a.v[i] - b.v[i]);
		return sum / a.v.length;
	}
}
