package org.deepsr.train;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.deepsr.nets.NetRegistry;
import org.deepsr.progress.Progress;

/**
 * Prints training steps per second of every registered network (or those
 * named) in the paper's configuration at x2: batch 4 of 24x24 LR patches of
 * one channel, random images, L1, Adam at 1e-4, on the threads given (default 2).
 * One warm-up step (graph building, first allocation) is left out; then
 * steps are timed until at least {@code min} steps and {@code seconds}
 * seconds have passed (at most 200 steps). Prints the load average beside
 * each figure. Usage:
 * {@code bench/run CatalogueSpeed [seconds=10] [min=2] [threads=2] [network...]}.
 */
public final class CatalogueSpeed {

	private static final int SCALE = 2, PATCH = 24, BATCH = 4, MAX_STEPS = 200;

	private CatalogueSpeed() {}

	public static void main(final String[] args) {
		final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
		final int min = args.length > 1 ? Integer.parseInt(args[1]) : 2;
		final int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
		final List<String> names = args.length > 3 ? Arrays.asList(args).subList(3, args.length) : NetRegistry.names();
		final List<FloatImage> images = new ArrayList<>();
		final Random r = new Random(1);
		for (int i = 0; i < 4; i++) {
			final float[] v = new float[128 * 128];
			for (int k = 0; k < v.length; k++) v[k] = r.nextFloat();
			images.add(new FloatImage(128, 128, 1, v));
		}
		System.out.printf(Locale.ROOT, "x%d, batch %d of %dx%d LR patches, 1 channel, paper's configuration, %d threads%n", SCALE, BATCH, PATCH, PATCH, threads);
		System.out.println("| network | steps/s | steps timed | load average |");
		System.out.println("|---|---:|---:|---:|");
		for (final String name : names) {
			if (!NetRegistry.get(name).scales().contains(SCALE)) {
				System.out.printf(Locale.ROOT, "| `%s` | - (no x%d) | | |%n", name, SCALE);
				continue;
			}
			final long[] start = { 0 }, timed = { 0 };
			final TrainingConfig config = new TrainingConfig().network(name).scale(SCALE).patchSize(PATCH).batchSize(BATCH)
				.steps(1 + MAX_STEPS).threads(threads).validateEvery(0)
				// the papers' rate for the deep residual networks: at 1e-3 MDSR's random start diverges in one update (speed does not depend on it)
				.learningRate(1e-4);
			// stops the trainer once enough steps and seconds are timed
			final Progress budget = new Progress() {
				@Override
				public boolean cancelled() {
					return timed[0] >= min && System.nanoTime() - start[0] >= seconds * 1e9;
				}
			};
			try (Trainer t = new Trainer(config, new ImagePatchSampler(images, SCALE, PATCH, hr -> Fixtures.boxDown(hr, SCALE), 1), List.of(), budget)) {
				t.addListener(new TrainingListener() {
					@Override
					public void onStep(final long step, final long total, final double loss, final double lr) {
						if (step == 1) start[0] = System.nanoTime();
						else timed[0]++;
					}
				});
				t.train();
			} catch (final TrainingDivergedException e) {
				System.out.printf(Locale.ROOT, "| `%s` | diverged after %d timed steps | | |%n", name, timed[0]);
				continue;
			}
			final double elapsed = (System.nanoTime() - start[0]) * 1e-9;
			System.out.printf(Locale.ROOT, "| `%s` | %.3g | %d | %.2f |%n", name, timed[0] / elapsed, timed[0], ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}
}
