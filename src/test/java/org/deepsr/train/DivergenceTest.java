package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.process.FloatProcessor;

import org.deepsr.backend.Device;
import org.deepsr.image.ImageFiles;
import org.deepsr.model.LoadedModel;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.Models;
import org.deepsr.nets.NetConfig;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A diverged run stops, keeps its last sound checkpoint and exports nothing.
 * References: the checkpoint file written before the divergence (it must stay
 * byte for byte), the IEEE rule that a NaN or infinite float is no weight,
 * and a network whose inference graph yields NaN by construction.
 */
class DivergenceTest {

	@TempDir
	Path tmp;

	/**
	 * Four sound steps, then a resume at learning rate 1e30 checkpointing every
	 * step: the first update blows the weights up to about 1e30 (finite, so a
	 * finiteness test of the weights alone would pass them), the L1 loss jumps
	 * from 0.5 to about 1e30, and the step-5 checkpoint must not replace step 4.
	 */
	@Test
	void blownUpLossStopsTheRunAndKeepsTheLastSoundCheckpoint() throws Exception {
		final Path dir = tmp.resolve("run");
		TrainerTest.losses(Fixtures.tinyEspcn().steps(4).checkpointDir(dir));
		final byte[] good = Files.readAllBytes(dir.resolve(Checkpoint.FILE_NAME));
		final List<Double> losses = new ArrayList<>();
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().steps(8).learningRate(1e30).checkpointDir(dir).checkpointEvery(1), Fixtures.source(7), List.of(), Progress.NONE)) {
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long step, final long total, final double loss, final double lr) {
					losses.add(loss);
				}
			});
			final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::train);
			assertFalse(e.getMessage().contains("\n"), e.getMessage());
			assertTrue(e.getMessage().startsWith("Training diverged: after 5 updates the loss jumped to "), e.getMessage());
			assertTrue(e.getMessage().contains("keeps step 4"), e.getMessage());
			assertTrue(Math.abs(t.weights().get("conv1/kernel")[0]) > 1e20, "the weights did blow up");
		}
		assertEquals(1, losses.size(), "the loss at the sound step-4 weights was heard, the blown-up one stopped the run");
		assertArrayEquals(good, Files.readAllBytes(dir.resolve(Checkpoint.FILE_NAME)), "the step-4 checkpoint stays as it was");
		final Checkpoint c = Checkpoint.read(dir);
		assertEquals(4, c.step());
		c.arrays.forEach((name, v) -> {
			for (final float f : v) assertTrue(Float.isFinite(f) && Math.abs(f) < 100, name + " holds " + f);
		});
	}

	/** The same at the end of a run: the final checkpoint waits for the loss at the final weights. */
	@Test
	void finalCheckpointOfADivergedRunIsNotWritten() throws Exception {
		final Path dir = tmp.resolve("end");
		TrainerTest.losses(Fixtures.tinyEspcn().steps(4).checkpointDir(dir));
		final byte[] good = Files.readAllBytes(dir.resolve(Checkpoint.FILE_NAME));
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().steps(5).learningRate(1e30).checkpointDir(dir), Fixtures.source(7), List.of(), Progress.NONE)) {
			final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::train);
			assertTrue(e.getMessage().contains("after 5 updates"), e.getMessage());
		}
		assertArrayEquals(good, Files.readAllBytes(dir.resolve(Checkpoint.FILE_NAME)));
	}

	/**
	 * A network whose inference graph (the one validation and export use)
	 * yields NaN while its training loss stays finite: the validation at step
	 * 3 stops the run; the checkpoint of step 2 stays.
	 */
	@Test
	void nanValidationPredictionsStopTheRun() throws Exception {
		final TrainingConfig config = Fixtures.tinyEspcn().steps(6).validateEvery(3).checkpointDir(tmp.resolve("nan")).checkpointEvery(2);
		final NetSpec plain = NetSpec.of(config.architecture(), config.netConfig());
		final NetSpec nanWhenInferring = (tf, inputs, variables, mode) -> {
			final Map<String, Operand<TFloat32>> out = new LinkedHashMap<>(plain.build(tf, inputs, variables, mode));
			if (mode == NetConfig.Mode.INFERENCE) out.put(NetSpec.OUTPUT, tf.math.mul(out.get(NetSpec.OUTPUT), tf.constant(Float.NaN)));
			return out;
		};
		final TrainingParts standard = TrainingParts.standard(config);
		final TrainingParts parts = new TrainingParts(nanWhenInferring, standard.losses(), standard.optimisers());
		final FloatImage hr = Fixtures.synthetic(32, 32, 5);
		try (Trainer t = new Trainer(config, parts, Fixtures.source(7), List.of(new ImagePair(Fixtures.boxDown(hr, 2), hr)), Progress.NONE)) {
			final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::train);
			assertEquals("Training diverged: after 3 updates the network predicts NaN or infinite values on the validation images."
				+ " Lower the learning rate (0.00100) or set a gradient clip norm; the checkpoint in " + config.checkpointDir() + " keeps step 2, the last with a sound loss.", e.getMessage());
		}
		assertEquals(2, Checkpoint.read(config.checkpointDir()).step());
	}

	/** A grey ESPCN of width 8 on 8 px patches, batch 4. */
	private TrainingOptions tiny(final Path hr, final long steps, final String out) {
		final TrainingOptions o = new TrainingOptions();
		o.hr = hr.toString();
		o.channels = "grey";
		o.patch = 8;
		o.batch = 4;
		o.steps = steps;
		o.width = 8;
		o.out = tmp.resolve(out).toString();
		return o;
	}

	/**
	 * Through {@link TrainingRun}: learning rate 1e30 writes no bundle. Without
	 * validation data a sound run exports its last weights and says "not
	 * validated" in the descriptor (no validation PSNR) and the log.
	 */
	@Test
	void trainingRunExportsNothingWhenDivergedAndSaysNotValidatedOtherwise() throws Exception {
		final Path hr = tmp.resolve("hr");
		TrainingRunTest.writeImages(hr, 3, 32);
		final TrainingOptions o = tiny(hr, 6, "diverged.zip");
		o.learningRate = 1e30;
		final TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> TrainingRun.run(o, null, Progress.NONE));
		assertTrue(e.getMessage().contains("no checkpoint was written"), e.getMessage());
		assertFalse(Files.exists(tmp.resolve("diverged.zip")));
		try (Stream<Path> left = Files.list(tmp)) {
			assertEquals(List.of(hr), left.collect(Collectors.toList()), "no temporary export left behind");
		}

		o.learningRate = 1e-3;
		o.out = tmp.resolve("sound.zip").toString();
		final List<String> warnings = new ArrayList<>();
		final TrainingRun.Summary s = TrainingRun.run(o, null, new Progress() {
			@Override
			public void warn(final String message) {
				warnings.add(message);
			}
		});
		assertTrue(s.toString().contains("6 steps (completed), not validated, model "), s.toString());
		assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Not validated")), warnings.toString());
		final ModelDescriptor d;
		try (LoadedModel m = Models.load(s.bundle, Device.CPU, Progress.NONE)) {
			d = m.descriptor();
		}
		assertNull(d.provenance.validationPsnr);
		assertTrue(d.provenance.notes.contains("not validated (no validation data): the last weights, of step 6"), d.provenance.notes);
	}

	/** Validation data but cancelled before the first validation: nothing to vouch for the weights, so no bundle. */
	@Test
	void cancelledBeforeTheFirstValidationExportsNothing() throws Exception {
		final Path hr = tmp.resolve("hr");
		TrainingRunTest.writeImages(hr, 4, 32);
		final TrainingOptions o = tiny(hr, 100, "cancelled.zip");
		o.valFraction = 0.25;
		o.validateEvery = 50;
		final AtomicLong steps = new AtomicLong();
		final TrainingListener count = new TrainingListener() {
			@Override
			public void onStep(final long step, final long total, final double loss, final double lr) {
				steps.set(step);
			}
		};
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainingRun.run(o, count, new Progress() {
			@Override
			public boolean cancelled() {
				return steps.get() >= 3;
			}
		}));
		assertEquals("Cancelled at step 3 before the first validation: no model exported.", e.getMessage());
		assertFalse(Files.exists(tmp.resolve("cancelled.zip")));
	}

	/** A NaN pixel in the training data would make the loss NaN: the file is refused by name, before training, and no "diverged" is blamed on the learning rate. */
	@Test
	void nanTrainingPixelIsRefusedByName() throws Exception {
		final Path hr = tmp.resolve("float");
		Files.createDirectories(hr);
		for (int i = 0; i < 2; i++) {
			final float[] v = Fixtures.synthetic(32, 32, 40 + i).data().clone();
			if (i == 1) v[3 * 32 + 7] = Float.NaN;
			ImageFiles.save(new ImagePlus("f" + i, new FloatProcessor(32, 32, v)), hr.resolve("f" + i + ".tif"), false);
		}
		final TrainingOptions o = tiny(hr, 4, "nan.zip");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.run(o, null, Progress.NONE));
		assertEquals("Image f1.tif has a NaN pixel at x 7, y 3 (c1 z1 t1): replace it (e.g. Process > Math > Remove NaNs) or remove the file from the training folder.", e.getMessage());
	}
}
