package org.deepsr.volume;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
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
 * bytes per pixel), nothing for an ImagePlus. A volume too large for that
 * is read in slabs ({@link #slab}): the sections of a few rows (XZ) or
 * columns (YZ) at a time, every plane read once per slab.
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

	/**
	 * Sections {@code from} to {@code to - 1} of one channel and frame, copied
	 * into a new (x, y, z) array: rows {@code from..to-1} for XZ, columns for YZ.
	 *
	 * @return dims (width, to - from, z) for XZ, (to - from, height, z) for YZ; section {@code i} is {@code i - from} in it
	 */
	public static RandomAccessibleInterval<FloatType> slab(final VolumeSource source, final long c, final long t,
		final Orientation o, final long from, final long to)
	{
		final VolumeInfo info = source.info();
		final long nx = info.width(), ny = info.height();
		final long sx = o == Orientation.XZ ? nx : to - from, sy = o == Orientation.XZ ? to - from : ny;
		final float[] voxels = new float[Math.toIntExact(sx * sy * info.slices())];
		final FinalInterval rows = o == Orientation.XZ ? new FinalInterval(new long[] { 0, from }, new long[] { nx -
			1, to - 1 }) : new FinalInterval(new long[] { from, 0 }, new long[] { to - 1, ny - 1 });
		for (long z = 0; z < info.slices(); z++)
			ImagePlanes.copy(Views.interval(source.plane(c, z, t), rows), voxels, (int) (z * sx * sy));
		return ArrayImgs.floats(voxels, sx, sy, info.slices());
	}

	/** Whether the source's planes are already in memory, so that {@link #volume} costs nothing. */
	public static boolean inMemory(final VolumeSource source) {
		return source instanceof ImagePlusSource && !((ImagePlusSource) source).image().getStack().isVirtual();
	}
}
