package org.deepsr.nets;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
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

	/**
	 * The op name that each parameter's constant gets in a frozen export of
	 * this network (input placeholder "input" first, as the exporter builds it).
	 * TensorFlow Java numbers a repeated sub-scope, so bundles hold
	 * "conv1/kernel" next to "conv1_1/bias".
	 *
	 * @return op name by parameter name, in build order
	 */
	public static Map<String, String> frozenNames(final Architecture architecture, final NetConfig config) {
		final Map<String, String> out = new LinkedHashMap<>();
		final ConstantParameters seeded = seeded(0);
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Operand<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, config.channels())));
			architecture.build(tf, in, config, (t, name, shape, init) -> {
				final Operand<TFloat32> c = seeded.get(t, name, shape, init);
				out.put(name, c.op().name());
				return c;
			});
		}
		return out;
	}

	@Override
	public Operand<TFloat32> get(final Ops tf, final String name, final long[] shape, final Init init) {
		final int count = (int) Shape.of(shape).size();
		float[] v = values.get(name);
		if (v == null) {
			if (strict) throw new IllegalArgumentException("No weights named '" + name + "' " + Arrays.toString(shape) + ": the weights do not belong to this network or configuration.");
			v = Init.draw(init, seed, name, count);
		}
		if (v.length != count) throw new IllegalArgumentException("Weights '" + name + "' have " + v.length + " values but the network needs " + Arrays.toString(shape) + " = " + count + ": was it trained with another width, depth, scale or channel count?");
		return Parameters.named(tf, name).constant(Shape.of(shape), DataBuffers.of(v, true, false));
	}
}
