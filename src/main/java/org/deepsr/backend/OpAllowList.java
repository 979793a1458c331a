package org.deepsr.backend;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ops DeepSR lets a model file run. A model file is code: an op can
 * read, write or list files, start processes or reach the network. So every
 * op of the main graph and of every library function must be a pure
 * computation listed here, checked before TensorFlow sees the graph. A
 * SavedModel may also hold the checkpoint ops with which TensorFlow restores
 * its variables, as long as the output does not depend on them.
 */
final class OpAllowList {

	/** Computations with no side effect outside the session: array, math, neural-network and control ops. */
	static final Set<String> INFERENCE = Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(
		// tensors and shapes
		"Const", "Placeholder", "PlaceholderWithDefault", "Identity", "IdentityN", "NoOp", "Snapshot", "StopGradient",
		"PreventGradient", "EnsureShape", "CheckNumerics", "Shape", "ShapeN", "Size", "Rank", "Reshape", "Squeeze",
		"ExpandDims", "Transpose", "Slice", "StridedSlice", "Pack", "Unpack", "Concat", "ConcatV2", "Split", "SplitV",
		"Tile", "Pad", "PadV2", "MirrorPad", "Fill", "ZerosLike", "OnesLike", "Range", "Cast", "Bitcast", "Gather",
		"GatherV2", "GatherNd", "ReverseV2", "Select", "SelectV2", "Where", "BroadcastTo", "BroadcastArgs",
		"DepthToSpace", "SpaceToDepth", "BatchToSpaceND", "SpaceToBatchND", "OneHot", "Einsum",
		// element-wise and reductions
		"Add", "AddV2", "AddN", "Sub", "Mul", "Div", "RealDiv", "DivNoNan", "FloorDiv", "FloorMod", "Neg", "Abs",
		"Sign", "Square", "Sqrt", "Rsqrt", "Reciprocal", "Exp", "Expm1", "Log", "Log1p", "Pow", "Maximum", "Minimum",
		"Floor", "Ceil", "Round", "Rint", "Sin", "Cos", "Tanh", "Sigmoid", "Erf", "SquaredDifference", "ClipByValue",
		"Sum", "Mean", "Max", "Min", "Prod", "All", "Any", "ArgMax", "ArgMin", "Cumsum", "Greater", "GreaterEqual",
		"Less", "LessEqual", "Equal", "NotEqual", "LogicalAnd", "LogicalOr", "LogicalNot", "IsNan", "IsFinite",
		"MatMul", "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3", "_FusedMatMul",
		// neural-network layers and image resizing
		"Conv2D", "Conv2DBackpropInput", "Conv3D", "Conv3DBackpropInputV2", "DepthwiseConv2dNative", "_FusedConv2D",
		"BiasAdd", "Relu", "Relu6", "Elu", "Selu", "LeakyRelu", "Softplus", "Softsign", "Softmax", "LogSoftmax",
		"MaxPool", "MaxPoolV2", "AvgPool", "MaxPool3D", "AvgPool3D", "FusedBatchNorm", "FusedBatchNormV2",
		"FusedBatchNormV3", "LRN", "ResizeBicubic", "ResizeBilinear", "ResizeNearestNeighbor", "ResizeArea",
		"RandomUniform", "RandomStandardNormal", "StatelessRandomUniformV2", "StatelessRandomNormalV2",
		// calls into the graph's own (checked) library functions, and control flow between them
		"PartitionedCall", "StatefulPartitionedCall", "If", "StatelessIf", "While", "StatelessWhile", "Case",
		"StatelessCase",
		// variables held in the session (SavedModels), and the string ops of TensorFlow's own saver
		"VariableV2", "VarHandleOp", "ReadVariableOp", "AssignVariableOp", "Assign", "VarIsInitializedOp",
		"StringJoin", "StaticRegexFullMatch")));

	/** Checkpoint ops: file I/O that a SavedModel's loader runs to restore the variables of its own folder. */
	static final Set<String> CHECKPOINT = Collections.unmodifiableSet(new TreeSet<>(Arrays.asList("SaveV2",
		"RestoreV2", "MergeV2Checkpoints", "ShardedFilename", "ShardedFilespec", "SaveSlices", "Save",
		"RestoreSlice", "Restore")));

	/** How a user who vouches for a model gets past the check (recorded per model by the model package). */
	static final String TRUST = ", or, only if you trust where the model comes from, trust it: deepsr models trust " +
		"MODEL (Fiji: Plugins > DeepSR > Models, action trust)";

	private OpAllowList() {}

	/**
	 * @param output the tensor that will be fetched ("op" or "op:index"), or
	 *          null when the graph is only converted; a SavedModel's output
	 *          must not depend on a checkpoint op
	 * @throws IllegalArgumentException naming the first op that is not allowed,
	 *           unless the graph is {@link ModelGraph#trusted() trusted}
	 */
	static void check(final ModelGraph graph, final String output) {
		if (graph.isTrusted()) return;
		final boolean savedModel = graph.savedModel() != null;
		final Set<String> reached = new HashSet<>();
		final Set<String> reachedFunctions = new HashSet<>();
		if (output != null) reach(graph, ModelGraph.opName(output), reached, reachedFunctions);
		for (final GraphOp op : graph.ops()) check(graph, op, savedModel && !reached.contains(op.name()));
		graph.functions().forEach((name, body) -> {
			for (final GraphOp op : body) check(graph, op, savedModel && !reachedFunctions.contains(name));
		});
	}

	private static void check(final ModelGraph graph, final GraphOp op, final boolean checkpointAllowed) {
		final String type = op.type();
		if (INFERENCE.contains(type) || graph.functions().containsKey(type)) return;
		if (CHECKPOINT.contains(type) && checkpointAllowed) return;
		final String where = "op '" + printable(op.name()) + "'" + (op.function() == null ? "" : " in function '" +
			printable(op.function()) + "'");
		if (CHECKPOINT.contains(type)) {
			throw new IllegalArgumentException("the model's output depends on the " + where + " (" + printable(type) + "), " +
				"which writes or reads files: DeepSR refuses to run it; export the model for inference only" + TRUST);
		}
		throw new IllegalArgumentException("the model uses the " + where + " of type " + printable(type) + ", which is not " +
			"among the computing ops DeepSR runs (a model file is code, and other ops may reach files, the network " +
			"or other programs): export a plain inference graph, or ask for the op to be allowed if it only " +
			"computes" + TRUST);
	}

	/** A name from the model file as it can be shown on one line. */
	private static String printable(final String name) {
		return name.replaceAll("[^\\x20-\\x7e]", "?");
	}

	/** Marks the ops the output depends on (data and control inputs) and the functions they call. */
	private static void reach(final ModelGraph graph, final String start, final Set<String> ops,
		final Set<String> functions)
	{
		final Deque<String> todo = new ArrayDeque<>(List.of(start));
		final Deque<String> calls = new ArrayDeque<>();
		while (!todo.isEmpty()) {
			final GraphOp op = graph.op(todo.pop());
			if (op == null || !ops.add(op.name())) continue;
			calls.addAll(called(graph, op));
			for (final String input : op.inputs()) todo.push(ModelGraph.producer(input));
		}
		while (!calls.isEmpty()) {
			final String function = calls.pop();
			if (!functions.add(function)) continue;
			for (final GraphOp op : graph.functions().getOrDefault(function, List.of())) calls.addAll(called(graph, op));
		}
	}

	private static Set<String> called(final ModelGraph graph, final GraphOp op) {
		final Set<String> called = new HashSet<>(op.functions());
		if (graph.functions().containsKey(op.type())) called.add(op.type());
		return called;
	}
}
