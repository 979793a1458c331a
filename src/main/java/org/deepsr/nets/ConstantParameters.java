package org.deepsr.nets;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Parameters baked into the graph as constants: frozen export, or seeded random weights for probing. */
public final class ConstantParameters implements Parameters {

	private final Map<String, float[]> values;
	private final long seed;
	private final boolean strict;

	private ConstantParameters(final Map<String, float[]> values, final long seed, final boolean strict) {
		this.values = values;
		this.seed = seed;
		this.strict = strict;
	}

	/** Trained weights by name; a parameter missing from the map is an error. */
	public static ConstantParameters of(final Map<String, float[]> weights) {
		return new ConstantParameters(weights, 0, true);
	}

	/** Freshly initialised weights drawn with {@link Init#draw} from {@code seed}. */
	public static ConstantParameters seeded(final long seed) {
		return new ConstantParameters(Collections.emptyMap(), seed, false);
	}

	@Override
	public Operand<TFloat32> get(final Ops tf, final String name, final long[] shape, final Init init) {
		final int count = (int) Shape.of(shape).size();
		float[] v = values.get(name);
		if (v == null) {
			if (strict) throw new IllegalArgumentException("No weights named '" + name + "' " + Arrays.toString(shape) + ": the weights do not belong to this network or configuration.");
			v = Init.draw(init, seed, name, shape);
		}
		if (v.length != count) throw new IllegalArgumentException("Weights '" + name + "' have " + v.length + " values but the network needs " + Arrays.toString(shape) + " = " + count + ": was it trained with another width, depth, scale or channel count?");
		return Parameters.named(tf, name).constant(Shape.of(shape), DataBuffers.of(v, true, false));
	}

	/**
	 * The op names that bundles exported before every layer had its own scope
	 * gave these parameters. Each parameter then opened its layer's scope
	 * anew and TensorFlow numbered the repeats: the k-th parameter (k from 0)
	 * of layer "feature" was "feature_k/..." ("feature/kernel",
	 * "feature_1/bias", "feature_2/alpha"). Exports since are named like the
	 * parameters.
	 *
	 * @param names parameter names in the order the network asks for them
	 * @return old op name by parameter name
	 */
	public static Map<String, String> legacyNames(final Iterable<String> names) {
		final Map<String, Integer> seen = new HashMap<>();
		final Map<String, String> out = new LinkedHashMap<>();
		for (final String name : names) {
			final int slash = name.indexOf('/');
			final String scope = slash < 0 ? name : name.substring(0, slash);
			final int k = seen.merge(scope, 1, Integer::sum) - 1;
			out.put(name, k == 0 || slash < 0 ? name : scope + "_" + k + name.substring(slash));
		}
		return out;
	}
}
