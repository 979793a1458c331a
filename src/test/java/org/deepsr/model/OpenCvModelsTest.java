package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.deepsr.Prerequisites;
import org.deepsr.backend.Device;
import org.deepsr.progress.Progress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports OpenCV dnn_superres models from the shared data and compares their
 * output on Set5 "bird" with the golden files, which were produced with
 * TensorFlow from the original graphs ({@code NCHW_output}; see
 * ../shared/data/README.md). Skipped when the shared data is absent.
 */
@org.junit.jupiter.api.extension.ExtendWith(TemporaryModelCache.class)
class OpenCvModelsTest {

	static Path data() {
		return Prerequisites.sharedData();
	}

	/**
	 * Invariant of a correct halo: a crop padded by the halo on every side
	 * reproduces the whole image's output in its centre (crop from 20 to 40).
	 */
	private static void assertHaloSuffices(final LoadedModel model, final float[] image, final int size,
		final float[] whole)
	{
		final int s = model.scale(), h = model.halo(), from = 20, to = 40, side = to - from + 2 * h;
		final float[] crop = new float[side * side];
		for (int y = 0; y < side; y++) for (int x = 0; x < side; x++)
			crop[y * side + x] = image[(from - h + y) * size + from - h + x];
		final float[] out = model.tileFunction().apply(crop, side, side);
		double max = 0;
		for (int y = s * from; y < s * to; y++) for (int x = s * from; x < s * to; x++) {
			final float inCrop = out[(y - s * (from - h)) * s * side + x - s * (from - h)];
			max = Math.max(max, Math.abs(inCrop - whole[y * s * size + x]));
		}
		assertTrue(max <= 1e-5, "halo " + h + " is too small: the crop's centre differs by " + max);
	}

	@ParameterizedTest
	@CsvSource({ "ESPCN_x2, 2, 144", "FSRCNN_x3, 3, 96", "FSRCNN-small_x2, 2, 144", "LapSRN_x4, 4, 72" })
	void importedModelReproducesGoldenOutput(final String model, final int scale, final int size,
		@TempDir final Path dir) throws IOException
	{
		final Path pb = data().resolve("models/opencv/" + model + ".pb");
		Prerequisites.need(pb);
		assertTrue(OpenCvModels.recognises(pb));
		// Through the model manager's import, as the Models command and "deepsr models import" do.
		final ModelEntry entry = new ModelManager(new ModelRegistry(null, dir.resolve("user"))).importModel(pb,
			new ImportOptions(), Progress.NONE);
		assertEquals(model + "-opencv", entry.name());
		final Path bundle = entry.path();
		final Path golden = data().resolve("models/golden");
		final float[] input = Float32Files.read(golden.resolve("bird_x" + scale + "_inputY_" + size + "x" + size +
			".f32"));
		final float[] expected = Float32Files.read(golden.resolve(model + "_bird_output_288x288.f32"));
		try (LoadedModel loaded = Models.load(bundle, Device.CPU, Progress.NONE)) {
			assertEquals(scale, loaded.scale());
			assertTrue(loaded.halo() >= 1, "halo " + loaded.halo());
			final float[] output = loaded.tileFunction().apply(input, size, size);
			assertEquals(expected.length, output.length);
			double max = 0;
			for (int i = 0; i < output.length; i++) max = Math.max(max, Math.abs(output[i] - expected[i]));
			assertTrue(max <= 1e-5, model + ": max |difference| " + max);
			assertHaloSuffices(loaded, input, size, output);
		}
	}
}
