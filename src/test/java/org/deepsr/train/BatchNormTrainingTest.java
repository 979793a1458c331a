package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.deepsr.nets.Architecture;
import org.deepsr.nets.BatchNormNet;
import org.deepsr.nets.ConstantParameters;
import org.deepsr.nets.NetConfig;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Training a network with batch norm on its input ({@link BatchNormNet}, RGB
 * x2): the moving statistics are the exponential moving average, momentum
 * 0.9, of each batch's own per-channel mean and biased variance, computed
 * here in double from the batches' LR pixels; gamma and beta are trained,
 * the statistics have no Adam moments, resume is bit-exact, and validation
 * and the frozen graph normalise with the moving statistics (a hand
 * computation of the pixelwise network).
 */
class BatchNormTrainingTest {

	private static final Architecture NET = new BatchNormNet();
	private static final int C = 3, S = 2, PATCH = 4, BATCH = 3;
	private static final String MEAN = "norm/moving_mean", VARIANCE = "norm/moving_variance";

	private static TrainingConfig config(final long steps) {
		return Fixtures.tinyEspcn().channels(C).scale(S).width(8).patchSize(PATCH).batchSize(BATCH).steps(steps);
	}

	private static TrainingParts parts(final TrainingConfig config) {
		return new TrainingParts(NetSpec.of(NET, config.netConfig()), List.of(LossTerm.pixel(Loss.L2, NetSpec.OUTPUT, NetSpec.TARGET, 0)),
			List.of(Optimiser.adam("adam", config.learningRate(), config.schedule(), NetSpec.NET)));
	}

	@Test
	void movingStatisticsAreTheMovingAverageOfTheBatchStatistics(@TempDir final Path tmp) throws IOException {
		final int k = 5;
		final PatchSource source = source();
		final Map<String, float[]> before, after;
		try (Trainer t = new Trainer(config(k).checkpointDir(tmp), parts(config(k)), source, List.of(), Progress.NONE)) {
			before = t.weights();
			t.train();
			after = t.weights();
		}
		final double[] mean = new double[C], variance = new double[C];
		java.util.Arrays.fill(variance, 1);
		for (int step = 0; step < k; step++) {
			final double[][] b = channelStatistics(source.batch(step, BATCH).lr());
			for (int c = 0; c < C; c++) {
				mean[c] = 0.9 * mean[c] + 0.1 * b[0][c];
				variance[c] = 0.9 * variance[c] + 0.1 * b[1][c];
			}
		}
		assertArrayEquals(mean, doubles(after.get(MEAN)), 1e-6, "moving mean after " + k + " steps");
		assertArrayEquals(variance, doubles(after.get(VARIANCE)), 1e-6, "moving variance after " + k + " steps");
		for (final String p : List.of("norm/gamma", "norm/beta"))
			for (int c = 0; c < C; c++)
				assertTrue(Math.abs(after.get(p)[c] - before.get(p)[c]) > 1e-4, p + "[" + c + "] trained: " + before.get(p)[c] + " -> " + after.get(p)[c]);

		final Set<String> saved = Checkpoint.read(tmp).arrays.keySet();
		assertTrue(saved.containsAll(List.of("net/" + MEAN, "net/" + VARIANCE, "adam/m/norm/gamma", "adam/v/norm/beta", "adam/m/feature/kernel")), saved.toString());
		for (final String moment : List.of("adam/m/", "adam/v/"))
			for (final String stat : List.of(MEAN, VARIANCE))
				assertFalse(saved.contains(moment + stat), moment + stat + " must not exist: " + saved);
	}

	@Test
	void resumeReproducesTheStatisticsBitForBit(@TempDir final Path tmp) {
		final Map<String, float[]> whole = trained(config(4)), half;
		try (Trainer t = new Trainer(config(2).checkpointDir(tmp), parts(config(2)), source(), List.of(), Progress.NONE)) {
			t.train();
			half = t.weights();
		}
		final Map<String, float[]> resumed = trained(config(4).checkpointDir(tmp));
		assertEquals(whole.keySet(), resumed.keySet());
		for (final String p : whole.keySet()) assertArrayEquals(whole.get(p), resumed.get(p), 0, p);
		assertFalse(java.util.Arrays.equals(half.get(MEAN), whole.get(MEAN)), "steps 3 and 4 moved the moving mean");
	}

	@Test
	void validationAndTheFrozenGraphUseTheMovingStatistics() {
		final Map<String, float[]> w;
		final FloatImage lr = random(5, 7, 99), predicted;
		try (Trainer t = new Trainer(config(3), parts(config(3)), source(), List.of(), Progress.NONE)) {
			t.train();
			w = t.weights();
			predicted = t.predict(lr);
		}
		final double[] expected = byHand(lr, w, doubles(w.get(MEAN)), doubles(w.get(VARIANCE)));
		assertArrayEquals(expected, doubles(predicted.data()), 1e-5, "Trainer.predict");
		assertArrayEquals(expected, doubles(frozen(lr, w)), 1e-5, "constants in an inference graph, as ModelExporter builds it");
		// the image's own statistics would give another result: the comparison can fail
		final double[][] own = channelStatistics(lr.data());
		final double[] batchNormalised = byHand(lr, w, own[0], own[1]);
		double largest = 0;
		for (int i = 0; i < expected.length; i++) largest = Math.max(largest, Math.abs(batchNormalised[i] - expected[i]));
		assertTrue(largest > 1e-2, "normalising with the image's statistics differs by " + largest);
	}

