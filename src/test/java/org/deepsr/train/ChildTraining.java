package org.deepsr.train;

import java.nio.file.Paths;
import java.util.List;

import org.deepsr.progress.Progress;

/** Entry point of the training JVM that {@link TrainerCheckpointTest} kills mid-run. */
public final class ChildTraining {

	private ChildTraining() {}

	public static void main(final String[] args) {
		final TrainingConfig config = Fixtures.tinyEspcn().steps(1_000_000).checkpointDir(Paths.get(args[0])).checkpointEvery(5);
		try (Trainer t = new Trainer(config, Fixtures.source(config.seed()), List.of(), Progress.NONE)) {
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long step, final long total, final double loss, final double lr) {
					try {
						Thread.sleep(10); // give the parent time to kill us between checkpoints
					} catch (final InterruptedException e) {
						Thread.currentThread().interrupt();
					}
				}
			});
			t.train();
		}
	}
}
