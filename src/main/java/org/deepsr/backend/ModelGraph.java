package org.deepsr.backend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;

/**
 * What a model file holds, read by {@link GraphReader} before anything of it
 * runs: its operations (those of the main graph and those hidden in library
 * functions), its placeholders with their static shapes, the ops whose output
 * nobody consumes, its float constants and, for a SavedModel, the tensor names
 * of its {@code serving_default} signature. Immutable; {@link Network#load}
 * turns it into a running network.
 */
public final class ModelGraph {

	private final GraphDef graphDef;
	private final Path savedModel;
	private final List<GraphOp> ops;
	private final Map<String, GraphOp> byName = new LinkedHashMap<>();
	private final Map<String, List<GraphOp>> functions;
	private final List<GraphOp> placeholders = new ArrayList<>();
	private final List<String> outputs = new ArrayList<>();
	private final Map<String, String> signatureInputs;
	private final Map<String, String> signatureOutputs;
	private final boolean trusted;

	ModelGraph(final GraphDef graphDef, final Path savedModel, final List<GraphOp> ops,
		final Map<String, List<GraphOp>> functions, final Map<String, String> signatureInputs,
		final Map<String, String> signatureOutputs)
	{
		this(graphDef, savedModel, ops, functions, signatureInputs, signatureOutputs, false);
	}

	private ModelGraph(final GraphDef graphDef, final Path savedModel, final List<GraphOp> ops,
		final Map<String, List<GraphOp>> functions, final Map<String, String> signatureInputs,
		final Map<String, String> signatureOutputs, final boolean trusted)
	{
		this.trusted = trusted;
		this.graphDef = graphDef;
		this.savedModel = savedModel;
		this.ops = Collections.unmodifiableList(new ArrayList<>(ops));
		final Map<String, List<GraphOp>> library = new LinkedHashMap<>();
		functions.forEach((name, body) -> library.put(name, Collections.unmodifiableList(new ArrayList<>(body))));
		this.functions = Collections.unmodifiableMap(library);
		this.signatureInputs = signatureInputs == null ? null : Collections.unmodifiableMap(signatureInputs);
		this.signatureOutputs = signatureOutputs == null ? null : Collections.unmodifiableMap(signatureOutputs);
		final Set<String> consumed = new TreeSet<>();
		for (final GraphOp op : ops) {
			byName.put(op.name(), op);
			if ("Placeholder".equals(op.type())) placeholders.add(op);
			for (final String input : op.inputs()) consumed.add(producer(input));
		}
		for (final GraphOp op : ops) if (!consumed.contains(op.name())) outputs.add(op.name());
	}

	/** The operations of the main graph, in file order. */
	public List<GraphOp> ops() {
		return ops;
	}

	/** The main graph's operation of that name, or null. */
	public GraphOp op(final String name) {
		return byName.get(name);
	}

	/** The library functions ({@code GraphDef.library}), each with its operations, by function name. */
	public Map<String, List<GraphOp>> functions() {
		return functions;
	}

	/** Every op type the model holds, in the main graph and in every library function, sorted. */
	public Set<String> opTypes() {
		final Set<String> types = new TreeSet<>();
		for (final GraphOp op : ops) types.add(op.type());
		for (final List<GraphOp> body : functions.values()) for (final GraphOp op : body) types.add(op.type());
		return Collections.unmodifiableSet(types);
	}

	/** The main graph's placeholders, in file order; {@link GraphOp#shape()} is their static shape. */
	public List<GraphOp> placeholders() {
		return Collections.unmodifiableList(placeholders);
	}

	/** Names of the main graph's ops that no op consumes (not even as a control input), in file order. */
	public List<String> outputs() {
		return Collections.unmodifiableList(outputs);
	}

	/**
	 * Every float32 constant of the main graph, by op name: for a frozen graph
	 * these are its weights. Fresh arrays on each call.
	 */
	public Map<String, float[]> constants() {
		return GraphReader.floatConstants(graphDef);
	}

	/** The GraphDef as read (the main graph of a SavedModel). */
	GraphDef graphDef() {
		return graphDef;
	}

	/** The SavedModel folder this graph was read from, or null for a frozen graph. */
	public Path savedModel() {
		return savedModel;
	}

	/**
	 * Input tensor names of the {@code serving_default} signature by key, or
	 * null when the model has no such signature (always for a frozen graph).
	 */
	public Map<String, String> signatureInputs() {
		return signatureInputs;
	}

	/** Output tensor names of the {@code serving_default} signature by key, or null as for the inputs. */
	public Map<String, String> signatureOutputs() {
		return signatureOutputs;
	}

	/**
	 * This graph marked as trusted by the user, so that {@link OpAllowList}
	 * lets every op of it run: the one way around the allow-list, for a model
	 * whose source the user vouches for (the model package records that choice).
	 */
	public ModelGraph trusted() {
		return new ModelGraph(graphDef, savedModel, ops, functions, signatureInputs, signatureOutputs, true);
	}

	/** True when the user trusts this model to run ops outside the allow-list. */
	public boolean isTrusted() {
		return trusted;
	}

