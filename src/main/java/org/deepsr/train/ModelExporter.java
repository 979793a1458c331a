package org.deepsr.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deepsr.nets.Architecture;
import org.deepsr.nets.ConstantParameters;
import org.deepsr.nets.NetConfig;
import org.deepsr.nets.NetRegistry;
import org.deepsr.nets.Parameters;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Freezes trained weights into an inference GraphDef. */
public final class ModelExporter {

	static final String INPUT = "input";
	static final String OUTPUT = "output";

	private ModelExporter() {}

	/**
	 * @param network registry name, e.g. "espcn"
	 * @param config the configuration the weights were trained for
	 * @param weights by parameter name, e.g. {@link TrainingResult#bestWeights()}
	 * @throws IllegalArgumentException when the weights do not fit the network
	 */
	public static ExportedModel export(final String network, final NetConfig config, final Map<String, float[]> weights) {
		final Architecture a = NetRegistry.get(network);
		try (Graph g = new Graph()) {
			build(g, a, config, ConstantParameters.of(weights));
			return new ExportedModel(g.toGraphDef().toByteArray(), a.name(), config.scale(), config.channels(), a.receptiveRadius(config), a.inputStep(config));
		}
	}

	/**
	 * The op name that each parameter's constant has in bundles exported
	 * before every layer had its own scope ("conv1/kernel" next to
	 * "conv1_1/bias", see {@link ConstantParameters#legacyNames}); exports
	 * since name each constant like its parameter.
	 *
	 * @return old op name by parameter name, in build order
	 */
	static Map<String, String> frozenNames(final Architecture architecture, final NetConfig config) {
		final Map<String, String> out = new LinkedHashMap<>();
		final ConstantParameters seeded = ConstantParameters.seeded(0);
		try (Graph g = new Graph()) {
			build(g, architecture, config, (tf, name, shape, init) -> {
				out.put(name, name);
				return seeded.get(tf, name, shape, init);
			});
		}
		return ConstantParameters.legacyNames(out.keySet());
	}

	/** The inference graph: placeholder {@value #INPUT}, the network, identity {@value #OUTPUT}. */
	private static void build(final Graph g, final Architecture a, final NetConfig config, final Parameters params) {
		final Ops tf = Ops.create(g);
		final Placeholder<TFloat32> in = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, config.channels())));
		tf.withName(OUTPUT).identity(a.build(tf, in, config, params));
	}
}
