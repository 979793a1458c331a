package org.deepsr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.deepsr.model.ModelBundle;

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
		return bundle.graph().constants();
	}
}
