package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deepsr.backend.Device;
import org.deepsr.image.ImageFiles;
import org.deepsr.model.LoadedModel;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelRegistry;
import org.deepsr.model.Models;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rgb channel mode end to end: RGB files train a three-channel network,
 * the bundle says so, and Upscale runs it on an RGB image, giving three
 * channels that equal the trainer's own prediction for the same weights
 * (channel order and interleaving kept through export, tiling and the
 * engine; only float rounding apart). Grey images are refused in training
 * and at inference, each in one line.
 */
class RgbTrainingTest {

	@TempDir
	Path tmp;

	/** An RGB image whose channels are three different synthetic scenes. */
	private static ColorProcessor rgb(final int size, final long seed) {
		final float[][] c = { Fixtures.synthetic(size, size, seed).data(), Fixtures.synthetic(size, size, seed + 1).data(), Fixtures.synthetic(size, size, seed + 2).data() };
		final ColorProcessor cp = new ColorProcessor(size, size);
		for (int k = 0; k < size * size; k++)
			cp.set(k, Math.round(255 * c[0][k]) << 16 | Math.round(255 * c[1][k]) << 8 | Math.round(255 * c[2][k]));
		return cp;
	}

	private TrainingOptions options(final Path hr) {
		final TrainingOptions o = new TrainingOptions();
		o.network = "espcn";
		o.scale = 2;
		o.hr = hr.toString();
		o.channels = "rgb";
		o.patch = 8;
		o.batch = 4;
		o.steps = 5;
		o.width = 8;
		o.out = tmp.resolve("rgb.zip").toString();
		return o;
	}

	@Test
	void rgbTrainsExportsAndUpscalesThreeChannels() throws Exception {
		final Path hr = Files.createDirectories(tmp.resolve("hr"));
		for (int i = 0; i < 3; i++) ImageFiles.save(new ImagePlus("c" + i, rgb(32, 10 * i)), hr.resolve("c" + i + ".png"), true);
		final TrainingOptions o = options(hr);
		final TrainingRun.Summary s = TrainingRun.run(o, null, Progress.NONE);
		assertEquals("x2, RGB, width 8, depth default", o.config().netConfig().toString());
		final ModelDescriptor d;
		try (LoadedModel m = Models.load(s.bundle, Device.CPU, Progress.NONE)) {
			d = m.descriptor();
		}
		assertEquals("rgb", d.channels.mode);
		assertEquals(3, d.input.channels);
		assertEquals(3, d.output.channels);

		final int n = 12;
		final ColorProcessor lr = rgb(n, 77);
		final ImagePlus up;
		try (Upscaler u = Upscaler.open(new UpscaleSettings().method(s.bundle.toString()).float32(true), ModelRegistry.fromEnvironment(), Progress.NONE)) {
			up = u.upscale(new ImagePlus("lr", lr), Progress.NONE);
			final ImagePlus grey = new ImagePlus("grey", new ByteProcessor(n, n));
			final Exception e = assertThrows(IllegalArgumentException.class, () -> u.upscale(grey, Progress.NONE));
			assertTrue(e.getMessage().contains("needs an RGB image"), e.getMessage());
		}
		assertEquals(3, up.getStackSize(), "three float channels");
		assertEquals(2 * n, up.getWidth());

		// the trainer's prediction for the exported weights on the same image, interleaved / 255
		final float[] in = new float[3 * n * n];
		final int[] packed = (int[]) lr.getPixels();
		for (int k = 0; k < n * n; k++) for (int c = 0; c < 3; c++) in[3 * k + c] = (packed[k] >> (16 - 8 * c) & 0xff) / 255f;
		final FloatImage expected;
		try (Trainer t = new Trainer(o.config().initialWeights(InitialWeights.read(s.bundle)), s.data.sampler(8, 1), List.of(), Progress.NONE)) {
			expected = t.predict(new FloatImage(n, n, 3, in));
		}
		double max = 0, spread = 0;
		for (int c = 0; c < 3; c++) {
			final float[] got = (float[]) up.getStack().getProcessor(c + 1).getPixels();
			for (int k = 0; k < got.length; k++) {
				max = Math.max(max, Math.abs(got[k] / 255 - expected.data()[3 * k + c]));
				spread = Math.max(spread, Math.abs(expected.data()[3 * k + c] - expected.data()[3 * k]));
			}
		}
		assertTrue(max < 1e-5, "Upscale against the trainer: " + max);
		assertTrue(spread > 1e-3, "the channels differ, so that their order is tested");
	}

	@Test
	void greyTrainingImagesAreRefusedInRgbMode() throws Exception {
		final Path hr = Files.createDirectories(tmp.resolve("grey"));
		ImageFiles.save(new ImagePlus("g", new ByteProcessor(32, 32)), hr.resolve("g.png"), true);
		final Exception e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(options(hr), null, Progress.NONE));
		assertEquals("Image g.png is 8-bit, not RGB: the rgb channel mode trains on RGB images (use grey or y for others).", e.getMessage());
		final TrainingOptions percentile = options(hr);
		percentile.normalisation = "percentile";
		assertEquals("The rgb channel mode reads RGB as / 255: use --normalisation minmax.", assertThrows(IllegalArgumentException.class, percentile::validate).getMessage());
	}
}
