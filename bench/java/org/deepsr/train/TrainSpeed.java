package org.deepsr.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deepsr.progress.Progress;

/**
 * Prints training steps per second: ESPCN (width 64, depth 3) x3, batch 16 of
 * 17x17 LR patches, on random images. Usage: {@code bench/run TrainSpeed [steps] [threads]}
 * (defaults 200 and TensorFlow's choice); the first 20 steps are warm-up.
 */
public final class TrainSpeed {

	private static final int WARMUP = 20;

	private TrainSpeed() {}

	public static void main(final String[] args) {
		final int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		final int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
		final int scale = 3;
		final Random r = new Random(1);
		final List<FloatImage> images = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			final float[] v = new float[192 * 192];
			for (int k = 0; k < v.length; k++) v[k] = r.nextFloat();
			images.add(new FloatImage(192, 192, 1, v));
		}
		final TrainingConfig config = new TrainingConfig().network("espcn").scale(scale).patchSize(17).batchSize(16)
			.steps(WARMUP + steps).threads(threads).validateEvery(0);
		final long[] warm = new long[1];
		try (Trainer t = new Trainer(config, new ImagePatchSampler(images, scale, 17, TrainSpeed::boxDown3, 1), List.of(), Progress.NONE)) {
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long step, final long total, final double loss, final double lr) {
					if (step == WARMUP) warm[0] = System.nanoTime();
				}
			});
			t.train();
		}
		final double seconds = (System.nanoTime() - warm[0]) * 1e-9;
		System.out.printf("ESPCN x3, batch 16, 17x17 LR patches: %.1f steps/s (%d steps in %.2f s, threads %s)%n",
			steps / seconds, steps, seconds, threads > 0 ? threads : "default");
	}

	/** x3 box average: a stand-in degradation, speed does not depend on it. */
	private static FloatImage boxDown3(final FloatImage hr) {
		final int h = hr.height() / 3, w = hr.width() / 3;
		final float[] out = new float[h * w];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float sum = 0;
				for (int dy = 0; dy < 3; dy++)
					for (int dx = 0; dx < 3; dx++) sum += hr.data()[(3 * y + dy) * hr.width() + 3 * x + dx];
				out[y * w + x] = sum / 9;
			}
		return new FloatImage(h, w, 1, out);
	}
}
