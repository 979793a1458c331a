package org.deepsr.resample;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Copies between 2D ImgLib2 planes and row-major float arrays (x fastest). */
final class Planes {

	private Planes() {}

	/** Checks that {@code plane} is a non-empty 2D (x, y) plane that fits one array. */
	static void check(final RandomAccessibleInterval<?> plane) {
		if (plane.numDimensions() != 2) throw new IllegalArgumentException("Expected a 2D plane (x, y) but got " +
			plane.numDimensions() + " dimensions; resample each plane of a stack separately.");
		if (plane.dimension(0) < 1 || plane.dimension(1) < 1) throw new IllegalArgumentException(
			"The plane is empty (" + plane.dimension(0) + "x" + plane.dimension(1) + ").");
		if (plane.dimension(0) * plane.dimension(1) > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(
			"The plane is too large for one array; tile it first.");
	}

	static int width(final RandomAccessibleInterval<?> plane) {
		return (int) plane.dimension(0);
	}

	static int height(final RandomAccessibleInterval<?> plane) {
		return (int) plane.dimension(1);
	}

	/** The plane's values, row-major {@code [height][width]}. */
	static float[] toArray(final RandomAccessibleInterval<FloatType> plane) {
		check(plane);
		final float[] data = new float[width(plane) * height(plane)];
		final Cursor<FloatType> c = Views.flatIterable(plane).cursor();
		for (int i = 0; i < data.length; i++)
			data[i] = c.next().get();
		return data;
	}

	/** Wraps row-major {@code [height][width]} data without copying. */
	static ArrayImg<FloatType, FloatArray> wrap(final float[] data, final int width, final int height) {
		return ArrayImgs.floats(data, width, height);
	}

	/**
	 * Symmetric (half-sample) mirroring of a 0-based index into {@code [0, n)},
	 * the edge sample repeated: ... 1 0 | 0 1 ... n-1 | n-1 n-2 ... This is
	 * MATLAB's 'symmetric' padding ({@code aux = [1:n, n:-1:1]}) and ImgLib2's
	 * {@code Views.extendMirrorDouble}.
	 */
	static int symmetric(final long index, final int n) {
		final long period = 2L * n;
		final int m = (int) Math.floorMod(index, period);
		return m < n ? m : (int) (period - 1 - m);
	}
}
