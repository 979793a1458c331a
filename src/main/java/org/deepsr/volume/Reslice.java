package org.deepsr.volume;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;

/**
 * One channel and frame of a source as an (x, y, z) view, from which
 * {@link Orientation#section} cuts XZ and YZ planes.
 * <p>
 * A z-section needs every z plane, so the planes are asked for once and
 * held: for an ImagePlus in memory they are views of its own pixels (nothing
 * is copied); for a lazy source (a TIFF virtual stack) each plane is read
 * once, in its own pixel type, and kept while the sections are cut. Memory:
 * one channel-frame volume of a lazy source (width x height x slices x
 * bytes per pixel), nothing for an ImagePlus.
 */
public final class Reslice {

	private Reslice() {}

	/**
	 * @return dims (x, y, z); read-only
	 */
	public static RandomAccessibleInterval<FloatType> volume(final VolumeSource source, final long c,
		final long t)
	{
		final VolumeInfo info = source.info();
		final List<RandomAccessibleInterval<FloatType>> planes = new ArrayList<>();
		for (long z = 0; z < info.slices(); z++)
			planes.add(source.plane(c, z, t));
		return Views.stack(planes);
	}
}
