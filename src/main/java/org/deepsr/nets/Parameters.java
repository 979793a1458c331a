package org.deepsr.nets;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Source of a network's weights while its graph is built: trainable
 * variables when training, constants when exporting or probing. Names are
 * per layer, e.g. {@code "conv1/kernel"}; each name is asked for once per graph.
 */
public interface Parameters {

	/**
	 * @param tf the scope of the parameter's layer ({@code "conv1"} for {@code "conv1/kernel"})
	 * @param name unique name of the parameter, e.g. {@code "conv1/kernel"}: its identity in
	 *          checkpoints and the seed of its initial values; its op is {@link #named} in {@code tf}
	 * @param shape conv kernels {@code [kh,kw,in/groups,out]}, transposed-conv kernels
	 *          {@code [kh,kw,out,in]}, biases, slopes and batch-norm statistics {@code [channels]}
	 * @param init how to draw the first values when there are no stored ones
	 */
	Operand<TFloat32> get(Ops tf, String name, long[] shape, Init init);

	/**
	 * A value stored with the weights that no gradient reaches (batch norm's
	 * moving mean and variance): a trainer keeps it out of the optimiser and
	 * updates it from the network's side outputs instead. In
	 * {@link NetConfig.Mode#TRAIN} the graph does not use it, so asking
	 * TensorFlow for its gradient fails. The same as {@link #get} unless a
	 * source overrides it.
	 */
	default Operand<TFloat32> statistic(final Ops tf, final String name, final long[] shape, final Init init) {
		return get(tf, name, shape, init);
	}

	/**
	 * {@code tf} set to name its next op after the last segment of
	 * {@code name}: with {@code tf} the layer's scope, op name and parameter
	 * name are the same ("conv1/kernel").
	 */
	static Ops named(final Ops tf, final String name) {
		return tf.withName(name.substring(name.lastIndexOf('/') + 1));
	}

	/**
	 * The scopes of parameters named from the graph's root, for callers that
	 * are not inside their layers (an optimiser's moments, "adam/m/conv1/kernel"):
	 * {@code tf} with one sub-scope per segment but the last. Each scope is
	 * made once and handed out again, since TensorFlow Java's
	 * {@code withSubScope} reads every op of the graph: a scope per parameter
	 * and segment made building a GAN's optimisers quadratic in its size.
	 */
	static Function<String, Ops> scopes(final Ops tf) {
		final Map<String, Ops> made = new HashMap<>();
		return new Function<String, Ops>() {
			@Override
			public Ops apply(final String name) {
				final int slash = name.lastIndexOf('/');
				if (slash < 0) return tf;
				final String parent = name.substring(0, slash);
				final Ops known = made.get(parent);
				if (known != null) return known;
				final Ops scoped = apply(parent).withSubScope(parent.substring(parent.lastIndexOf('/') + 1));
				made.put(parent, scoped);
				return scoped;
			}
		};
	}
}
