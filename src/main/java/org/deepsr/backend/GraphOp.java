package org.deepsr.backend;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * One operation of a {@link ModelGraph}, as the model file states it (nothing
 * has run): its type, inputs and device, its dtype and static shape where an
 * attribute gives them, and the attributes through which it could reach
 * something outside the graph (functions it calls, strings such as file or
 * resource names). Immutable.
 */
public final class GraphOp {

	private final String name;
	private final String type;
	private final String function;
	private final List<String> inputs;
	private final String device;
	private final DataType dtype;
	private final Shape shape;
	private final Set<String> functions;
	private final Map<String, List<String>> strings;

	GraphOp(final String name, final String type, final String function, final List<String> inputs,
		final String device, final DataType dtype, final Shape shape, final Set<String> functions,
		final Map<String, List<String>> strings)
	{
		this.name = name;
		this.type = type;
		this.function = function;
		this.inputs = Collections.unmodifiableList(inputs);
		this.device = device;
		this.dtype = dtype;
		this.shape = shape;
		this.functions = Collections.unmodifiableSet(functions);
		this.strings = Collections.unmodifiableMap(strings);
	}

	public String name() {
		return name;
	}

	/** The op type, e.g. "Conv2D", or the name of a library function the node calls. */
	public String type() {
		return type;
	}

	/** The library function this op belongs to, or null for an op of the main graph. */
	public String function() {
		return function;
	}

	/** Inputs as written in the file: "op", "op:1", "^op" (control); inside functions "op:out:0". */
	public List<String> inputs() {
		return inputs;
	}

	/** The requested device, "" when none. */
	public String device() {
		return device;
	}

	/** The "dtype" (or else "T") attribute, null when the op has neither. */
	public DataType dtype() {
		return dtype;
	}

	/**
	 * The static shape of output 0 where the file states it (the "shape"
	 * attribute of a placeholder, a constant's value), -1 for unknown
	 * dimensions, {@link Shape#unknown()} for unknown rank; null otherwise.
	 */
	public Shape shape() {
		return shape;
	}

	/** Library functions named by the op's attributes (e.g. "f" of PartitionedCall, the branches of If). */
	public Set<String> functions() {
		return functions;
	}

	/** Every string-valued attribute (file, container, shared and region names, padding, ...), by attribute. */
	public Map<String, List<String>> strings() {
		return strings;
	}

	@Override
	public String toString() {
		return (function == null ? "" : function + "/") + name + " (" + type + ")";
	}
}
