package org.deepsr.backend;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Tensor;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.OpList;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Copies the ops some tensors of a checked {@link ModelGraph} depend on into
 * another graph, op by op through the Ops API's builder (TensorFlow Java's
 * import has no input mapping): placeholders become the tensors they are fed
 * with, ops named in {@code constants} become constants of those values (a
 * SavedModel's variables), every other op keeps its type and attributes
 * (TensorFlow's internal "_" ones left out) under the caller's scope.
 */
final class Inliner {

	/** TensorFlow's op definitions by type: how a node's flat inputs group into list arguments. */
	private static Map<String, OpDef> registry;

	private final Ops tf;
	private final Map<String, NodeDef> nodes = new HashMap<>();
	private final Map<String, Operand<?>> feeds;
	private final Map<String, Tensor> constants;
	private final Map<String, Operation> built = new HashMap<>();

	Inliner(final Ops tf, final GraphDef graph, final Map<String, Operand<?>> feeds, final Map<String, Tensor> constants) {
		this.tf = tf;
		for (final NodeDef n : graph.getNodeList()) nodes.put(n.getName(), n);
		this.feeds = feeds;
		this.constants = constants;
	}

	/** The tensor "op" or "op:index" of the model, built with what it depends on. */
	Output<?> output(final String tensor) {
		final String op = ModelGraph.opName(tensor);
		final Operand<?> fed = feeds.get(op);
		if (fed != null) return fed.asOutput();
		return operation(op).output(ModelGraph.outputIndex(tensor));
	}

	private Operation operation(final String name) {
		final Operation known = built.get(name);
		if (known != null) return known;
		final NodeDef node = nodes.get(name);
		if (node == null) throw new IllegalArgumentException("the graph has no op '" + name + "'");
		final Tensor value = constants.get(name);
		final OperationBuilder b;
		if (value != null) {
			b = tf.scope().opBuilder("Const", name).setAttr("value", value).setAttr("dtype", value.dataType());
		} else {
			if ("Placeholder".equals(node.getOp())) throw new IllegalArgumentException("placeholder '" + name + "' is not fed: feed " + feeds.keySet() + " only");
			b = tf.scope().opBuilder(node.getOp(), name);
			final List<String> inputs = node.getInputList();
			int next = 0;
			final OpDef def = definition(node.getOp());
			for (final OpDef.ArgDef arg : def.getInputArgList()) {
				final int count = !arg.getNumberAttr().isEmpty() ? (int) attr(node, def, arg.getNumberAttr()).getI()
					: !arg.getTypeListAttr().isEmpty() ? attr(node, def, arg.getTypeListAttr()).getList().getTypeCount() : -1;
				if (count < 0) b.addInput(output(inputs.get(next++)));
				else {
					final Output<?>[] list = new Output<?>[count];
					for (int i = 0; i < count; i++) list[i] = output(inputs.get(next++));
					b.addInputList(list);
				}
			}
			for (; next < inputs.size(); next++) {
				final String in = inputs.get(next);
				if (!in.startsWith("^")) throw new IllegalArgumentException("op '" + name + "' (" + node.getOp() + ") has more inputs than its definition");
				b.addControlInput(operation(in.substring(1)));
			}
			node.getAttrMap().forEach((k, v) -> {
				if (!k.startsWith("_")) b.setAttr(k, v);
			});
		}
		final Operation op = b.build();
		built.put(name, op);
		return op;
	}

	/** The node's attribute, or its definition's default. */
	private static AttrValue attr(final NodeDef node, final OpDef def, final String name) {
		final AttrValue v = node.getAttrMap().get(name);
		if (v != null) return v;
		for (final OpDef.AttrDef a : def.getAttrList())
			if (a.getName().equals(name)) return a.getDefaultValue();
		throw new IllegalArgumentException("op '" + node.getName() + "' lacks attribute '" + name + "'");
	}

	private static synchronized OpDef definition(final String type) {
		if (registry == null) {
			final TF_Buffer buffer = tensorflow.TF_GetAllOpList();
			try {
				final OpList list = OpList.parseFrom(new BytePointer(buffer.data()).capacity(buffer.length()).asByteBuffer());
				final Map<String, OpDef> defs = new LinkedHashMap<>();
				for (final OpDef d : list.getOpList()) defs.put(d.getName(), d);
				registry = defs;
			} catch (final InvalidProtocolBufferException e) {
				throw new IllegalStateException("TensorFlow's op list is unreadable: " + e.getMessage(), e);
			} finally {
				tensorflow.TF_DeleteBuffer(buffer);
			}
		}
		final OpDef d = registry.get(type);
		if (d == null) throw new IllegalArgumentException("TensorFlow has no op type '" + type + "'");
		return d;
	}
}
