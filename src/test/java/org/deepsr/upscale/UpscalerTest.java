package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

import java.io.IOException;
import java.nio.file.Path;

import org.deepsr.backend.Device;
import org.deepsr.backend.TinyNet;
import org.deepsr.image.YCbCr;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.CancelledException;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole upscaling path (image adapters, normalisation, colour, tiling,
 * TensorFlow) with a small network whose output is known independently
 * ({@link TinyNet#reference}: a plain-loop convolution and pixel shuffle).
 */
class UpscalerTest {

	@TempDir
	static Path dir;
	static Path bundle;
	static TinyNet net;
	static ModelRegistry registry;

	@BeforeAll
	static void importTinyModel() throws IOException {
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
		net = new TinyNet(1, 3, 5);
		bundle = TinyBundle.create(net, "y", dir);
		registry = new ModelRegistry(null, dir.resolve("user"));
	}

	@AfterAll
	static void restoreCache() {
		System.clearProperty("deepsr.cache");
	}

	private static Upscaler open(final String method, final int tile) throws IOException {
		return Upscaler.open(new UpscaleSettings().method(method).tile(tile).device(Device.CPU).float32(true),
			registry, Progress.NONE);
	}

	private static float[] random(final int n, final long seed) {
		final java.util.Random r = new java.util.Random(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = r.nextFloat();
		return v;
	}

	@Test
	void tiledOutputEqualsWholeImageOutput() throws IOException {
		final int w = 53, h = 38;
		final ImagePlus image = new ImagePlus("noise", new FloatProcessor(w, h, random(w * h, 1)));
		final float[] whole, tiled;
		try (Upscaler up = open(bundle.toString(), 0)) {
			whole = (float[]) up.upscale(image, Progress.NONE).getProcessor().getPixels();
		}
		try (Upscaler up = open(bundle.toString(), 8)) {
			tiled = (float[]) up.upscale(image, Progress.NONE).getProcessor().getPixels();
		}
		double max = 0;
		for (int i = 0; i < whole.length; i++)
			max = Math.max(max, Math.abs(whole[i] - tiled[i]));
		assertTrue(max <= 1e-4, "tiled vs whole max |diff| " + max);
	}

	@Test
	void interiorMatchesTheReferenceConvolution() throws IOException {
		final int w = 24, h = 17, s = 3;
		final float[] pixels = random(w * h, 2);
		final ImagePlus image = new ImagePlus("noise", new FloatProcessor(w, h, pixels.clone()));
		final float[] out;
		try (Upscaler up = open(bundle.toString(), 0)) {
			out = (float[]) up.upscale(image, Progress.NONE).getProcessor().getPixels();
		}
		// 32-bit data is mapped by its min..max into [0,1] and back: do the same around the reference.
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (final float v : pixels) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		final float[] normalised = new float[pixels.length];
		for (int i = 0; i < pixels.length; i++)
			normalised[i] = (pixels[i] - min) / (max - min);
		final float[] ref = net.reference(normalised, h, w);
		// Zero padding (reference) and mirror padding (pipeline) differ only within the 2-pixel radius of the border.
		for (int y = 3 * s; y < (h - 3) * s; y++)
			for (int x = 3 * s; x < (w - 3) * s; x++)
				assertEquals(ref[y * w * s + x] * (max - min) + min, out[y * w * s + x], 1e-4);
	}

	@Test
	void rgbGoesThroughTheLumaAndKeepsTheInputUntouched() throws IOException {
		final int w = 20, h = 14;
		final ColorProcessor cp = new ColorProcessor(w, h);
		final float[] noise = random(3 * w * h, 3);
		for (int i = 0; i < w * h; i++)
			cp.set(i, ((int) (noise[i] * 255) << 16) | ((int) (noise[w * h + i] * 255) << 8) | (int) (noise[2 *
				w * h + i] * 255));
		final ImagePlus image = new ImagePlus("colour.png", cp);
		image.getCalibration().pixelWidth = 0.3;
		image.getCalibration().setUnit("um");
		final int[] before = ((int[]) cp.getPixels()).clone();
		final ImagePlus out;
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method(bundle.toString()).device(Device.CPU),
			registry, Progress.NONE))
		{
			out = up.upscale(image, Progress.NONE);
		}
		assertArrayEquals(before, (int[]) cp.getPixels(), "input pixels untouched");
		assertEquals(0.3, image.getCalibration().pixelWidth);
		assertEquals(24, out.getBitDepth());
		assertEquals("colour-x3", out.getTitle());
		assertEquals(0.1, out.getCalibration().pixelWidth, 1e-12);
		assertEquals(image.getCalibration().getUnit(), out.getCalibration().getUnit());
		// The luma of the output is the network applied to the input's full-range luma (OpenCV convention),
		// up to the rounding of R, G and B to 8 bits.
		final float[] y = new float[w * h];
		for (int i = 0; i < w * h; i++) {
			final int c = before[i];
			y[i] = (float) YCbCr.fullY(c >> 16 & 255, c >> 8 & 255, c & 255) / 255f;
		}
		final float[] ref = net.reference(y, h, w);
		final ColorProcessor o = (ColorProcessor) out.getProcessor();
		for (int yy = 9; yy < (h - 3) * 3; yy++)
			for (int x = 9; x < (w - 3) * 3; x++) {
				final int c = o.get(x, yy);
				final double luma = YCbCr.fullY(c >> 16 & 255, c >> 8 & 255, c & 255);
				final double expected = Math.max(0, Math.min(255, ref[yy * w * 3 + x] * 255));
				assertEquals(expected, luma, 1.5, "luma at " + x + "," + yy);
			}
	}

	@Test
	void stacksAreProcessedPlaneByPlaneWithTheirLayout() throws IOException {
		final ImageStack stack = new ImageStack(6, 5);
		for (int i = 0; i < 2 * 3; i++) {
			final ByteProcessor bp = new ByteProcessor(6, 5);
			bp.set(2, 2, 10 * (i + 1));
			stack.addSlice("plane " + i, bp);
		}
		final ImagePlus image = new ImagePlus("hyper", stack);
		image.setDimensions(2, 3, 1);
		image.setOpenAsHyperStack(true);
		final ImagePlus out;
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method("nearest").scale(2), registry,
			Progress.NONE))
		{
			out = up.upscale(image, Progress.NONE);
		}
		assertEquals(2, out.getNChannels());
		assertEquals(3, out.getNSlices());
		for (int i = 0; i < 6; i++) {
			assertEquals(10 * (i + 1), out.getStack().getProcessor(i + 1).get(5, 5), "plane " + i);
			assertEquals(0, out.getStack().getProcessor(i + 1).get(0, 0));
		}
	}

	@Test
	void clearErrorsAndCancel() throws IOException {
		final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> open(
			"no-such-model", 0));
		assertTrue(unknown.getMessage().contains("no-such-model"), unknown.getMessage());
		final ImagePlus constant = new ImagePlus("flat", new FloatProcessor(10, 10));
		try (Upscaler up = open(bundle.toString(), 0)) {
			final IllegalArgumentException flat = assertThrows(IllegalArgumentException.class, () -> up
				.upscale(constant, Progress.NONE));
			assertTrue(flat.getMessage().contains("constant"), flat.getMessage());
			final float[] holes = random(1600, 5);
			holes[77] = Float.NaN;
			final IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> up.upscale(
				new ImagePlus("holes", new FloatProcessor(40, 40, holes)), Progress.NONE));
			assertTrue(nan.getMessage().contains("1 NaN"), nan.getMessage());
			final ImagePlus image = new ImagePlus("noise", new FloatProcessor(40, 40, random(1600, 4)));
			assertThrows(CancelledException.class, () -> up.upscale(image, new Progress() {

				@Override
				public boolean cancelled() {
					return true;
				}
			}));
		}
	}
}
