package org.deepsr.nets;

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
	 * @param name unique op name of the parameter, e.g. {@code "conv1/kernel"}
	 * @param shape conv kernels {@code [kh,kw,in,out]}, transposed-conv kernels
	 *          {@code [kh,kw,out,in]}, biases and slopes {@code [channels]}
	 * @param init how to draw the first values when there are no stored ones
	 */
	Operand<TFloat32> get(Ops tf, String name, long[] shape, Init init);

	/** {@code tf} scoped so that its next op is named {@code name}, slashes making sub-scopes. */
	static Ops named(final Ops tf, final String name) {
		Ops scoped = tf;
		final String[] parts = name.split("/");
		for (int i = 0; i < parts.length - 1; i++) scoped = scoped.withSubScope(parts[i]);
		return scoped.withName(parts[parts.length - 1]);
	}
}
