package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.deepsr.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deepsr train} refuses what cannot work in one line and exit code 1:
 * a scale the network cannot build (before any data is read or graph built)
 * and a run that diverges (no bundle; the checkpoint of the last sound step
 * stays byte for byte).
 */
class TrainCliTest {

	@TempDir
	Path tmp;

	private Path images() throws Exception {
		final Path hr = tmp.resolve("hr");
		Files.createDirectories(hr);
		final Random r = new Random(3);
		for (int i = 0; i < 3; i++) {
			final ByteProcessor bp = new ByteProcessor(32, 32);
			for (int k = 0; k < 32 * 32; k++) bp.set(k, (k % 32 * 8 + r.nextInt(40)) & 0xff);
			ImageFiles.save(new ImagePlus("img" + i, bp), hr.resolve("img" + i + ".png"), true);
		}
		return hr;
	}

	private String[] train(final Path hr, final String... more) {
		final List<String> args = new java.util.ArrayList<>(Arrays.asList("train", "--hr", hr.toString(), "--channels", "grey", "--patch", "8", "--batch", "4", "--width", "8", "--threads", "1"));
		args.addAll(Arrays.asList(more));
		return args.toArray(new String[0]);
	}

	/** The last line of stderr: the error, one line, "deepsr: ..." (what came before is the run's log). */
	private static String error(final CliTest.Run r) {
		final List<String> lines = Arrays.stream(r.err.split("\\R")).filter(l -> !l.isEmpty()).collect(Collectors.toList());
		return lines.get(lines.size() - 1);
	}

	@Test
	void divergedRunExitsWithOneLineWritesNoBundleAndKeepsTheSoundCheckpoint() throws Exception {
		final Path hr = images(), ck = tmp.resolve("ck");
		final CliTest.Run first = new CliTest.Run(train(hr, "--steps", "4", "--checkpoints", ck.toString(), "--out", tmp.resolve("sound.zip").toString()));
		assertEquals(0, first.code, first.err);
		assertTrue(first.out.contains("not validated"), first.out);
		final byte[] good = Files.readAllBytes(ck.resolve("checkpoint.bin"));

		final Path bad = tmp.resolve("bad.zip");
		final CliTest.Run r = new CliTest.Run(train(hr, "--steps", "8", "--checkpoints", ck.toString(), "--checkpoint-every", "1", "--resume", "--lr-rate", "1e30", "--out", bad.toString()));
		assertEquals(1, r.code, r.err);
		final String e = error(r);
		assertTrue(e.startsWith("deepsr: Training diverged: after 5 updates the loss jumped to ") && e.endsWith("keeps step 4, the last with a sound loss."), e);
		assertFalse(Files.exists(bad));
		assertTrue(r.out.isEmpty(), r.out);
		assertArrayEquals(good, Files.readAllBytes(ck.resolve("checkpoint.bin")));
	}

	@Test
	void scaleTheNetworkCannotBuildIsRefusedBeforeAnythingRuns() throws Exception {
		final Path hr = images();
		for (final String scale : new String[] { "1", "17", "99" }) {
			final CliTest.Run r = new CliTest.Run(train(hr, "--scale", scale, "--steps", "2", "--out", tmp.resolve("x" + scale + ".zip").toString()));
			assertEquals(2, r.code, "a usage error, as picocli's own: " + r.err);
			final String expected = scale.equals("1") ? "deepsr: espcn cannot upscale x1: it supports x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16."
				: "deepsr: Scale must be between 1 and 16, got " + scale + ".";
			assertEquals(expected + " (see 'deepsr train --help')", r.err.trim(), "one line, no TensorFlow NodeDef, nothing loaded before it");
		}
	}

	/**
	 * The GAN options reach the trainer: a discriminator with its own rate beside the network. (Both losses on
	 * every progress line: GanTrainingTest, which sees each status; the console prints one every 2 s at most.)
	 */
	@Test
	void ganOptionsTrainADiscriminatorBesideTheNetwork() throws Exception {
		final Path hr = images(), out = tmp.resolve("gan.zip");
		final CliTest.Run r = new CliTest.Run(train(hr, "--steps", "4", "--loss", "l1,adversarial:0.005", "--discriminator", "srgan", "--discriminator-width", "2",
			"--discriminator-rate", "3e-4", "--out", out.toString()));
		assertEquals(0, r.code, r.err);
		assertTrue(r.err.contains("0.005 adversarial(generator) + adversarial(discriminator)") && r.err.contains("Adam lr 0.000300000 on discriminator minimising adversarial(discriminator)"), r.err);
		assertTrue(Files.isRegularFile(out));
	}

	/** GAN settings that cannot work are usage errors, one line each, before any data is read. */
	@Test
	void ganSettingsThatCannotWorkAreRefusedInOneLine() throws Exception {
		final Path hr = images();
		final String[][] cases = {
			{ "--loss", "l1,adversarial:0.005" }, { "--loss", "l1", "--discriminator", "srgan" }, { "--loss", "l1,relativistic:0.005", "--discriminator", "esrgan" },
			{ "--loss", "l1,perceptual:1" }, { "--loss", "l1,perceptual:1", "--extractor", tmp.resolve("vgg.pb").toString() }, { "--loss", "l1,gan:1" } };
		final String[] expected = { "needs a discriminator", "trains only for an adversarial loss term", "a multiple of 32, got 16", "need an extractor network",
			"needs the extractor's layers", "Unknown loss 'gan'" };
		for (int i = 0; i < cases.length; i++) {
			final List<String> args = new java.util.ArrayList<>(Arrays.asList(train(hr, "--steps", "2", "--out", tmp.resolve("refused.zip").toString())));
			args.addAll(Arrays.asList(cases[i]));
			final CliTest.Run r = new CliTest.Run(args.toArray(new String[0]));
			assertEquals(2, r.code, r.err);
			assertTrue(r.err.trim().startsWith("deepsr: ") && r.err.trim().contains(expected[i]) && !r.err.trim().contains("\n"), String.join(" ", cases[i]) + ": " + r.err);
		}
	}

	/** The GAN recipes are complete records (they are not run here: they need an exported VGG19). */
	@Test
	void ganRecipesAreValidOptions() throws Exception {
		for (final String recipe : new String[] { "srgan-x4.json", "esrgan-x4.json" }) {
			final org.deepsr.train.TrainingOptions o = org.deepsr.train.TrainingOptions.read(java.nio.file.Paths.get("models", "recipes", recipe));
			assertEquals(o, o.validate(), recipe);
			assertTrue(o.config().discriminator() != null && o.config().losses().adversarial() != null, recipe);
		}
	}
}
