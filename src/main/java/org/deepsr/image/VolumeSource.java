package org.deepsr.image;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An n-dimensional image read plane by plane, as asked: an ImagePlus in
 * memory or a virtual stack ({@link ImagePlusSource}), a TIFF file
 * ({@code org.deepsr.io.TiffSource}), and the other formats of
 * {@code org.deepsr.io}. Nothing is read before a plane is asked for, so a
 * source never needs its volume in memory whole.
 */
public interface VolumeSource {

	/** Sizes, calibration and pixel type. */
	VolumeInfo info();

	/**
	 * One (x, y) plane as float values (raw values: 0..255 for 8-bit and RGB,
	 * 0..65535 for 16-bit, any value for float), read-only: it may share the
	 * source's own pixels. Each call may read it anew.
	 *
	 * @param c channel, 0-based (RGB: 0 red, 1 green, 2 blue)
	 * @param z slice, 0-based
	 * @param t frame, 0-based
	 * @return dims (width, height)
	 */
	RandomAccessibleInterval<FloatType> plane(long c, long z, long t);

	/**
	 * Every plane's values, channels fastest, then slices, then frames, each
	 * read as the iteration reaches it (read-only: it may be the source's own
	 * array), so that statistics over the whole volume never hold it whole.
	 */
	default Iterable<float[]> planes() {
		final VolumeInfo info = info();
		final long nc = info.channels(), nz = info.slices();
		return planes(info.planes(), i -> plane(i % nc, i / nc % nz, i / nc / nz));
	}

	/**
	 * Every plane of one channel (all slices, then frames), read as
	 * {@link #planes()} reads them: statistics of one stain of a hyperstack.
	 */
	default Iterable<float[]> planes(final long channel) {
		final VolumeInfo info = info();
		final long nz = info.slices();
		return planes(nz * info.frames(), i -> plane(channel, i % nz, i / nz));
	}

	/** Planes 0 to n - 1 of {@code planeAt}, each read as the iteration reaches it. */
	private static Iterable<float[]> planes(final long n,
		final LongFunction<RandomAccessibleInterval<FloatType>> planeAt)
	{
		return () -> new Iterator<float[]>() {

			private long next;

			@Override
			public boolean hasNext() {
				return next < n;
			}

			@Override
			public float[] next() {
				if (!hasNext()) throw new NoSuchElementException();
				return ImagePlanes.array(planeAt.apply(next++));
			}
		};
	}
}