	/**
	 * Adds this frozen graph's operations to a TensorFlow graph once
	 * {@link OpAllowList} has passed them. With {@link #loadSavedModel} the
	 * only way a model file's ops enter TensorFlow.
	 *
	 * @throws IllegalArgumentException naming an op that is not allowed, or
	 *           when TensorFlow refuses the graph (one line of its message)
	 */
	void importInto(final Graph graph) {
		if (savedModel != null) throw new IllegalStateException(savedModel + " is a SavedModel: load it whole");
		OpAllowList.check(this, null);
		final GraphDef def = runnable();
		try {
			graph.importGraphDef(def);
		} catch (final RuntimeException e) {
			// TensorFlow's own validation (attribute values, shapes, edges): its messages span lines.
			final String message = e.getMessage() == null ? e.toString() : e.getMessage();
			throw new IllegalArgumentException("TensorFlow refuses the model's graph: " + message.split("\n", 2)[0]
				.replaceAll("[^\\x20-\\x7e]", "?").trim(), e);
		}
	}

	/**
	 * Adds the ops that {@code fetches} depend on to {@code tf}'s graph, under
	 * its scope, once {@link OpAllowList} has passed this graph for each fetch:
	 * a frozen network (a feature extractor) inside a graph of one's own, its
	 * placeholders replaced by the tensors {@code feeds} gives for their names.
	 * A SavedModel is loaded (checked) for the values of the variables the
	 * fetches read, which enter as constants; the loaded session is closed.
	 * With {@link #importInto} and {@link #loadSavedModel} the only ways a
	 * model file's ops enter TensorFlow.
	 *
	 * @param fetches tensor names, "op" or "op:index"
	 * @return the fetched tensors in {@code tf}'s graph, in order
	 * @throws IllegalArgumentException naming an op that is not allowed, a missing op or an unfed placeholder
	 */
	public List<Output<?>> inlineInto(final Ops tf, final Map<String, Operand<?>> feeds, final List<String> fetches) {
		for (final String f : fetches) {
			if (op(opName(f)) == null) throw new IllegalArgumentException("the graph has no op '" + opName(f) + "' (its ops include " + outputs() + ")");
			OpAllowList.check(this, f);
		}
		final Map<String, Tensor> values = new LinkedHashMap<>();
		try (Result variables = savedModel == null ? null : readVariables(fetches, values)) {
			final Inliner inliner = new Inliner(tf, savedModel == null ? runnable() : graphDef, feeds, values);
			final List<Output<?>> out = new ArrayList<>();
			for (final String f : fetches) out.add(inliner.output(f));
			return out;
		}
	}

	/**
	 * The values of the SavedModel's variables (VariableV2 ops and the
	 * ReadVariableOps of resource variables) into {@code values}, by op name.
	 *
	 * @return the result that holds them (the caller closes it), or null when there are none
	 */
	private Result readVariables(final List<String> fetches, final Map<String, Tensor> values) {
		final List<String> names = new ArrayList<>();
		for (final GraphOp op : ops) if ("VariableV2".equals(op.type()) || "ReadVariableOp".equals(op.type())) names.add(op.name());
		if (names.isEmpty()) return null;
		try (SavedModelBundle bundle = loadSavedModel(ConfigProto.getDefaultInstance(), fetches.get(0))) {
			final Session.Runner runner = bundle.session().runner();
			for (final String n : names) runner.fetch(n);
			final Result r = runner.run();
			for (int i = 0; i < names.size(); i++) values.put(names.get(i), r.get(i));
			return r;
		}
	}

	/**
	 * The graph that {@link #importInto} hands to TensorFlow: this one with its
	 * transposed convolutions in their exact sub-pixel form
	 * ({@link SubPixelRewrite}; off with {@code -Ddeepsr.subpixel=false}),
	 * its ops checked by {@link OpAllowList} again unless the graph is trusted.
	 * Call after the original graph has passed the check.
	 */
	GraphDef runnable() {
		if (!SubPixelRewrite.enabled()) return graphDef;
		final GraphDef rewritten = SubPixelRewrite.rewrite(graphDef);
		if (rewritten != graphDef && !trusted) OpAllowList.check(GraphReader.frozenGraph(rewritten), null);
		return rewritten;
	}

	/**
	 * Loads this SavedModel's "serve" meta graph and restores its variables,
	 * once {@link OpAllowList} has passed its ops.
	 *
	 * @param output the tensor that will be fetched: it must not depend on file I/O
	 * @throws IllegalArgumentException naming an op that is not allowed
	 */
	SavedModelBundle loadSavedModel(final ConfigProto config, final String output) {
		if (savedModel == null) throw new IllegalStateException("a frozen graph is imported, not loaded as a SavedModel");
		OpAllowList.check(this, output);
		return SavedModelBundle.loader(savedModel.toString()).withTags(GraphReader.SERVE).withConfigProto(config)
			.load();
	}

	/** The main-graph op that an input of {@link GraphOp#inputs()} ("op", "op:1", "^op") comes from. */
	static String producer(final String input) {
		return opName(input.startsWith("^") ? input.substring(1) : input);
	}

	/** "op" of a tensor name "op" or "op:index". */
	static String opName(final String tensor) {
		final int colon = tensor.lastIndexOf(':');
		return colon > 0 && tensor.substring(colon + 1).matches("\\d+") ? tensor.substring(0, colon) : tensor;
	}

	/** "index" of a tensor name "op:index", 0 for "op". */
	static int outputIndex(final String tensor) {
		final int colon = tensor.lastIndexOf(':');
		return colon > 0 && tensor.substring(colon + 1).matches("\\d+") ? Integer.parseInt(tensor.substring(colon + 1))
			: 0;
	}
}
