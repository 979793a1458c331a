package org.deepsr.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.nio.file.Path;

import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.TemporaryModelCache;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.TinyBundle;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour through the whole upscaling path, on an RGB image of four blocks whose
 * red, green and blue differ strongly, with 1x1 networks whose output is known
 * by hand. A swap of the channels anywhere (reading, the network's input or
 * output, the luma/chroma conversion, writing) changes the output by tens of
 * grey levels. References are written from the conventions' definitions, not
 * from DeepSR's colour code.
 */
@ExtendWith(TemporaryModelCache.class)
class ChannelOrderTest {

	/** Block colours (R, G, B): red, green, blue, yellow; every channel stays inside 0..255 after the networks below. */
	private static final int[][] COLOURS = { { 220, 45, 60 }, { 50, 200, 45 }, { 55, 70, 230 }, { 240, 220, 50 } };
	private static final int BLOCK = 10, W = 2 * BLOCK, H = 2 * BLOCK, S = 2;
	/** The "rgb" network: R' = R, G' = (R + G) / 2, B' = (G + 3 B) / 4; no channel permutation commutes with it. */
	private static final double[][] MIX = { { 1, 0, 0 }, { 0.5, 0.5, 0 }, { 0, 0.25, 0.75 } };
	/** The "y" network: Y' = 0.8 Y. */
	private static final double GAIN = 0.8;

	@TempDir
	static Path dir;

	private static ImagePlus blocks() {
		final ColorProcessor cp = new ColorProcessor(W, H);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				final int[] c = COLOURS[(y / BLOCK) * 2 + x / BLOCK];
				cp.set(x, y, c[0] << 16 | c[1] << 8 | c[2]);
			}
		return new ImagePlus("blocks", cp);
	}

	private static ColorProcessor upscale(final Path bundle) throws IOException {
		try (Upscaler up = TinyBundle.open(bundle, dir, false)) {
			return (ColorProcessor) up.upscale(blocks(), Progress.NONE).getProcessor();
		}
	}

	@Test
	void rgbModelSeesRedGreenBlueInOrder() throws IOException {
		final ModelDescriptor d = TinyBundle.descriptor("mix-rgb", S, "rgb");
		final ColorProcessor out = upscale(TinyBundle.bundle(dir, d, MIX));
		// the network is 1x1, so every output pixel is MIX times its input pixel, in 8-bit units (value range [0,1] = /255)
		for (int y = 0; y < S * H; y++)
			for (int x = 0; x < S * W; x++) {
				final int[] c = COLOURS[(y / S / BLOCK) * 2 + x / S / BLOCK];
				for (int k = 0; k < 3; k++) {
					final double expected = MIX[k][0] * c[0] + MIX[k][1] * c[1] + MIX[k][2] * c[2];
					assertEquals(expected, out.getColor(x, y).getRGBComponents(null)[k] * 255, 0.51, "channel " + k + " at " + x + "," + y);
				}
			}
	}

	/** Full range (JPEG/OpenCV): Y = 0.299 R + 0.587 G + 0.114 B and R, G, B each move by exactly the change of Y. */
	@Test
	void fullRangeLumaModelChangesOnlyLuma() throws IOException {
		checkLuma("full", c -> 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2], 1);
	}

	/**
	 * BT.601 studio range (MATLAB rgb2ycbcr): Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255; the chroma rows
	 * sum to 0 and the luma row to 219, so ycbcr2rgb moves R, G and B each by 255/219 times the change of Y.
	 */
	@Test
	void studioRangeLumaModelChangesOnlyLuma() throws IOException {
		checkLuma("studio", c -> 16 + (65.481 * c[0] + 128.553 * c[1] + 24.966 * c[2]) / 255, 255.0 / 219);
	}

	private static void checkLuma(final String ycbcr, final java.util.function.ToDoubleFunction<int[]> luma,
		final double rgbPerY) throws IOException
	{
		final ModelDescriptor d = TinyBundle.descriptor("gain-y-" + ycbcr, S, "y");
		d.channels.ycbcr = ycbcr;
		final ColorProcessor out = upscale(TinyBundle.bundle(dir, d, new double[][] { { GAIN } }));
		// chroma is upsampled bicubically (4x4 taps): it is the block's own 3 input pixels away from block edges
		final int margin = 3;
		int checked = 0;
		for (int y = 0; y < S * H; y++)
			for (int x = 0; x < S * W; x++) {
				final int bx = x / S % BLOCK, by = y / S % BLOCK;
				if (bx < margin || bx >= BLOCK - margin || by < margin || by >= BLOCK - margin) continue;
				final int[] c = COLOURS[(y / S / BLOCK) * 2 + x / S / BLOCK];
				final double shift = (GAIN - 1) * luma.applyAsDouble(c) * rgbPerY;
				final float[] rgb = out.getColor(x, y).getRGBComponents(null);
				for (int k = 0; k < 3; k++)
					assertEquals(c[k] + shift, rgb[k] * 255, 0.51, ycbcr + " channel " + k + " at " + x + "," + y);
				checked++;
			}
		assertEquals(4 * (BLOCK - 2 * margin) * (BLOCK - 2 * margin) * S * S, checked);
	}
}
