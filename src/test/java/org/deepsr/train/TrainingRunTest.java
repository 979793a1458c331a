package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepsr.image.ImageFiles;
import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.deepsr.backend.Device;
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
 * End to end: folder of 8-bit images -> training -> bundle -> Upscale path.
 * References: the HR image itself (PSNR of the network's output must beat
 * nearest-neighbour upscaling, a method with no learnt prior) and the
 * descriptor fields the bundle format requires.
 */
class TrainingRunTest {

	@TempDir
	Path tmp;

	static void writeImages(final Path dir, final int count, final int size) throws Exception {
		Files.createDirectories(dir);
		for (int i = 0; i < count; i++) {
			final FloatImage img = Fixtures.synthetic(size, size, 100 + i);
			final ByteProcessor bp = new ByteProcessor(size, size);
			for (int k = 0; k < size * size; k++) bp.set(k, Math.round(255 * img.data()[k]));
			ImageFiles.save(new ImagePlus("img" + i, bp), dir.resolve(String.format("img%02d.png", i)), true);
		}
	}

	@Test
	void trainedBundleRunsThroughTheUpscalerAndBeatsNearestNeighbour() throws Exception {
		final Path hr = tmp.resolve("hr");
		writeImages(hr, 6, 48);
		final TrainingOptions plan = new TrainingOptions();
		plan.network = "espcn";
		plan.scale = 2;
		plan.hr = hr.toString();
		plan.channels = "grey";
		plan.patch = 12;
		plan.batch = 8;
		plan.steps = 400;
		plan.learningRate = 3e-3;
		plan.valFraction = 0.2;
		plan.validateEvery = 100;
		plan.width = 16;
		plan.out = tmp.resolve("tiny.zip").toString();
		plan.name = "tiny-espcn";
		plan.metadata = Files.write(tmp.resolve("meta.json"), "{\"trained_on\": {\"modality\": \"synthetic\", \"bit_depths\": [8]}}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
		final TrainingRun.Summary s = TrainingRun.run(plan, null, Progress.NONE);
		assertEquals(400, s.result.steps());
		assertEquals(5, s.data.trainingFiles(), "one of six files held out");
		assertEquals(1, s.data.validation().size());
		assertTrue(Files.isRegularFile(s.bundle));

		final ModelDescriptor d;
		try (LoadedModel m = Models.load(s.bundle, Device.CPU, Progress.NONE)) {
			d = m.descriptor();
		}
		assertEquals("grey", d.channels.mode);
		assertEquals(2, d.scale);
		assertEquals("fixed", d.normalisation.mode);
		assertEquals(400L, d.provenance.steps);
		assertNotNull(d.provenance.validationPsnr);
		assertTrue(d.input.halo >= 1);
		assertEquals("synthetic", d.trainedOn.modality, "the recipe's metadata file reached the descriptor");
		assertEquals(8, d.trainedOn.bitDepths[0]);

		// A fresh image the network never saw, degraded as the training data was.
		final FloatImage truth = Fixtures.synthetic(40, 40, 999);
		final FloatImage lr = DegradationSpec.parse("matlab-bicubic", 2).degrade(truth, false, new Random(1));
		final ByteProcessor lrBp = new ByteProcessor(20, 20);
		for (int k = 0; k < 400; k++) lrBp.set(k, Math.round(255 * Math.min(1, Math.max(0, lr.data()[k]))));
		final ImagePlus lrImp = new ImagePlus("lr", lrBp);
		final double[] nn;
		final ImagePlus up;
		try (Upscaler u = Upscaler.open(new UpscaleSettings().method(s.bundle.toString()).float32(true), ModelRegistry.fromEnvironment(), Progress.NONE)) {
			up = u.upscale(lrImp, Progress.NONE);
		}
		assertEquals(40, up.getWidth());
		assertEquals(40, up.getHeight());
		final float[] sr = (float[]) up.getProcessor().getPixels();
		final byte[] lrBytes = (byte[]) lrImp.getProcessor().getPixels();
		nn = new double[1600];
		for (int y = 0; y < 40; y++) for (int x = 0; x < 40; x++) nn[y * 40 + x] = (lrBytes[(y / 2) * 20 + x / 2] & 0xff) / 255.0;
		final double psnrNet = psnr(sr, 255, truth.data()), psnrNn = psnr(nn, truth.data());
		assertTrue(psnrNet > psnrNn + 1, "network " + psnrNet + " dB vs nearest " + psnrNn + " dB");

		// the bundle seeds fine-tuning with exactly the weights it was exported from
		final java.util.Map<String, float[]> start;
		try (Trainer t = new Trainer(plan.config().initialWeights(InitialWeights.read(s.bundle)), s.data.sampler(12, 1), java.util.List.of(), Progress.NONE)) {
			start = t.weights();
		}
		assertEquals(s.result.bestWeights().keySet(), start.keySet());
		s.result.bestWeights().forEach((name, v) -> org.junit.jupiter.api.Assertions.assertArrayEquals(v, start.get(name), name));
	}

	private static double psnr(final float[] values, final double peak, final float[] truth) {
		final double[] v = new double[values.length];
		for (int i = 0; i < v.length; i++) v[i] = values[i] / peak;
		return psnr(v, truth);
	}

	/** PSNR with peak 1, shaving 2 pixels (the scale). */
	private static double psnr(final double[] v, final float[] truth) {
		double sum = 0;
		int n = 0;
		for (int y = 2; y < 38; y++) for (int x = 2; x < 38; x++) {
			final double e = Math.min(1, Math.max(0, v[y * 40 + x])) - truth[y * 40 + x];
			sum += e * e;
			n++;
		}
		return 10 * Math.log10(n / sum);
	}
}
