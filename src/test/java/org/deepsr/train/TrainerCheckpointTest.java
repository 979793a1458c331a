package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.deepsr.progress.Progress;
import org.deepsr.train.TrainingResult.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and resume. The reference is an uninterrupted run with the same
 * seed: a resumed run must reproduce its losses exactly from the checkpoint
 * step on (weights, Adam moments and step are restored bit for bit, and batch
 * k depends only on the seed and k).
 */
class TrainerCheckpointTest {

	@TempDir
	Path tmp;

	@Test
	void resumeContinuesTheSameTrajectory() {
		final double[] whole = TrainerTest.losses(Fixtures.tinyEspcn().steps(16));
		final Path dir = tmp.resolve("run");
		final double[] firstPart = TrainerTest.losses(Fixtures.tinyEspcn().steps(10).checkpointDir(dir).checkpointEvery(5));
		assertArrayEquals(Arrays.copyOf(whole, 10), firstPart, 0);
		final List<Double> rest = new ArrayList<>();
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().steps(16).checkpointDir(dir), Fixtures.source(7), List.of(), Progress.NONE)) {
			assertEquals(10, t.step());
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long step, final long total, final double loss, final double lr) {
					rest.add(loss);
				}
			});
			assertEquals(16, t.train().steps());
		}
		assertArrayEquals(Arrays.copyOfRange(whole, 10, 16), rest.stream().mapToDouble(d -> d).toArray(), 0);
	}

	/** A training JVM killed without warning resumes from its last checkpoint, on the uninterrupted trajectory. */
	@Test
	void killedProcessResumesFromItsCheckpoint() throws Exception {
		final Path dir = tmp.resolve("killed");
		final Path log = tmp.resolve("child.log");
		final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		final Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ChildTraining.class.getName(), dir.toString())
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long step = 0;
		try {
			final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
			while (step < 10 && System.nanoTime() < deadline && child.isAlive()) {
				Thread.sleep(50);
				if (Checkpoint.exists(dir)) step = Checkpoint.read(dir).step();
			}
		} finally {
			child.destroyForcibly();
			child.waitFor(10, TimeUnit.SECONDS);
		}
		assertTrue(step >= 10, "no checkpoint from the child: " + tail(log));
		final long k = Checkpoint.read(dir).step();
		assertEquals(0, k % 5, "checkpoints come every 5 steps");

		final List<Double> resumed = new ArrayList<>();
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().steps(k + 4).checkpointDir(dir), Fixtures.source(7), List.of(), Progress.NONE)) {
			assertEquals(k, t.step());
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long s, final long total, final double loss, final double lr) {
					resumed.add(loss);
				}
			});
			t.train();
		}
		final double[] whole = TrainerTest.losses(Fixtures.tinyEspcn().steps(k + 4));
		// Not bitwise here: the child's TensorFlow thread pool may differ from this JVM's
		// (the first session of a JVM fixes it), which reorders float reductions by an ulp.
		// Lost Adam moments or a wrong batch index would change these losses by far more.
		assertArrayEquals(Arrays.copyOfRange(whole, (int) k, (int) k + 4), resumed.stream().mapToDouble(d -> d).toArray(), 1e-6);
	}

	@Test
	void cancelKeepsACheckpoint() throws IOException {
		final Path dir = tmp.resolve("cancel");
		final AtomicLong steps = new AtomicLong();
		final Progress cancelAfter7 = new Progress() {
			@Override
			public boolean cancelled() {
				return steps.get() >= 7;
			}
		};
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().steps(100).checkpointDir(dir), Fixtures.source(7), List.of(), cancelAfter7)) {
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long s, final long total, final double loss, final double lr) {
					steps.set(s);
				}
			});
			final TrainingResult r = t.train();
			assertEquals(StopReason.CANCELLED, r.reason());
			assertEquals(7, r.steps());
			final Checkpoint c = Checkpoint.read(dir);
			assertEquals(7, c.step());
			// the saved weights are the trainer's weights, bit for bit
			for (final String name : r.lastWeights().keySet())
				assertArrayEquals(r.lastWeights().get(name), c.weights().get(name), 0, name);
		}
	}

	@Test
	void checkpointOfAnotherNetworkIsRefused() {
		final Path dir = tmp.resolve("other");
		TrainerTest.losses(Fixtures.tinyEspcn().steps(2).checkpointDir(dir));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new Trainer(Fixtures.tinyEspcn().width(8).steps(4).checkpointDir(dir), Fixtures.source(7), List.of(), Progress.NONE));
		assertTrue(e.getMessage().contains("choose another folder"), e.getMessage());
	}

	private static String tail(final Path log) throws IOException {
		if (!Files.exists(log)) return "(no output)";
		final String s = new String(Files.readAllBytes(log));
		return s.substring(Math.max(0, s.length() - 2000)).replace(File.separatorChar, '/');
	}
}
