package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.ByteProcessor;

/**
 * GAN training headless, small: an SRGAN (SRResNet generator of two
 * blocks, SRGAN discriminator) with pixel, perceptual, texture and
 * adversarial terms on the test's own extractor for 240 steps, both losses on
 * every progress line and finite, resumed from its checkpoint to 300,
 * exported, and run through the Upscale path as the trainer runs it; the
 * divergence guard; an ESRGAN pair with the relativistic loss.
 */
class GanTrainingTest {

	/** "loss 0.1 (net 0.09, discriminator 1.38)": the generator's and the discriminator's objectives. */
	private static final Pattern LOSSES = Pattern.compile("loss (\\S+) \\(net (\\S+), discriminator (\\S+)\\)");

	@TempDir
	Path tmp;

	@Test
	void srganTrainsResumesExportsAndUpscales() throws Exception {
		final TrainingOptions o = new TrainingOptions();
		o.network = "srresnet";
		o.channels = "grey";
		o.loss = "l1,perceptual:0.1,texture:0.1,adversarial:0.005";
		o.discriminator = "srgan";
		o.discriminatorWidth = 4;
		o.discriminatorRate = 2e-4;
		o.extractor = Files.write(tmp.resolve("extractor.pb"), GanLossTest.extractorGraph()).toString();
		o.extractorLayers = "relu1,conv2";
		o.textureLayers = "relu1";
		o.checkpoints = tmp.resolve("checkpoints").toString();
		o.steps = 240;
		o.name = "srgan";
		o.scale = 2;
		o.width = 8;
		o.blocks = 2;
		o.patch = 8;
		o.batch = 4;
		o.schedule = "constant";
		o.threads = 2;
		o.validateEvery = 100;
		final FloatImage truth = Fixtures.synthetic(32, 32, 999);
		final List<ImagePair> validation = List.of(new ImagePair(Fixtures.boxDown(truth, 2), truth));
		final Lines first = new Lines();
		train(o, validation, first);
		final List<double[]> losses = first.losses();
		assertTrue(!losses.isEmpty() && losses.get(losses.size() - 1)[0] == 240, "a progress line at the last step: " + first.status);
		for (final double[] l : losses)
			for (int k = 1; k < 4; k++) assertTrue(Double.isFinite(l[k]) && l[k] > 0, "finite losses at step " + l[0] + ": " + first.status);
		final double[] last = losses.get(losses.size() - 1);
		assertEquals(last[1], last[2] + last[3], 1e-4 * last[1], "the objective is the generator's plus the discriminator's");

		o.steps = 300;
		o.resume = true;
		final Lines second = new Lines();
		final TrainingResult result;
		final FloatImage lr = quantised(validation.get(0).lr());
		final FloatImage predicted;
		try (Trainer t = new Trainer(o.config(), Fixtures.source(3), validation, second)) {
			result = t.train();
			predicted = t.predict(lr);
		}
		assertEquals(300, result.steps());
		assertTrue(second.log.stream().anyMatch(l -> l.contains("Resumed from the checkpoint") && l.contains("at step 240")), String.join("\n", second.log));
		assertTrue(second.losses().get(0)[0] > 240, "the resumed run starts after step 240: " + second.status);

		// the generator alone is exported; the Upscale path runs it as the trainer does
		final Path bundle = TrainingRun.export(o, result, "synthetic", tmp.resolve("srgan.zip"), false, Progress.NONE);
		final ByteProcessor bp = new ByteProcessor(16, 16);
		for (int k = 0; k < 256; k++) bp.set(k, Math.round(255 * lr.data()[k]));
		final ImagePlus up;
		try (Upscaler u = Upscaler.open(new UpscaleSettings().method(bundle.toString()).float32(true), ModelRegistry.fromEnvironment(), Progress.NONE)) {
			up = u.upscale(new ImagePlus("lr", bp), Progress.NONE);
		}
		assertEquals(32, up.getWidth());
		final float[] sr = (float[]) up.getProcessor().getPixels();
		for (int k = 0; k < sr.length; k++) assertEquals(predicted.data()[k], sr[k] / 255, 1e-4, "pixel " + k);
	}

	/** The image rounded to 8 bits, as the Upscale path will see it. */
	private static FloatImage quantised(final FloatImage f) {
		final float[] v = f.data().clone();
		for (int i = 0; i < v.length; i++) v[i] = Math.round(255 * v[i]) / 255f;
		return new FloatImage(f.height(), f.width(), f.channels(), v);
	}

	private static TrainingResult train(final TrainingOptions o, final List<ImagePair> validation, final Progress progress) {
		try (Trainer t = new Trainer(o.config(), Fixtures.source(3), validation, progress)) {
			return t.train();
		}
	}

	@Test
	void aBlownUpGanStops() {
		final TrainingConfig c = Fixtures.tinyEspcn().network("srresnet").blocks(1).width(8).resume(false).steps(20).learningRate(1e30)
			.losses(LossSpec.parse("l1,adversarial:0.005")).discriminator("srgan").discriminatorWidth(2).discriminatorRate(1e-4);
		try (Trainer t = new Trainer(c, Fixtures.source(3), List.of(), Progress.NONE)) {
			final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::train);
			assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
		}
	}

	@Test
	void esrganPairTrainsWithTheRelativisticLoss() {
		final TrainingConfig c = new TrainingConfig().network("esrgan").scale(2).blocks(1).width(8).patchSize(16).batchSize(2).steps(40)
			.learningRate(1e-4).schedule(LearningRateSchedule.constant()).seed(5).threads(2).validateEvery(0)
			.losses(LossSpec.parse("l1:0.01,relativistic:0.005")).discriminator("esrgan").discriminatorWidth(2);
		final Lines lines = new Lines();
		final Map<String, float[]> before, after;
		try (Trainer t = new Trainer(c, new ImagePatchSampler(List.of(Fixtures.synthetic(64, 64, 1)), 2, 16, hr -> Fixtures.boxDown(hr, 2), 5), List.of(), lines)) {
			before = t.weights(Adversarial.GROUP);
			t.train();
			after = t.weights(Adversarial.GROUP);
		}
		final double[] last = lines.losses().get(lines.losses().size() - 1);
		assertEquals(40, last[0]);
		assertTrue(Double.isFinite(last[2]) && Double.isFinite(last[3]), lines.status.toString());
		assertTrue(!java.util.Arrays.equals(before.get("dense2/kernel"), after.get("dense2/kernel")), "the discriminator trained");
		assertTrue(lines.log.stream().anyMatch(l -> l.contains("relativistic(generator)") && l.contains("minimising relativistic(discriminator)")), String.join("\n", lines.log));
	}

	/** Status and log lines. */
	private static final class Lines implements Progress {
		final List<String> status = new ArrayList<>(), log = new ArrayList<>();

		@Override
		public void status(final String message) {
			status.add(message);
		}

		@Override
		public void log(final String message) {
			log.add(message);
		}

		/** {step, objective, generator's, discriminator's} of each status line. */
		List<double[]> losses() {
			final List<double[]> out = new ArrayList<>();
			for (final String s : status) {
				final Matcher m = LOSSES.matcher(s), step = Pattern.compile("step (\\d+)/").matcher(s);
				if (m.find() && step.find()) out.add(new double[] { Double.parseDouble(step.group(1)), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)) });
			}
			return out;
		}
	}
}
