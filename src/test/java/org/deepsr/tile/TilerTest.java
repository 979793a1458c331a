package org.deepsr.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.Cursor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.progress.CancelledException;
import org.deepsr.progress.Progress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Tiled output against an untiled reference. The reference is computed here,
 * independently of {@link TilePlan} and {@link Tiler}: the whole image is
 * padded by hand with symmetric mirroring (numpy.pad mode="symmetric",
 * period 2n, edge pixel repeated) by more than the receptive-field radius, the
 * network runs once on it, and the border is cropped. Since the network's
 * receptive-field radius is 4, any halo >= 4 must give the same numbers up to
 * float rounding; a halo < 4 must not.
 */
class TilerTest {

	private static final double TOLERANCE = 1e-4;

	@ParameterizedTest(name = "{0}x{1} c{2}->{3} x{4} tile {5} step {6} halo {7} shuffle {8}")
	@CsvSource({
		// width, height, inC, outC, scale, tile, step, halo, shuffle
		"65, 33, 3, 3, 2, 16, 1, 4, true", // not a multiple of the tile: shifted last tiles
		"64, 64, 1, 1, 3, 16, 4, 4, false", // exact multiple
		"100, 47, 2, 3, 2, 24, 8, 5, true", // halo raised to 8 for step 8 (2*halo multiple of step)
		"37, 1, 1, 2, 3, 8, 1, 4, true", // one pixel high
		"1, 37, 2, 1, 2, 8, 2, 4, false", // one pixel wide
		"1, 1, 1, 1, 2, 16, 4, 4, true", // single pixel, smaller than one step
		"5, 7, 3, 3, 3, 32, 4, 6, true", // smaller than one tile: one tile of 8x8 interior
		"20, 13, 1, 1, 2, 1, 1, 4, true", // one-pixel interiors: 260 tiles
	})
	void tiledEqualsUntiled(final int width, final int height, final int inC, final int outC,
		final int scale, final int tile, final int step, final int halo, final boolean shuffle)
	{
		final ConvNet net = new ConvNet(inC, outC, scale, step, shuffle, 42);
		final ArrayImg<FloatType, FloatArray> input = randomImage(width, height, inC, 7);
		final float[] expected = untiledReference(input, new ConvNet(inC, outC, scale, 1, shuffle, 42),
			scale, outC, ConvNet.RADIUS + 2);

		final TilePlan tiled = TilePlan.of(width, height, tile, step, halo);
		assertMaxDiff(expected, Tiler.run(input, net, tiled, scale, outC, Progress.NONE), TOLERANCE);

		final TilePlan whole = TilePlan.whole(width, height, step, halo);
		assertEquals(1, whole.tiles().size());
		assertMaxDiff(expected, Tiler.run(input, net, whole, scale, outC, Progress.NONE), TOLERANCE);
	}

	/**
	 * With the NETWORK border, tiled output equals one run of the network over
	 * the unpadded image (its zero padding meeting the image edge), the way
	 * OpenCV's dnn_superres runs a model.
	 */
	@ParameterizedTest(name = "{0}x{1} x{2} tile {3}")
	@CsvSource({ "65, 33, 2, 16", "64, 64, 3, 16", "40, 9, 2, 8", "7, 5, 3, 32" })
	void networkBorderEqualsOneRunOverTheImage(final int width, final int height, final int scale,
		final int tile)
	{
		final ConvNet net = new ConvNet(2, 2, scale, 1, true, 3);
		final ArrayImg<FloatType, FloatArray> input = randomImage(width, height, 2, 11);
		// The reference: the whole image, interleaved as the network takes it, in one call.
		final float[] src = data(input), interleaved = new float[src.length];
		for (int k = 0; k < 2; k++)
			for (int i = 0; i < width * height; i++)
				interleaved[i * 2 + k] = src[k * width * height + i];
		final float[] out = net.apply(interleaved, height, width);
		final float[] expected = new float[out.length];
		final int n = scale * width * scale * height;
		for (int k = 0; k < 2; k++)
			for (int i = 0; i < n; i++)
				expected[k * n + i] = out[i * 2 + k];
		final TilePlan plan = TilePlan.of(width, height, tile, 1, ConvNet.RADIUS).withBorder(
			TilePlan.Border.NETWORK);
		assertTrue(plan.tileWidth() <= width && plan.tileHeight() <= height, plan.toString());
		assertMaxDiff(expected, Tiler.run(input, net, plan, scale, 2, Progress.NONE), TOLERANCE);
		// The mirror border differs near the edges: the test can tell the two apart.
		final double mirrored = maxDiff(expected, data(Tiler.run(input, net, TilePlan.of(width, height,
			tile, 1, ConvNet.RADIUS), scale, 2, Progress.NONE)));
		assertTrue(mirrored > 1e-3, "mirror border should differ at the edges, max diff " + mirrored);
	}

	@Test
	void haloSmallerThanReceptiveFieldShowsSeams() {
		final int width = 40, height = 40, scale = 2;
		final ConvNet net = new ConvNet(1, 1, scale, 1, true, 3);
		final ArrayImg<FloatType, FloatArray> input = randomImage(width, height, 1, 5);
		final float[] expected = untiledReference(input, net, scale, 1, ConvNet.RADIUS + 2);
		final TilePlan plan = TilePlan.of(width, height, 16, 1, ConvNet.RADIUS - 2);
		final float[] tiled = data(Tiler.run(input, net, plan, scale, 1, Progress.NONE));
		assertTrue(maxDiff(expected, tiled) > 1e-2, "a halo of 2 < radius 4 should leave seams");
		// The differences sit at tile edges (x or y = 16 or 32 input pixels, and the image border
		// where the mirror padding is too thin too), nowhere else.
		for (int y = 0; y < scale * height; y++)
			for (int x = 0; x < scale * width; x++) {
				final int i = y * scale * width + x;
				final boolean nearSeam = nearSeam(x / scale, 16, 2) || nearSeam(y / scale, 16, 2);
				if (!nearSeam) assertEquals(expected[i], tiled[i], TOLERANCE, "at " + x + "," + y);
			}
	}

