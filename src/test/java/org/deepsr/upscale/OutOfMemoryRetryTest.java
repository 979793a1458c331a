package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.backend.NativeOutOfMemoryException;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;

/**
 * An out-of-memory in a plane is retried once with half-side tiles, then
 * told in one line: with an engine that runs out of memory while its tiles
 * are larger than a limit, and otherwise upscales x2 by nearest neighbour
 * (the expected output, written down by hand).
 */
class OutOfMemoryRetryTest {

	/**
	 * Runs out of memory while its tile side exceeds {@code fits}, of the heap or (an injected failure as
	 * {@code backend.Network} tells TensorFlow's) of native memory; halves its tiles down to 32.
	 */
	private static final class TightEngine implements Engine {

		private final int fits;
		private final boolean nativeMemory;
		int tile = 256, calls;

		TightEngine(final int fits) {
			this(fits, false);
		}

		TightEngine(final int fits, final boolean nativeMemory) {
			this.fits = fits;
			this.nativeMemory = nativeMemory;
		}

		@Override
		public int scale() {
			return 2;
		}

		@Override
		public String describe() {
			return "tight";
		}

		@Override
		public String device() {
			return "Java";
		}

		@Override
		public long planeBytes(final long width, final long height, final int channels, final boolean rgb) {
			return 0;
		}

		@Override
		public int shrinkTiles(final long width, final long height) {
			if (tile <= 32) return 0;
			tile /= 2;
			return tile;
		}

		@Override
		public float[][] upscale(final long channel, final List<RandomAccessibleInterval<FloatType>> channels,
			final boolean rgb,
			final Progress progress)
		{
			calls++;
			if (tile > fits && nativeMemory) throw new NativeOutOfMemoryException("TensorFlow ran out of memory on a " +
				tile + "x" + tile + " input: OOM when allocating tensor", null);
			if (tile > fits) throw new OutOfMemoryError("Java heap space");
			final RandomAccessibleInterval<FloatType> p = channels.get(0);
			final int w = (int) p.dimension(0), h = (int) p.dimension(1);
			final float[] out = new float[4 * w * h];
			final RandomAccess<FloatType> ra = p.randomAccess();
			for (int y = 0; y < 2 * h; y++)
				for (int x = 0; x < 2 * w; x++)
					out[y * 2 * w + x] = ra.setPositionAndGet(x / 2, y / 2).get();
			return new float[][] { out };
		}

		@Override
		public void close() {}
	}

	private static ImagePlus image() {
		return new ImagePlus("cells", new FloatProcessor(2, 2, new float[] { 1, 2, 3, 4 }));
	}

	/** A progress that keeps each warning. */
	private static Progress warningsInto(final List<String> warnings) {
		return new Progress() {

			@Override
			public void warn(final String message) {
				warnings.add(message);
			}
		};
	}

	@Test
	void aPlaneThatRanOutOfMemoryIsRetriedOnceWithHalfSideTiles() {
		final TightEngine engine = new TightEngine(128);
		final List<String> warnings = new ArrayList<>();
		final Progress progress = warningsInto(warnings);
		try (Upscaler up = new Upscaler(engine, true)) {
			final ImagePlus out = up.upscale(image(), progress);
			assertArrayEquals(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, (float[]) out
				.getProcessor().getPixels());
		}
		assertEquals(2, engine.calls, "one failed try, one retry");
		assertEquals(128, engine.tile);
		assertEquals(List.of("out of memory: upscaling 'cells' again with tiles of 128 pixels"), warnings);
	}

	@Test
	void aSecondOutOfMemoryIsToldInOneLineNamingTheTilesAndTheHeap() {
		final TightEngine engine = new TightEngine(16);
		try (Upscaler up = new Upscaler(engine, true)) {
			final IllegalStateException e = assertThrows(IllegalStateException.class, () -> up.upscale(image(),
				Progress.NONE));
			assertEquals(2, engine.calls, "retried once, not again");
			assertTrue(e.getMessage().startsWith("upscaling 'cells' ran out of heap (") && e.getMessage().contains(
				"even with tiles of 128 pixels") && e.getMessage().contains("-Xmx"), e.getMessage());
			assertTrue(!e.getMessage().contains("\n"), "one line");
		}
	}

	/** TensorFlow's native out-of-memory in the network (not the heap's) is retried once with half-side tiles too. */
	@Test
	void aNativeOutOfMemoryInTheNetworkIsRetriedOnceWithHalfSideTiles() {
		final TightEngine engine = new TightEngine(128, true);
		final List<String> warnings = new ArrayList<>();
		final Progress progress = warningsInto(warnings);
		try (Upscaler up = new Upscaler(engine, true)) {
			final ImagePlus out = up.upscale(image(), progress);
			assertArrayEquals(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, (float[]) out
				.getProcessor().getPixels());
		}
		assertEquals(2, engine.calls, "one failed try, one retry");
		assertEquals(List.of("out of native memory in TensorFlow: upscaling 'cells' again with tiles of 128 pixels"),
			warnings);
	}

	/** A second native failure is one line naming TensorFlow's reason and smaller tiles, not -Xmx (the heap was not short). */
	@Test
	void aSecondNativeOutOfMemoryIsToldInOneLine() {
		final TightEngine engine = new TightEngine(16, true);
		try (Upscaler up = new Upscaler(engine, true)) {
			final IllegalStateException e = assertThrows(IllegalStateException.class, () -> up.upscale(image(),
				Progress.NONE));
			assertEquals(2, engine.calls, "retried once, not again");
			assertEquals("upscaling 'cells' ran out of native memory in TensorFlow even with tiles of 128 pixels " +
				"(TensorFlow ran out of memory on a 256x256 input: OOM when allocating tensor): give smaller tiles " +
				"(--tile), close other programs, or use a machine with more memory", e.getMessage());
		}
	}
}
