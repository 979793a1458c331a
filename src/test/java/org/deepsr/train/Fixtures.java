package org.deepsr.train;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared test data: synthetic images, a box-average degradation, a tiny ESPCN configuration. */
final class Fixtures {

	private Fixtures() {}

	/** Grey image in [0,1]: piecewise-constant random polygons (sharp edges, what SR must restore) over smooth blobs. */
	static FloatImage synthetic(final int h, final int w, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[h * w];
		Arrays.fill(v, 0.5f);
		for (int k = 0; k < 4; k++) {
			final double cy = r.nextDouble() * h, cx = r.nextDouble() * w, s = 3 + 8 * r.nextDouble(), a = 0.4 * (r.nextDouble() - 0.5);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					v[y * w + x] += a * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * s * s));
		}
		// rotated rectangles: inside where |u| < a and |v| < b in a rotated frame
		final int count = h * w / 150;
		for (int k = 0; k < count; k++) {
			final double cy = r.nextDouble() * h, cx = r.nextDouble() * w, t = r.nextDouble() * Math.PI;
			final double a = 2 + 8 * r.nextDouble(), b = 1 + 5 * r.nextDouble(), amp = 0.8 * (r.nextDouble() - 0.5);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final double u = Math.cos(t) * (x - cx) + Math.sin(t) * (y - cy), q = -Math.sin(t) * (x - cx) + Math.cos(t) * (y - cy);
					if (Math.abs(u) < a && Math.abs(q) < b) v[y * w + x] += amp;
				}
		}
		for (int i = 0; i < v.length; i++) v[i] = Math.min(1, Math.max(0, v[i]));
		return new FloatImage(h, w, 1, v);
	}

	/** Box-average downscale by {@code s} (the test degradation; sides must be multiples of s). */
	static FloatImage boxDown(final FloatImage hr, final int s) {
		final int h = hr.height() / s, w = hr.width() / s, c = hr.channels();
		final float[] out = new float[h * w * c];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int k = 0; k < c; k++) {
					double sum = 0;
					for (int dy = 0; dy < s; dy++)
						for (int dx = 0; dx < s; dx++)
							sum += hr.data()[((y * s + dy) * hr.width() + x * s + dx) * c + k];
					out[(y * w + x) * c + k] = (float) (sum / (s * s));
				}
		return new FloatImage(h, w, c, out);
	}

	/** ESPCN x2, width 16, 8x8 LR patches, batch 4, constant rate, one TF thread (bitwise-repeatable), resuming from a checkpoint when there is one. */
	static TrainingConfig tinyEspcn() {
		return new TrainingConfig().network("espcn").scale(2).width(16).patchSize(8).batchSize(4).learningRate(1e-3).schedule(LearningRateSchedule.constant())
			.seed(7).threads(1).validateEvery(0).resume(true);
	}

	static PatchSource source(final long seed) {
		return new ImagePatchSampler(List.of(synthetic(64, 64, 1), synthetic(48, 64, 2)), 2, 8, hr -> boxDown(hr, 2), seed);
	}
}
