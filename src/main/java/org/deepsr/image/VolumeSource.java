package org.deepsr.image;

import java.util.Iterator;
import java.util.NoSuchElementException;

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
		final long nc = info.channels(), nz = info.slices(), n = info.planes();
		return () -> new Iterator<float[]>() {

			private long next;

			@Override
			public boolean hasNext() {
				return next < n;
			}

			@Override
			public float[] next() {
				if (!hasNext()) throw new NoSuchElementException();
				final long i = next++;
				return ImagePlanes.array(plane(i % nc, i / nc % nz, i / nc / nz));
			}
		};
	}
}
