package org.deepsr.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.Resampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A plane upscaled band by band, as a sink reads it, against the whole plane
 * interpolated at once by MATLAB's {@code imresize} port: with a halo of the
 * kernel's reach, every band equals those rows of the whole output; bands are
 * made only when reached, one row of tiles each.
 */
class BandedPlaneTest {

	@ParameterizedTest(name = "{0} x{1} {2}x{3} tiles {4}")
	@CsvSource({ "BICUBIC, 2, 301, 257, 64", "BICUBIC, 3, 130, 97, 32", "LANCZOS3, 2, 90, 71, 16",
		"BILINEAR, 4, 50, 33, 8", "NEAREST, 3, 41, 60, 16", "BICUBIC, 2, 40, 30, 64" })
	void bandsEqualTheWholePlane(final Interpolation method, final int scale, final int width, final int height,
		final int tile)
	{
		final ArrayImg<FloatType, FloatArray> plane = random(width, height);
		final TilePlan plan = TilePlan.of(width, height, tile, 1, (int) Math.ceil(method.width() / 2) + 1);
		final RandomAccessibleInterval<FloatType> banded = BandedPlane.of(plane, interpolation(method, scale, null),
			plan, scale, Progress.NONE);
		final float[] whole = Resampler.upscale(plane, scale, method).update(null).getCurrentStorageArray();
		assertEquals(scale * width, banded.dimension(0));
		assertEquals(scale * height, banded.dimension(1));
		final Cursor<FloatType> c = Views.flatIterable(banded).cursor();
		double worst = 0;
		for (int i = 0; i < whole.length; i++)
			worst = Math.max(worst, Math.abs(c.next().get() - whole[i]));
		// double arithmetic on the same weights: at most a float's rounding of values up to 255
		assertTrue(worst <= 1e-4, "largest difference " + worst);
	}

	/** The first rows read make only the first row of tiles; the plane read through makes each band once. */
	@Test
	void bandsAreMadeWhenReachedAndOnce() {
		final int width = 100, height = 70, tile = 16, scale = 2;
		final TilePlan plan = TilePlan.of(width, height, tile, 1, 3);
		final AtomicInteger tiles = new AtomicInteger();
		final AtomicInteger last = new AtomicInteger();
		final RandomAccessibleInterval<FloatType> banded = BandedPlane.of(random(width, height), interpolation(
			Interpolation.BICUBIC, scale, tiles), plan, scale, new Progress() {

				@Override
				public void progress(final long done, final long total) {
					assertEquals(plan.tiles().size(), total);
					last.set((int) done);
				}
			});
		assertEquals(0, tiles.get(), "nothing is computed before it is read");
		final RandomAccess<FloatType> ra = banded.randomAccess();
		for (int y = 0; y < scale * tile; y++)
			for (int x = 0; x < scale * width; x++) {
				ra.setPosition(new long[] { x, y });
				ra.get();
			}
		assertEquals(plan.columns(), tiles.get(), "one row of tiles for the first band");
		for (final FloatType v : Views.flatIterable(banded))
			v.get();
		assertEquals(plan.tiles().size(), tiles.get(), "each band once: the first is still held");
		assertEquals(plan.tiles().size(), last.get());
	}

	private static TileFunction interpolation(final Interpolation method, final int scale,
		final AtomicInteger calls)
	{
		return (in, h, w) -> {
			if (calls != null) calls.incrementAndGet();
			return Resampler.upscale(ArrayImgs.floats(in, w, h), scale, method).update(null).getCurrentStorageArray();
		};
	}

	private static ArrayImg<FloatType, FloatArray> random(final int width, final int height) {
		final Random random = new Random(width * 31 + height);
		final float[] data = new float[width * height];
		for (int i = 0; i < data.length; i++)
			data[i] = (float) (128 + 100 * Math.sin(i * 0.05) * Math.cos(i % width * 0.2) + random.nextInt(20));
		return ArrayImgs.floats(data, width, height);
	}
}
