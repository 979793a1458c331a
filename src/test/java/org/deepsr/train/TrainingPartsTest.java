package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.deepsr.nets.Init;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A trainer built from parts: three variable groups ("net", "side", and
 * "frozen", which no optimiser updates), two weighted loss terms over three
 * outputs, two Adam optimisers with their own learning rates, schedules and
 * terms. The reference is the closed form of Adam (Kingma &amp; Ba 2015,
 * Algorithm 1, with TensorFlow's epsilon-hat placement) in double precision,
 * on a model whose gradients are known by hand: with m the mean of the LR
 * batch (0.25 everywhere), s_g = w_g * m, and the terms
 * fit = (s_net + s_side + s_frozen - C1)^2 (weight 2) and aux = (s_side - C2)^2
 * (weight 0.5), "adam" minimises fit over net and "side_adam" minimises aux over
 * side. Had "side_adam" minimised the whole objective its gradient would have the
 * other sign; had the frozen group been updated it would not be bit-identical.
 */
class TrainingPartsTest {

	private static final float M = 0.25f, C1 = 1f, C2 = -1f;
	private static final float W_NET = 0.5f, W_SIDE = 0.2f, W_FROZEN = 0.3f;
	private static final double LR_NET = 0.01, LR_SIDE = 0.003;

	/** fit (weight 2) minimised by "adam" over net, aux (weight 0.5) by "side_adam" over side, frozen untouched. */
	private static TrainingParts parts() {
		final LossTerm fit = new LossTerm("fit", 1, (tf, t) -> square(tf, tf.math.sub(tf.math.addN(List.of(t.get(NetSpec.OUTPUT), t.get("side"), t.get("frozen"))), tf.constant(C1)))).weighted(2);
		final LossTerm aux = new LossTerm("aux", 0.5, (tf, t) -> square(tf, tf.math.sub(t.get("side"), tf.constant(C2))));
		return new TrainingParts(TrainingPartsTest::scaledMeans, List.of(fit, aux), List.of(
			Optimiser.adam("adam", LR_NET, LearningRateSchedule.constant(), NetSpec.NET).minimising("fit"),
			Optimiser.adam("side_adam", LR_SIDE, LearningRateSchedule.step(1, 0.5), "side").minimising("aux")));
	}

	@Test
	void twoOptimisersOnTheirOwnVariablesAndTwoWeightedTerms() {
		final TrainingParts parts = parts();
		final List<Double> losses = new ArrayList<>();
		final Map<String, float[]> frozenBefore, frozenAfter;
		final float net, side;
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().patchSize(4).steps(2), parts, constantBatches(), List.of(), Progress.NONE)) {
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long step, final long total, final double loss, final double lr) {
					losses.add(loss);
				}
			});
			frozenBefore = t.weights("frozen");
			t.train();
			frozenAfter = t.weights("frozen");
			net = t.weights().get("w")[0];
			side = t.weights("side").get("w")[0];
		}
		// closed form, two steps
		final double[] wn = { W_NET }, ws = { W_SIDE };
		final double[] mn = new double[1], vn = new double[1], ms = new double[1], vs = new double[1];
		final double[] expectedLoss = new double[2];
		for (int step = 0; step < 2; step++) {
			final double r1 = (wn[0] + ws[0] + W_FROZEN) * M - C1, r2 = ws[0] * M - C2;
			expectedLoss[step] = 2 * r1 * r1 + 0.5 * r2 * r2;
			final double gNet = 2 * 2 * r1 * M, gSide = 0.5 * 2 * r2 * M;
			adam(wn, mn, vn, gNet, LR_NET, step + 1);
			adam(ws, ms, vs, gSide, LR_SIDE * Math.pow(0.5, step), step + 1);
		}
		assertEquals(expectedLoss[0], losses.get(0), 1e-6, "objective 2 fit + 0.5 aux before step 1");
		assertEquals(expectedLoss[1], losses.get(1), 1e-6, "objective before step 2");
		assertEquals(wn[0], net, 1e-6, "net after two steps of its Adam");
		assertEquals(ws[0], side, 1e-6, "side after two steps of its Adam");
		assertTrue(net > W_NET && side < W_SIDE, "net " + net + " must rise, side " + side + " fall");
		assertEquals(frozenBefore.keySet(), frozenAfter.keySet());
		for (final String k : frozenBefore.keySet()) assertArrayEquals(frozenBefore.get(k), frozenAfter.get(k), 0, "frozen " + k);
	}

	/** Every group and both optimisers' moments are checkpointed: a run resumed at step 2 ends bit-identical to an uninterrupted one. */
	@Test
	void resumesEveryGroupAndOptimiser(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path tmp) {
		final Map<String, float[]> whole = finalWeights(Fixtures.tinyEspcn().patchSize(4).steps(4));
		finalWeights(Fixtures.tinyEspcn().patchSize(4).steps(2).checkpointDir(tmp));
		final Map<String, float[]> resumed = finalWeights(Fixtures.tinyEspcn().patchSize(4).steps(4).checkpointDir(tmp));
		assertEquals(whole.keySet(), resumed.keySet());
		for (final String k : whole.keySet()) assertArrayEquals(whole.get(k), resumed.get(k), 0, k);
		assertTrue(whole.get("net").length == 1 && whole.get("net")[0] != W_NET, "net trained");
	}

	/** Weights of every group after training the parts of the first test with {@code config}. */
	private static Map<String, float[]> finalWeights(final TrainingConfig config) {
		final Map<String, float[]> out = new java.util.TreeMap<>();
		try (Trainer t = new Trainer(config, parts(), constantBatches(), List.of(), Progress.NONE)) {
			t.train();
			for (final String g : List.of(NetSpec.NET, "side", "frozen")) out.put(g, t.weights(g).get("w"));
		}
		return out;
	}

	@Test
	void twoOptimisersMayNotShareVariables() {
		final LossTerm l = LossTerm.pixel(Loss.L1, NetSpec.OUTPUT, NetSpec.TARGET, 0);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingParts(TrainingPartsTest::scaledMeans, List.of(l),
			List.of(Optimiser.adam("a", 1e-3, LearningRateSchedule.constant(), NetSpec.NET), Optimiser.adam("b", 1e-3, LearningRateSchedule.constant(), NetSpec.NET))));
		assertTrue(e.getMessage().contains("two optimisers"), e.getMessage());
	}

	/** TensorFlow's ApplyAdam: lr_t = lr sqrt(1 - b2^t) / (1 - b1^t); w -= lr_t m / (sqrt(v) + eps). */
	private static void adam(final double[] w, final double[] m, final double[] v, final double g, final double lr, final int t) {
		final double b1 = 0.9, b2 = 0.999, eps = 1e-8;
		m[0] = b1 * m[0] + (1 - b1) * g;
		v[0] = b2 * v[0] + (1 - b2) * g * g;
		w[0] -= lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)) * m[0] / (Math.sqrt(v[0]) + eps);
	}

	/** output = w_net * mean(input), side = w_side * mean(input), frozen = w_frozen * mean(input); each w a one-element variable. */
	private static Map<String, Operand<TFloat32>> scaledMeans(final Ops tf, final Map<String, Operand<TFloat32>> inputs, final java.util.function.Function<String, org.deepsr.nets.Parameters> variables,
		final org.deepsr.nets.NetConfig.Mode mode)
	{
		final Operand<TFloat32> m = tf.math.mean(tf.reshape(inputs.get(NetSpec.INPUT), tf.constant(new int[] { -1 })), tf.constant(0), org.tensorflow.op.math.Mean.keepDims(true));
		return Map.of(NetSpec.OUTPUT, tf.math.mul(variables.apply(NetSpec.NET).get(tf, "w", new long[] { 1 }, Init.constant(W_NET)), m),
			"side", tf.math.mul(variables.apply("side").get(tf, "w", new long[] { 1 }, Init.constant(W_SIDE)), m),
			"frozen", tf.math.mul(variables.apply("frozen").get(tf, "w", new long[] { 1 }, Init.constant(W_FROZEN)), m));
	}

	private static Operand<TFloat32> square(final Ops tf, final Operand<TFloat32> x) {
		return tf.reshape(tf.math.square(x), tf.constant(new int[0]));
	}

	/** x2 batches of 4 LR px patches, LR 0.25 everywhere (HR unused). */
	private static PatchSource constantBatches() {
		return new PatchSource() {
			@Override
			public int scale() {
				return 2;
			}

			@Override
			public int channels() {
				return 1;
			}

			@Override
			public int patchSize() {
				return 4;
			}

			@Override
			public Batch batch(final long index, final int count) {
				final float[] lr = new float[count * 16], hr = new float[count * 64];
				Arrays.fill(lr, M);
				return new Batch(lr, hr, count, 4, 2, 1);
			}
		};
	}
}
