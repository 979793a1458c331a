package org.deepsr.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deepsr.model.ModelBundle;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;

/**
 * Weights to start training from instead of random ones (fine-tuning): a
 * model bundle that DeepSR trained, whose frozen graph holds each parameter as
 * a constant (named as {@link ModelExporter#frozenNames} says), or a training
 * checkpoint folder (its best weights when it has any).
 */
public final class InitialWeights {

	private InitialWeights() {}

	/**
	 * @param source a bundle (.zip or folder with deepsr.json) or a checkpoint folder
	 * @return float arrays by parameter name (checkpoint) or by constant op name
	 *         (bundle); the trainer takes those that fit its network
	 * @throws IOException when the source cannot be read or holds no frozen DeepSR graph
	 */
	public static Map<String, float[]> read(final Path source) throws IOException {
		if (Files.isDirectory(source) && Checkpoint.exists(source)) {
			final Checkpoint c = Checkpoint.read(source);
			final Map<String, float[]> best = c.bestWeights();
			return best.isEmpty() ? c.weights() : best;
		}
		final ModelBundle bundle = ModelBundle.open(source);
		if (!"frozen_graph".equals(bundle.descriptor().weights.format))
			throw new IOException(source + " holds a " + bundle.descriptor().weights.format + ", not a frozen graph trained by DeepSR: it cannot seed training.");
		return constants(GraphDef.parseFrom(Files.readAllBytes(bundle.weights())));
	}

	/** Every float constant of the graph, by node name. */
	static Map<String, float[]> constants(final GraphDef graph) {
		final Map<String, float[]> out = new LinkedHashMap<>();
		for (final NodeDef node : graph.getNodeList()) {
			if (!"Const".equals(node.getOp()) || !node.containsAttr("value")) continue;
			final TensorProto t = node.getAttrOrThrow("value").getTensor();
			if (t.getDtype() != DataType.DT_FLOAT) continue;
			long count = 1;
			for (final var d : t.getTensorShape().getDimList()) count *= d.getSize();
			final float[] v = new float[(int) count];
			if (!t.getTensorContent().isEmpty())
				ByteBuffer.wrap(t.getTensorContent().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
			else if (t.getFloatValCount() > 0)
				// a short float_val list repeats its last value (TensorFlow's convention)
				for (int i = 0; i < v.length; i++) v[i] = t.getFloatVal(Math.min(i, t.getFloatValCount() - 1));
			out.put(node.getName(), v);
		}
		return out;
	}
}
