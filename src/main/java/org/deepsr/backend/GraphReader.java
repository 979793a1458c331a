package org.deepsr.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * The one place where a model file's protocol buffers are parsed: a frozen
 * {@code GraphDef} (.pb) or a SavedModel's {@code saved_model.pb}, read into a
 * {@link ModelGraph} before any of it is imported or run. Bytes that are not a
 * graph give an {@link IllegalArgumentException}, files an {@link IOException},
 * each with a one-line message.
 */
public final class GraphReader {

	/** The tag of the SavedModel meta graph for inference. */
	static final String SERVE = "serve";
	/** The signature that names a SavedModel's inference inputs and outputs. */
	static final String SERVING_DEFAULT = "serving_default";

	private GraphReader() {}

	/**
	 * Reads frozen GraphDef bytes.
	 *
	 * @throws IllegalArgumentException when the bytes are no GraphDef or hold no operation
	 */
	public static ModelGraph frozenGraph(final byte[] graphDef) {
		try {
			return frozenGraph(GraphDef.parseFrom(graphDef));
		} catch (final InvalidProtocolBufferException | IllegalArgumentException e) {
			throw new IllegalArgumentException("the weights are not a TensorFlow GraphDef (.pb): " + e.getMessage(), e);
		}
	}

	/**
	 * Reads a frozen GraphDef file.
	 *
	 * @throws IOException when the file cannot be read, is no GraphDef or holds no operation
	 */
	public static ModelGraph frozenGraph(final Path pb) throws IOException {
		final byte[] bytes = Files.readAllBytes(pb);
		try {
			return frozenGraph(GraphDef.parseFrom(bytes));
		} catch (final InvalidProtocolBufferException | IllegalArgumentException e) {
			throw new IOException(pb + " is not a TensorFlow frozen graph (.pb): " + e.getMessage(), e);
		}
	}

	/**
	 * Reads the meta graph tagged "serve" of a SavedModel folder, with the
	 * tensor names of its {@code serving_default} signature when it has one.
	 * Reads {@code saved_model.pb} only: no variable is restored, nothing runs.
	 *
	 * @throws IOException when the folder has no readable saved_model.pb or no "serve" meta graph
	 */
	public static ModelGraph savedModel(final Path folder) throws IOException {
		final Path pb = folder.resolve("saved_model.pb");
		if (!Files.isRegularFile(pb)) {
			throw new IOException("not a SavedModel folder: " + folder + " has no saved_model.pb (a SavedModel " +
				"exported with TensorFlow has one)");
		}
		final SavedModel model;
		try {
			model = SavedModel.parseFrom(Files.readAllBytes(pb));
		} catch (final InvalidProtocolBufferException e) {
			throw new IOException(pb + " is not a TensorFlow SavedModel: " + e.getMessage(), e);
		}
		for (final MetaGraphDef meta : model.getMetaGraphsList()) {
			if (!meta.getMetaInfoDef().getTagsList().contains(SERVE)) continue;
			final SignatureDef signature = meta.getSignatureDefMap().get(SERVING_DEFAULT);
			try {
				return read(meta.getGraphDef(), folder, signature == null ? null : names(signature.getInputsMap()),
					signature == null ? null : names(signature.getOutputsMap()));
			} catch (final IllegalArgumentException e) {
				throw new IOException("the SavedModel " + folder + " is not a TensorFlow graph: " + e.getMessage(), e);
			}
		}
		throw new IOException("the SavedModel " + folder + " has no meta graph tagged '" + SERVE + "': export it " +
			"for inference (tag \"serve\")");
	}

	/** Reads a GraphDef already parsed (a rewritten one, {@link ModelGraph#runnable}). */
	static ModelGraph frozenGraph(final GraphDef def) {
		return read(def, null, null, null);
	}

	private static ModelGraph read(final GraphDef def, final Path savedModel, final Map<String, String> inputs,
		final Map<String, String> outputs)
	{
		if (def.getNodeCount() == 0) throw new IllegalArgumentException("it holds no operations");
		final List<GraphOp> ops = new ArrayList<>();
		for (final NodeDef node : def.getNodeList()) {
			if (!OP_NAME.matcher(node.getName()).matches()) {
				throw new IllegalArgumentException("it holds an op named '" + node.getName().replaceAll(
					"[^\\x20-\\x7e]", "?") + "', which is no TensorFlow op name");
			}
			ops.add(op(checkConstant(node), null));
		}
		final Map<String, List<GraphOp>> functions = new LinkedHashMap<>();
		for (final FunctionDef function : def.getLibrary().getFunctionList()) {
			final String name = function.getSignature().getName();
			final List<GraphOp> body = new ArrayList<>();
			for (final NodeDef node : function.getNodeDefList()) body.add(op(checkConstant(node), name));
			functions.put(name, body);
		}
		return new ModelGraph(def, savedModel, ops, functions, inputs, outputs);
	}

