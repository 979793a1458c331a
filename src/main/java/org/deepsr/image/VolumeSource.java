package org.deepsr.image;

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
}
