package org.deepsr.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;

/** Converts frozen graphs into SavedModels, the weight format other tools (bioimage.io) read. */
public final class SavedModels {

	private SavedModels() {}

	/**
	 * Writes a frozen graph as a SavedModel folder (tag "serve") whose
	 * {@code serving_default} signature maps {@code inputKey} to the input
	 * tensor and {@code outputKey} to the output tensor.
	 *
	 * @param frozen a frozen graph read by {@link GraphReader}
	 * @param input tensor name, "op" or "op:index"
	 * @param output tensor name, "op" or "op:index"
	 * @param folder must not exist yet
	 */
	public static void fromFrozenGraph(final ModelGraph frozen, final String input, final String output,
		final String inputKey, final String outputKey, final Path folder) throws IOException
	{
		if (Files.exists(folder)) throw new IOException("cannot write a SavedModel into " + folder + ": it exists");
		try (Graph graph = new Graph(); Session session = new Session(graph)) {
			frozen.importInto(graph);
			final Signature signature = Signature.builder().key(Signature.DEFAULT_KEY).input(inputKey, tensor(graph,
				input)).output(outputKey, tensor(graph, output)).build();
			SavedModelBundle.exporter(folder.toString()).withFunction(SessionFunction.create(signature, session))
				.export();
		}
	}

	private static Operand<?> tensor(final Graph graph, final String name) {
		final String op = ModelGraph.opName(name);
		if (graph.operation(op) == null) throw new IllegalArgumentException("the graph has no operation " + op);
		return graph.operation(op).output(ModelGraph.outputIndex(name));
	}
}
