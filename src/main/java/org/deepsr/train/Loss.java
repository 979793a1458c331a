package org.deepsr.train;

import java.util.Locale;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Pixel losses between a prediction and its target, averaged over every element. */
public enum Loss {

	/** mean |p - t| */
	L1 {
		@Override
		public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> p, final Operand<TFloat32> t) {
			return mean(tf, tf.math.abs(tf.math.sub(p, t)));
		}
	},
	/** mean (p - t)^2 */
	L2 {
		@Override
		public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> p, final Operand<TFloat32> t) {
			return mean(tf, tf.math.square(tf.math.sub(p, t)));
		}
	},
	/** mean sqrt((p - t)^2 + eps^2), eps = {@link #CHARBONNIER_EPS}: a smooth L1 (LapSRN). */
	CHARBONNIER {
		@Override
		public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> p, final Operand<TFloat32> t) {
			final Operand<TFloat32> d = tf.math.sub(p, t);
			return mean(tf, tf.math.sqrt(tf.math.add(tf.math.square(d), tf.constant(CHARBONNIER_EPS * CHARBONNIER_EPS))));
		}
	};

	/** Charbonnier's epsilon, for data in [0,1]. */
	public static final float CHARBONNIER_EPS = 1e-3f;

	/**
	 * @param prediction and {@code target}: tensors of the same shape (any rank)
	 * @return a scalar
	 */
	public abstract Operand<TFloat32> build(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target);

	/** "l1", "l2" (or "mse"), "charbonnier", case-insensitive. */
	public static Loss byName(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		switch (n) {
			case "l1": case "mae": return L1;
			case "l2": case "mse": return L2;
			case "charbonnier": return CHARBONNIER;
			default: throw new IllegalArgumentException("Unknown loss '" + name + "'. Known losses: l1, l2 (mse), charbonnier.");
		}
	}

	/** The mean of every element: a scalar. */
	static Operand<TFloat32> mean(final Ops tf, final Operand<TFloat32> x) {
		return tf.math.mean(tf.reshape(x, tf.constant(new int[] { -1 })), tf.constant(0));
	}
}