	private static GraphOp op(final NodeDef node, final String function) {
		final Map<String, AttrValue> attrs = node.getAttrMap();
		final AttrValue type = attrs.containsKey("dtype") ? attrs.get("dtype") : attrs.get("T");
		final DataType dtype = type != null && type.getValueCase() == AttrValue.ValueCase.TYPE ? type.getType() : null;
		Shape shape = null;
		if (attrs.containsKey("shape") && attrs.get("shape").hasShape()) shape = shape(attrs.get("shape").getShape());
		else if ("Placeholder".equals(node.getOp())) shape = Shape.unknown(); // the attribute's default
		else if ("Const".equals(node.getOp()) && attrs.containsKey("value") && attrs.get("value").hasTensor()) {
			shape = shape(attrs.get("value").getTensor().getTensorShape());
		}
		final TreeSet<String> functions = new TreeSet<>();
		final Map<String, List<String>> strings = new LinkedHashMap<>();
		for (final Map.Entry<String, AttrValue> attr : new TreeMap<>(attrs).entrySet()) {
			final AttrValue value = attr.getValue();
			if (value.hasFunc()) functions.add(value.getFunc().getName());
			if (value.hasList()) value.getList().getFuncList().forEach(f -> functions.add(f.getName()));
			final List<String> texts = new ArrayList<>();
			if (value.getValueCase() == AttrValue.ValueCase.S) texts.add(value.getS().toStringUtf8());
			if (value.hasList()) value.getList().getSList().forEach(s -> texts.add(s.toStringUtf8()));
			if (!texts.isEmpty()) strings.put(attr.getKey(), texts);
		}
		return new GraphOp(node.getName(), node.getOp(), function, new ArrayList<>(node.getInputList()),
			node.getDevice(), dtype, shape, functions, strings);
	}

	/**
	 * Refuses a constant whose shape is no tensor shape (a negative or
	 * overflowing size), whose packed content disagrees with its shape, or
	 * with more than {@value #MAX_CONSTANT_VALUES} values: TensorFlow and
	 * {@link #floatConstants} would otherwise read past the data or allocate
	 * without bound.
	 */
	private static NodeDef checkConstant(final NodeDef node) {
		if (!"Const".equals(node.getOp()) || !node.containsAttr("value")) return node;
		final TensorProto t = node.getAttrOrThrow("value").getTensor();
		long count = 1;
		try {
			for (final TensorShapeProto.Dim d : t.getTensorShape().getDimList()) {
				if (d.getSize() < 0) throw new ArithmeticException();
				count = Math.multiplyExact(count, d.getSize());
			}
		} catch (final ArithmeticException e) {
			throw new IllegalArgumentException("constant '" + node.getName() + "' has the shape " + sizes(t) +
				", which no tensor has");
		}
		if (count > MAX_CONSTANT_VALUES) throw new IllegalArgumentException("constant '" + node.getName() +
			"' has " + count + " values, more than the " + MAX_CONSTANT_VALUES + " DeepSR reads");
		final int bytes = BYTES.getOrDefault(t.getDtype(), 0);
		if (!t.getTensorContent().isEmpty() && bytes > 0 && t.getTensorContent().size() != count * bytes) {
			throw new IllegalArgumentException("constant '" + node.getName() + "' holds " + t.getTensorContent()
				.size() + " bytes, but its shape " + sizes(t) + " of " + t.getDtype() + " needs " + count * bytes);
		}
		return node;
	}

	/** TensorFlow's rule for the names of a graph's ops (its importer refuses others). */
	private static final Pattern OP_NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-/>]*");

	/** Largest constant read: 2^26 values (256 MiB of float32), far above any super-resolution weight. */
	static final long MAX_CONSTANT_VALUES = 1L << 26;

	/** Packed sizes of the fixed-size types. */
	private static final Map<DataType, Integer> BYTES = Map.of(DataType.DT_FLOAT, 4, DataType.DT_DOUBLE, 8,
		DataType.DT_INT32, 4, DataType.DT_INT64, 8, DataType.DT_HALF, 2, DataType.DT_BFLOAT16, 2, DataType.DT_INT16,
		2, DataType.DT_INT8, 1, DataType.DT_UINT8, 1, DataType.DT_BOOL, 1);

	private static List<Long> sizes(final TensorProto t) {
		final List<Long> sizes = new ArrayList<>();
		for (final TensorShapeProto.Dim d : t.getTensorShape().getDimList()) sizes.add(d.getSize());
		return sizes;
	}

	/** -1 for an unknown dimension, {@link Shape#unknown()} for an unknown rank. */
	private static Shape shape(final TensorShapeProto proto) {
		if (proto.getUnknownRank()) return Shape.unknown();
		final long[] dims = new long[proto.getDimCount()];
		for (int i = 0; i < dims.length; i++) dims[i] = proto.getDim(i).getSize();
		return Shape.of(dims);
	}

	private static Map<String, String> names(final Map<String, TensorInfo> tensors) {
		final Map<String, String> names = new LinkedHashMap<>();
		new TreeMap<>(tensors).forEach((key, info) -> names.put(key, info.getName()));
		return names;
	}

	/** Every float32 constant of the main graph, by node name. */
	static Map<String, float[]> floatConstants(final GraphDef graph) {
		final Map<String, float[]> out = new LinkedHashMap<>();
		for (final NodeDef node : graph.getNodeList()) {
			if (!"Const".equals(node.getOp()) || !node.containsAttr("value")) continue;
			final TensorProto t = node.getAttrOrThrow("value").getTensor();
			if (t.getDtype() != DataType.DT_FLOAT) continue;
			long count = 1;
			for (final TensorShapeProto.Dim d : t.getTensorShape().getDimList()) count *= d.getSize();
			final float[] v = new float[Math.toIntExact(count)];
			if (!t.getTensorContent().isEmpty()) {
				ByteBuffer.wrap(t.getTensorContent().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
			} else if (t.getFloatValCount() > 0) {
				// a short float_val list repeats its last value (TensorFlow's convention)
				for (int i = 0; i < v.length; i++) v[i] = t.getFloatVal(Math.min(i, t.getFloatValCount() - 1));
			}
			out.put(node.getName(), v);
		}
		return out;
	}
}
