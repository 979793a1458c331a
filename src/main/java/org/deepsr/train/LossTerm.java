package org.deepsr.train;

import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One weighted term of a training objective: a scalar built from the named
 * tensors of the training graph (the fed {@link NetSpec#INPUT} and
 * {@link NetSpec#TARGET}, and the network's outputs), e.g. a pixel loss
 * between an output and the target, or an adversarial term on a
 * discriminator's output.
 */
public final class LossTerm {

	/** Builds the unweighted scalar from the graph's tensors by name. */
	@FunctionalInterface
	public interface Builder {
		Operand<TFloat32> build(Ops tf, Map<String, Operand<TFloat32>> tensors);
	}

	private final String name;
	private final double weight;
	private final Builder builder;

	/**
	 * @param name names the term in logs and in {@link Optimiser#minimising}
	 * @param weight factor of the term in the objective, finite
	 */
	public LossTerm(final String name, final double weight, final Builder builder) {
		if (name == null || name.isEmpty()) throw new IllegalArgumentException("A loss term needs a name.");
		if (!Double.isFinite(weight)) throw new IllegalArgumentException("Loss term '" + name + "' has weight " + weight + ": give a finite number.");
		this.name = name;
		this.weight = weight;
		this.builder = builder;
	}

	/**
	 * {@code loss(prediction, target)} over the tensors of those names, less
	 * {@code border} pixels at each edge (0 = all of them), weight 1.
	 */
	public static LossTerm pixel(final Loss loss, final String prediction, final String target, final int border) {
		if (border < 0) throw new IllegalArgumentException("The loss border must be >= 0, got " + border + ".");
		final String name = loss.name().toLowerCase(java.util.Locale.ROOT) + "(" + prediction + ", " + target + ")" + (border > 0 ? " less a " + border + " px border" : "");
		return new LossTerm(name, 1, (tf, t) -> {
			final Operand<TFloat32> p = tensor(t, prediction), y = tensor(t, target);
			return loss.build(tf, inner(tf, p, border), inner(tf, y, border));
		});
	}

	/** The same term with another weight. */
	public LossTerm weighted(final double w) {
		return new LossTerm(name, w, builder);
	}

	public String name() {
		return name;
	}

	public double weight() {
		return weight;
	}

	Operand<TFloat32> build(final Ops tf, final Map<String, Operand<TFloat32>> tensors) {
		return builder.build(tf, tensors);
	}

	private static Operand<TFloat32> tensor(final Map<String, Operand<TFloat32>> tensors, final String name) {
		final Operand<TFloat32> t = tensors.get(name);
		if (t == null) throw new IllegalArgumentException("A loss term asks for '" + name + "'; the graph has " + tensors.keySet() + ".");
		return t;
	}

	/** An NHWC tensor less {@code b} pixels at each edge of H and W. */
	private static Operand<TFloat32> inner(final Ops tf, final Operand<TFloat32> x, final int b) {
		if (b == 0) return x;
		final Operand<TInt32> hw = tf.math.sub(tf.slice(tf.shape(x), tf.constant(new int[] { 1 }), tf.constant(new int[] { 2 })), tf.constant(2 * b));
		final Operand<TInt32> size = tf.concat(java.util.List.of(tf.constant(new int[] { -1 }), hw, tf.constant(new int[] { -1 })), tf.constant(0));
		return tf.slice(x, tf.constant(new int[] { 0, b, b, 0 }), size);
	}

	@Override
	public String toString() {
		return weight == 1 ? name : weight + " " + name;
	}
}
