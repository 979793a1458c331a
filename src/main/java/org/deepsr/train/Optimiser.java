package org.deepsr.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.deepsr.nets.Init;
import org.deepsr.nets.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma &amp; Ba 2015, with bias correction, TensorFlow's
 * {@code ApplyAdam}) over the variables of some groups of a {@link NetSpec},
 * with its own learning rate and schedule, optional global-norm gradient
 * clipping, minimising the weighted sum of some (by default all) loss terms.
 * A GAN is two of these: the generator's on "generator" minimising its
 * terms, the discriminator's on "discriminator" minimising its own.
 */
public final class Optimiser {

	static final float BETA1 = 0.9f;
	static final float BETA2 = 0.999f;
	static final float EPSILON = 1e-8f;

	private final String name;
	private final List<String> groups;
	private final double learningRate;
	private final LearningRateSchedule schedule;
	private final double clipNorm;
	private final List<String> terms;

	private Optimiser(final String name, final List<String> groups, final double learningRate, final LearningRateSchedule schedule, final double clipNorm, final List<String> terms) {
		if (name == null || !name.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("Optimiser name '" + name + "' must be lower-case letters, digits or '_'.");
		if (groups.isEmpty()) throw new IllegalArgumentException("Optimiser '" + name + "' has no variable group to update.");
		if (!(learningRate > 0 && Double.isFinite(learningRate))) throw new IllegalArgumentException("Learning rate must be > 0, got " + learningRate + ".");
		if (!(clipNorm >= 0)) throw new IllegalArgumentException("Gradient clip norm must be >= 0 (0 = off), got " + clipNorm + ".");
		this.name = name;
		this.groups = Collections.unmodifiableList(new ArrayList<>(groups));
		this.learningRate = learningRate;
		this.schedule = schedule;
		this.clipNorm = clipNorm;
		this.terms = Collections.unmodifiableList(new ArrayList<>(terms));
	}

	/**
	 * @param name names its state in checkpoints ("adam" for the default one)
	 * @param groups the variable groups it updates (see {@link NetSpec})
	 */
	public static Optimiser adam(final String name, final double learningRate, final LearningRateSchedule schedule, final String... groups) {
		return new Optimiser(name, Arrays.asList(groups), learningRate, schedule, 0, List.of());
	}

	/** Clip its gradients to this global L2 norm; 0 = no clipping. */
	public Optimiser clipNorm(final double norm) {
		return new Optimiser(name, groups, learningRate, schedule, norm, terms);
	}

	/** Minimise only the loss terms of these names (by default all of them). */
	public Optimiser minimising(final String... termNames) {
		return new Optimiser(name, groups, learningRate, schedule, clipNorm, Arrays.asList(termNames));
	}

	public String name() {
		return name;
	}

	public List<String> groups() {
		return groups;
	}

	/** Names of the terms it minimises; empty = all. */
	public List<String> terms() {
		return terms;
	}

	/** Learning rate before update {@code step + 1}. */
	public double rate(final long step, final long total) {
		return schedule.rate(learningRate, step, total);
	}

	/** The feeds and update ops of one optimiser in a graph. */
	static final class Built {
		final Placeholder<TFloat32> rate;
		final Placeholder<TFloat32> beta1Power;
		final Placeholder<TFloat32> beta2Power;
		final List<Op> updates = new ArrayList<>();

		Built(final Ops tf, final String name) {
			rate = tf.withName(name + "_learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
			beta1Power = tf.withName(name + "_beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
			beta2Power = tf.withName(name + "_beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		}
	}

	/**
	 * Adds the Adam moments (zero, in {@code state} under "name/m/key" and
	 * "name/v/key") and one update per variable; {@code after} carries the
	 * control dependencies that make every update wait for every gradient.
	 */
	Built build(final Ops tf, final Ops after, final VariableStore state, final List<Variable<TFloat32>> vars, final List<String> keys,
		final List<long[]> shapes, final List<Operand<TFloat32>> gradients)
	{
		final Built b = new Built(tf, name);
		final java.util.function.Function<String, Ops> scopes = Parameters.scopes(tf);
		for (int i = 0; i < vars.size(); i++) {
			final String m0 = name + "/m/" + keys.get(i), v0 = name + "/v/" + keys.get(i);
			final Variable<TFloat32> m = state.get(scopes.apply(m0), m0, shapes.get(i), Init.constant(0));
			final Variable<TFloat32> v = state.get(scopes.apply(v0), v0, shapes.get(i), Init.constant(0));
			b.updates.add(after.train.applyAdam(vars.get(i), m, v, b.beta1Power, b.beta2Power, b.rate,
				tf.constant(BETA1), tf.constant(BETA2), tf.constant(EPSILON), gradients.get(i)));
		}
		return b;
	}

	/** Gradients clipped as configured. */
	List<Operand<TFloat32>> clip(final Ops tf, final List<Operand<TFloat32>> gradients) {
		return clipNorm > 0 ? clipByGlobalNorm(tf, gradients, (float) clipNorm) : gradients;
	}

	/** g * clip / max(||g||, clip), ||g|| the L2 norm over all gradients together. */
	static List<Operand<TFloat32>> clipByGlobalNorm(final Ops tf, final List<Operand<TFloat32>> grads, final float clip) {
		final List<Operand<TFloat32>> squares = new ArrayList<>();
		for (final Operand<TFloat32> g : grads)
			squares.add(tf.reduceSum(tf.math.square(tf.reshape(g, tf.constant(new int[] { -1 }))), tf.constant(0)));
		final Operand<TFloat32> norm = tf.math.sqrt(tf.math.addN(squares));
		final Operand<TFloat32> factor = tf.math.div(tf.constant(clip), tf.math.maximum(norm, tf.constant(clip)));
		final List<Operand<TFloat32>> out = new ArrayList<>();
		for (final Operand<TFloat32> g : grads) out.add(tf.math.mul(g, factor));
		return out;
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "Adam lr %g on %s%s%s", learningRate, String.join("+", groups), clipNorm > 0 ? ", clip " + clipNorm : "",
			terms.isEmpty() ? "" : " minimising " + String.join(", ", terms));
	}
}