	@Test
	void aStatisticWithoutItsBatchOutputIsRefused() {
		final NetSpec withoutSideOutputs = (tf, inputs, variables, mode) -> Map.of(NetSpec.OUTPUT,
			NET.build(tf, inputs.get(NetSpec.INPUT), config(1).netConfig().withMode(mode), variables.apply(NetSpec.NET)));
		final TrainingParts p = new TrainingParts(withoutSideOutputs, parts(config(1)).losses(), parts(config(1)).optimisers());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(config(1), p, source(), List.of(), Progress.NONE).close());
		assertTrue(e.getMessage().contains("'" + MEAN + "'") && e.getMessage().contains("norm/batch_mean"), e.getMessage());
	}

	private static Map<String, float[]> trained(final TrainingConfig config) {
		try (Trainer t = new Trainer(config, parts(config), source(), List.of(), Progress.NONE)) {
			t.train();
			return t.weights();
		}
	}

	/** Per-channel mean [0] and biased variance [1] over every pixel of NHWC {@code lr}, two passes in double. */
	private static double[][] channelStatistics(final float[] lr) {
		final double[] mean = new double[C], variance = new double[C];
		final int n = lr.length / C;
		for (int i = 0; i < lr.length; i++) mean[i % C] += lr[i];
		for (int c = 0; c < C; c++) mean[c] /= n;
		for (int i = 0; i < lr.length; i++) variance[i % C] += (lr[i] - mean[i % C]) * (lr[i] - mean[i % C]);
		for (int c = 0; c < C; c++) variance[c] /= n;
		return new double[][] { mean, variance };
	}

	/**
	 * The network in double: per pixel y_c = (x_c - m_c) / sqrt(v_c + eps) gamma_c + beta_c,
	 * h = relu(y K1 + b1), o = h K2 + b2, output pixel (S y + i, S x + j) channel c = o[(i S + j) C + c].
	 */
	private static double[] byHand(final FloatImage lr, final Map<String, float[]> w, final double[] m, final double[] v) {
		final float[] gamma = w.get("norm/gamma"), beta = w.get("norm/beta"), k1 = w.get("feature/kernel"), b1 = w.get("feature/bias"), k2 = w.get("shuffle/kernel"), b2 = w.get("shuffle/bias");
		final int width = b1.length, out = b2.length, h = lr.height(), wd = lr.width();
		final double[] result = new double[h * S * wd * S * C];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < wd; x++) {
				final double[] normalised = new double[C], hidden = new double[width];
				for (int c = 0; c < C; c++) normalised[c] = (lr.data()[(y * wd + x) * C + c] - m[c]) / Math.sqrt(v[c] + BatchNormNet.EPS) * gamma[c] + beta[c];
				for (int j = 0; j < width; j++) {
					double sum = b1[j];
					for (int c = 0; c < C; c++) sum += normalised[c] * k1[c * width + j];
					hidden[j] = Math.max(0, sum);
				}
				for (int q = 0; q < out; q++) {
					double sum = b2[q];
					for (int j = 0; j < width; j++) sum += hidden[j] * k2[j * out + q];
					final int block = q / C, c = q % C, oy = S * y + block / S, ox = S * x + block % S;
					result[(oy * wd * S + ox) * C + c] = sum;
				}
			}
		return result;
	}

	/** The weights as constants in an inference-mode graph (what ModelExporter freezes), run on {@code lr}. */
	private static float[] frozen(final FloatImage lr, final Map<String, float[]> weights) {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, C)));
			final org.tensorflow.Operand<TFloat32> out = NET.build(tf, in, NetConfig.of(S, C).withWidth(8), ConstantParameters.of(weights));
			try (Session s = new Session(g); TFloat32 x = Tensors.of(lr.data(), 1, lr.height(), lr.width(), C); Result r = s.runner().feed(in, x).fetch(out).run()) {
				return Tensors.read(r.get(0));
			}
		}
	}

	/**
	 * x2 RGB batches of uniform noise, channel c in [0.1 + 0.3 c, 0.1 + 0.3 c + 0.2 (c + 1)) so that
	 * each channel has its own mean and variance; HR the LR repeated S x S (nearest neighbour).
	 */
	private static PatchSource source() {
		return new PatchSource() {
			@Override
			public int scale() {
				return S;
			}

			@Override
			public int channels() {
				return C;
			}

			@Override
			public int patchSize() {
				return PATCH;
			}

			@Override
			public Batch batch(final long index, final int count) {
				final Random r = new Random(1000 + index);
				final float[] lr = new float[count * PATCH * PATCH * C], hr = new float[lr.length * S * S];
				for (int i = 0; i < lr.length; i++) lr[i] = 0.1f + 0.3f * (i % C) + 0.2f * (i % C + 1) * r.nextFloat();
				final int side = PATCH * S;
				for (int n = 0; n < count; n++)
					for (int y = 0; y < side; y++)
						for (int x = 0; x < side; x++)
							for (int c = 0; c < C; c++)
								hr[((n * side + y) * side + x) * C + c] = lr[((n * PATCH + y / S) * PATCH + x / S) * C + c];
				return new Batch(lr, hr, count, PATCH, S, C);
			}
		};
	}

	private static FloatImage random(final int h, final int w, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[h * w * C];
		for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
		return new FloatImage(h, w, C, v);
	}

	private static double[] doubles(final float[] v) {
		final double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++) out[i] = v[i];
		return out;
	}
}
