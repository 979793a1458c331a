package org.deepsr.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.deepsr.backend.Device;
import org.deepsr.nets.NetConfig;
import org.deepsr.progress.Progress;

/**
 * Prints training steps per second of a registered network on random grey
 * images: batch B of P x P HR patches (P/s LR), L1 loss, Adam, after a
 * warm-up (a tenth of the steps, at least 3). Usage:
 * {@code bench/run TrainSpeed [network=espcn] [scale=3] [batch=16] [hrPatch=51] [threads=TensorFlow's choice] [steps=200] [device=auto]}
 * (the old default: ESPCN x3, batch 16, 17x17 LR).
 */
public final class TrainSpeed {

	private TrainSpeed() {}

	public static void main(final String[] args) {
		final String network = args.length > 0 ? args[0] : "espcn";
		final int scale = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		final int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
		final int hrPatch = args.length > 3 ? Integer.parseInt(args[3]) : 51;
		final int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
		final int steps = args.length > 5 ? Integer.parseInt(args[5]) : 200;
		final Device device = Device.parse(args.length > 6 ? args[6] : "auto");
		final Run run = run(network, scale, batch, hrPatch, threads, steps, device);
		System.out.printf(Locale.ROOT, "%s x%d, batch %d, %dx%d HR patches: %.2f steps/s (%d steps, threads %s) on %s%n",
			network, scale, batch, hrPatch, hrPatch, run.stepsPerSecond, steps, threads > 0 ? threads : "default",
			run.device);
	}

	/** A timed training run: steps per second after the warm-up, and the weights it ended with. */
	public static final class Run {

		public final double stepsPerSecond;
		public final NetConfig config;
		public final Map<String, float[]> weights;
		/** The device the trainer used, as it says. */
		public final String device;

		Run(final double stepsPerSecond, final NetConfig config, final Map<String, float[]> weights, final String device) {
			this.stepsPerSecond = stepsPerSecond;
			this.config = config;
			this.weights = weights;
			this.device = device;
		}
	}

	/** Trains {@code steps} after the warm-up; {@code hrPatch} must be a multiple of {@code scale}. */
	public static Run run(final String network, final int scale, final int batch, final int hrPatch,
		final int threads, final int steps, final Device device)
	{
		if (hrPatch % scale != 0) throw new IllegalArgumentException("HR patch " + hrPatch + " is not a multiple of x" +
			scale);
		final int warmup = Math.max(3, steps / 10), lr = hrPatch / scale;
		final Random r = new Random(1);
		final List<FloatImage> images = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			final float[] v = new float[192 * 192];
			for (int k = 0; k < v.length; k++) v[k] = r.nextFloat();
			images.add(new FloatImage(192, 192, 1, v));
		}
		final TrainingConfig config = new TrainingConfig().network(network).scale(scale).patchSize(lr).batchSize(batch)
			.steps(warmup + steps).threads(threads).device(device).validateEvery(0);
		final long[] warm = new long[1];
		try (Trainer t = new Trainer(config, new ImagePatchSampler(images, scale, lr, hr -> boxDown(hr, scale), 1), List
			.of(), Progress.NONE))
		{
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long step, final long total, final double loss, final double rate) {
					if (step == warmup) warm[0] = System.nanoTime();
				}
			});
			t.train();
			return new Run(steps / ((System.nanoTime() - warm[0]) * 1e-9), config.netConfig(), t.weights(), t.device());
		}
	}

	/** s x s box average: a stand-in degradation, speed does not depend on it. */
	private static FloatImage boxDown(final FloatImage hr, final int s) {
		final int h = hr.height() / s, w = hr.width() / s;
		final float[] out = new float[h * w];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float sum = 0;
				for (int dy = 0; dy < s; dy++)
					for (int dx = 0; dx < s; dx++) sum += hr.data()[(s * y + dy) * hr.width() + s * x + dx];
				out[y * w + x] = sum / (s * s);
			}
		return new FloatImage(h, w, 1, out);
	}
}
