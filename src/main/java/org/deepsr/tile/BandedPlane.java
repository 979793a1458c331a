package org.deepsr.tile;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.deepsr.progress.Progress;

/**
 * An upscaled plane computed band by band as it is read: each band is one
 * row of the plan's tiles run through {@link Tiler#runRows} when a reader
 * first reaches it, and only the band being read is held. A sink that reads
 * the plane once, x fastest, so holds one band of floats instead of the
 * whole plane (a 12000x12000 plane upscaled x2 is 2.1 GiB of floats; one
 * band of 256-pixel tiles 47 MiB). The values equal {@link Tiler#run} of the
 * same plan.
 */
public final class BandedPlane {

	private BandedPlane() {}

	/**
	 * @param input dims (x, y), one channel, of the plan's width and height
	 * @param net a one-channel network (e.g. an interpolation); called from the reading thread
	 * @param progress receives the tiles done over the whole plane as bands are computed
	 * @return dims (scale * width, scale * height); computed as read, a band again when read again after another
	 */
	public static RandomAccessibleInterval<FloatType> of(final RandomAccessibleInterval<FloatType> input,
		final TileFunction net, final TilePlan plan, final int scale, final Progress progress)
	{
		if (input.numDimensions() != 2) throw new IllegalArgumentException("A banded plane takes an (x, y) input, got " +
			input.numDimensions() + " dims.");
		final long width = scale * plan.width(), height = scale * plan.height();
		final int bandRows = Math.toIntExact(scale * (long) plan.interiorHeight());
		if (width * bandRows > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("A band of " + width + "x" +
			bandRows + " is too large for one array; choose smaller tiles.");
		final CellGrid grid = new CellGrid(new long[] { width, height }, new int[] { (int) width, bandRows });
		final RandomAccessibleInterval<FloatType> xyc = Views.addDimension(input, 0, 0);
		final int perBand = plan.columns(), total = perBand * plan.rows();
		final LazyCellImg.Get<Cell<FloatArray>> bands = new LazyCellImg.Get<>() {

			/** The band read last, kept while the reader stays in it. */
			private long held = -1;
			private Cell<FloatArray> band;

			@Override
			public Cell<FloatArray> get(final long index) {
				if (index == held) return band;
				band = null; // the band left behind is garbage before the next is made
				final int row = Math.toIntExact(index);
				final long y0 = (long) row * bandRows;
				final int rows = (int) Math.min(bandRows, height - y0);
				final float[] data = new float[Math.toIntExact(width * rows)];
				Tiler.runRows(xyc, net, plan, scale, row, row + 1, ArrayImgs.floats(data, width, rows, 1), new Progress() {

					@Override
					public void progress(final long done, final long all) {
						progress.progress((long) row * perBand + done, total);
					}

					@Override
					public boolean cancelled() {
						return progress.cancelled();
					}
				});
				band = new Cell<>(new int[] { (int) width, rows }, new long[] { 0, y0 }, new FloatArray(data));
				held = index;
				return band;
			}
		};
		return new LazyCellImg<>(grid, new FloatType(), bands);
	}
}