	/** True within {@code reach} pixels of a tile edge or image border of the 40-pixel axis. */
	private static boolean nearSeam(final int p, final int interior, final int reach) {
		for (final int edge : new int[] { 0, interior, 2 * interior, 40 })
			if (p >= edge - reach && p < edge + reach) return true;
		return false;
	}

	@Test
	void reportsProgressAndStopsWhenCancelled() {
		final ArrayImg<FloatType, FloatArray> input = randomImage(30, 30, 1, 1);
		final TilePlan plan = TilePlan.of(30, 30, 10, 1, 0); // 3x3 tiles
		final List<long[]> reports = new ArrayList<>();
		final AtomicInteger calls = new AtomicInteger();
		final TileFunction identity = (in, h, w) -> {
			calls.incrementAndGet();
			return in.clone();
		};
		Tiler.run(input, identity, plan, 1, 1, new Progress() {

			@Override
			public void progress(final long done, final long total) {
				reports.add(new long[] { done, total });
			}
		});
		assertEquals(9, reports.size());
		for (int i = 0; i < 9; i++)
			assertArrayEquals(new long[] { i + 1, 9 }, reports.get(i));

		calls.set(0);
		final Progress cancelAfterTwo = new Progress() {

			@Override
			public boolean cancelled() {
				return calls.get() >= 2;
			}
		};
		assertThrows(CancelledException.class, () -> Tiler.run(input, identity, plan, 1, 1,
			cancelAfterTwo));
		assertEquals(2, calls.get(), "no tile runs after cancellation");
	}

	@Test
	void identityWithScaleOneReturnsTheInput() {
		// Physical invariant: an identity network must give back the input exactly, halo or not.
		final ArrayImg<FloatType, FloatArray> input = randomImage(23, 11, 2, 9);
		final TilePlan plan = TilePlan.of(23, 11, 8, 1, 3);
		final float[] out = data(Tiler.run(input, (in, h, w) -> in.clone(), plan, 1, 2, Progress.NONE));
		assertArrayEquals(data(input), out);
	}

	@Test
	void rejectsWrongNetworkOutputAndMismatchedPlan() {
		final ArrayImg<FloatType, FloatArray> input = randomImage(10, 10, 1, 1);
		final TilePlan plan = TilePlan.of(10, 10, 8, 1, 0);
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tiler.run(
			input, (in, h, w) -> new float[3], plan, 2, 1, Progress.NONE));
		assertTrue(e.getMessage().contains("expected 16x16x1"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Tiler.run(input, (in, h, w) -> in,
			TilePlan.of(11, 10, 8, 1, 0), 1, 1, Progress.NONE));
	}

	/** Values in [0, 1], dims (x, y, c). */
	static ArrayImg<FloatType, FloatArray> randomImage(final int w, final int h, final int c,
		final long seed)
	{
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(w, h, c);
		final Random random = new Random(seed);
		for (final FloatType t : img)
			t.set(random.nextFloat());
		return img;
	}

	/** Runs the net once on the image padded symmetrically by {@code pad}; output as (x, y, c) flat. */
	private static float[] untiledReference(final ArrayImg<FloatType, FloatArray> input,
		final TileFunction net, final int scale, final int outC, final int pad)
	{
		final int w = (int) input.dimension(0), h = (int) input.dimension(1), c = (int) input
			.dimension(2);
		final float[] src = data(input);
		final int pw = w + 2 * pad, ph = h + 2 * pad;
		final float[] padded = new float[pw * ph * c];
		for (int y = 0; y < ph; y++)
			for (int x = 0; x < pw; x++)
				for (int k = 0; k < c; k++)
					padded[(y * pw + x) * c + k] = src[(k * h + symmetric(y - pad, h)) * w + symmetric(x - pad,
						w)];
		final float[] out = net.apply(padded, ph, pw);
		final int sw = scale * w, sh = scale * h;
		final float[] cropped = new float[sw * sh * outC];
		for (int k = 0; k < outC; k++)
			for (int y = 0; y < sh; y++)
				for (int x = 0; x < sw; x++)
					cropped[(k * sh + y) * sw + x] = out[((y + scale * pad) * scale * pw + x + scale * pad) *
						outC + k];
		return cropped;
	}

	/** numpy.pad(mode="symmetric") index: reflection with the edge pixel repeated, period 2n. */
	private static int symmetric(final int i, final int n) {
		final int m = Math.floorMod(i, 2 * n);
		return m < n ? m : 2 * n - 1 - m;
	}

	static float[] data(final ArrayImg<FloatType, ?> img) {
		final float[] d = new float[(int) img.size()];
		final Cursor<FloatType> cursor = img.cursor();
		for (int i = 0; i < d.length; i++)
			d[i] = cursor.next().get();
		return d;
	}

	private static double maxDiff(final float[] a, final float[] b) {
		assertEquals(a.length, b.length);
		double max = 0;
		for (int i = 0; i < a.length; i++)
			max = Math.max(max, Math.abs(a[i] - b[i]));
		return max;
	}

	private static void assertMaxDiff(final float[] expected, final ArrayImg<FloatType, FloatArray> actual,
		final double tolerance)
	{
		final double diff = maxDiff(expected, data(actual));
		assertTrue(diff <= tolerance, "max abs diff " + diff + " > " + tolerance);
	}
}
