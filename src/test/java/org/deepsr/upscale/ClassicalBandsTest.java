package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import java.nio.file.Path;
import java.util.Random;

import org.deepsr.image.ImagePlusSource;
import org.deepsr.io.TiffSink;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classical method whose plane does not fit the heap works band by band
 * ({@link ClassicalEngine} with tiles): into memory and into a streamed TIFF,
 * for RGB (each colour banded on its own) and for a 16-bit stack, the pixels
 * equal those of the whole planes interpolated at once.
 */
class ClassicalBandsTest {

	@TempDir
	Path dir;

	@Test
	void rgbBandByBandEqualsWholePlanes() throws Exception {
		final Random random = new Random(5);
		final ColorProcessor cp = new ColorProcessor(150, 97);
		for (int i = 0; i < 150 * 97; i++)
			cp.set(i, (int) (128 + 120 * Math.sin(i * 0.031)) << 16 | random.nextInt(256) << 8 | (i % 150) * 255 / 150);
		final ImagePlus rgb = new ImagePlus("colour", cp);
		final ImagePlus whole = upscale(new ClassicalEngine(Interpolation.BICUBIC, 3), rgb);
		final ImagePlus banded = upscale(new ClassicalEngine(Interpolation.BICUBIC, 3, 32), rgb);
		assertEquals(450, banded.getWidth());
		assertArrayEquals((int[]) whole.getProcessor().getPixels(), (int[]) banded.getProcessor().getPixels());
		// the same into a TIFF, colours arriving one by one and waiting as bytes
		final Path out = dir.resolve("colour-x3.tif");
		try (Upscaler up = new Upscaler(new ClassicalEngine(Interpolation.BICUBIC, 3, 32), false)) {
			up.upscaleToTiff(new ImagePlusSource(rgb), out, false, Progress.NONE);
		}
		assertArrayEquals(colours(whole), colours(ij.IJ.openImage(out.toString())));
	}

	@Test
	void aSixteenBitStackBandByBandEqualsWholePlanes() {
		final ImageStack stack = new ImageStack(61, 45);
		final Random random = new Random(6);
		for (int z = 0; z < 3; z++) {
			final ShortProcessor sp = new ShortProcessor(61, 45);
			for (int i = 0; i < 61 * 45; i++)
				sp.set(i, 30000 + (int) (20000 * Math.sin(i * 0.01 + z)) + random.nextInt(500));
			stack.addSlice(sp);
		}
		final ImagePlus in = new ImagePlus("stack", stack);
		for (final Interpolation method : Interpolation.values()) {
			final ImagePlus whole = upscale(new ClassicalEngine(method, 2), in);
			final ImagePlus banded = upscale(new ClassicalEngine(method, 2, 16), in);
			for (int z = 1; z <= 3; z++)
				assertArrayEquals((short[]) whole.getStack().getPixels(z), (short[]) banded.getStack().getPixels(z),
					method + " slice " + z);
		}
	}

	/** The R, G, B of each pixel (ImageJ sets the alpha byte of an RGB image read from a file). */
	private static int[] colours(final ImagePlus rgb) {
		return java.util.Arrays.stream((int[]) rgb.getProcessor().getPixels()).map(v -> v & 0xffffff).toArray();
	}

	private static ImagePlus upscale(final ClassicalEngine engine, final ImagePlus in) {
		try (Upscaler up = new Upscaler(engine, false)) {
			return up.upscale(in, Progress.NONE);
		}
	}
}
