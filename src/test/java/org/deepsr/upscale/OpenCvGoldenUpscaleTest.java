package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.Prerequisites;
import org.deepsr.backend.Device;
import org.deepsr.model.Float32Files;
import org.deepsr.model.ModelRegistry;
import org.deepsr.model.OpenCvModels;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OpenCV dnn_superres models, imported and run through the whole Upscale
 * path (8-bit image in, tiled or not, 32-bit out), reproduce the golden
 * outputs of ../shared/data/models/golden (made with TensorFlow on the whole
 * image) to 1e-5. Skipped when the shared data is absent.
 */
class OpenCvGoldenUpscaleTest {

	@TempDir
	static Path dir;

	@BeforeAll
	static void temporaryCache() {
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
	}

	@AfterAll
	static void restoreCache() {
		System.clearProperty("deepsr.cache");
	}

	static Path data() {
		return Prerequisites.sharedData();
	}

	@ParameterizedTest(name = "{0} tile {3}")
	@CsvSource({ "ESPCN_x2, 2, 144, 0", "ESPCN_x2, 2, 144, 40", "FSRCNN_x3, 3, 96, 0", "FSRCNN_x3, 3, 96, 32",
		"LapSRN_x4, 4, 72, 0", "LapSRN_x4, 4, 72, 24" })
	void upscalePathReproducesGoldenOutput(final String model, final int scale, final int size,
		final int tile) throws IOException
	{
		final Path pb = data().resolve("models/opencv/" + model + ".pb");
		Prerequisites.need(pb);
		final Path bundle = dir.resolve(model + ".zip");
		if (!Files.exists(bundle)) OpenCvModels.importModel(pb, bundle, false, Progress.NONE);
		final Path golden = data().resolve("models/golden");
		final float[] y = Float32Files.read(golden.resolve("bird_x" + scale + "_inputY_" + size + "x" + size +
			".f32"));
		final float[] expected = Float32Files.read(golden.resolve(model + "_bird_output_288x288.f32"));
		// The golden input is the 8-bit luma / 255: the 8-bit image it came from.
		final ByteProcessor bp = new ByteProcessor(size, size);
		for (int i = 0; i < y.length; i++)
			bp.set(i, Math.round(y[i] * 255));
		final ImagePlus out;
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method(bundle.toString()).tile(tile).device(
			Device.CPU).float32(true), new ModelRegistry(null, dir.resolve("user")), Progress.NONE))
		{
			out = up.upscale(new ImagePlus("bird", bp), Progress.NONE);
		}
		assertEquals(size * scale, out.getWidth());
		final float[] actual = (float[]) out.getProcessor().getPixels();
		double max = 0;
		for (int i = 0; i < expected.length; i++)
			max = Math.max(max, Math.abs(actual[i] / 255 - expected[i]));
		assertTrue(max <= 1e-5, model + " tile " + tile + ": max |difference| " + max);
	}
}
