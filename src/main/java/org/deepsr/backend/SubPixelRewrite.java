package org.deepsr.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import com.google.protobuf.ByteString;

/**
 * Rewrites a frozen graph's transposed convolutions into their exact sub-pixel
 * form: a {@code Conv2DBackpropInput} with stride s, "SAME" padding, a constant
 * k x k filter and an output s times its input (H, W) becomes a stride-1
 * {@code Conv2D} on the LR grid with s*s*C output channels, then
 * {@code DepthToSpace(s)}. Output (s*Y + i, s*X + j) of the transposed
 * convolution sums the LR pixels Y + c_i - m against filter tap s*m + r_i
 * (r_i, c_i: remainder and quotient of i + pad by s, pad = max(k - s, 0) / 2,
 * TensorFlow's split of the padding); the new kernel holds, for each phase
 * (i, j), those taps at LR offsets c - m, zeros elsewhere. FSRCNN's 9x9
 * becomes a 5x5 convolution to 4C channels for x2 (5600 multiply-adds per LR
 * pixel for 56 inputs, against 4536 useful: zero taps where phases reach
 * fewer offsets), 3x3 to 9C for x3 (4536, none wasted) and 3x3 to 16C for x4
 * (8064): a gather-style convolution instead of TensorFlow's scatter of
 * every k x k tap per LR pixel.
 *
 * <p>Only op types of {@link OpAllowList#INFERENCE} are added (Const, Conv2D,
 * DepthToSpace); {@link ModelGraph#importInto} checks the original graph and
 * then the rewritten one. An op whose output size cannot be proven to be s
 * times its input (from {@code Shape} of the input, times and plus constants)
 * is left as it is.
 */
final class SubPixelRewrite {

	/** System property: "false" keeps transposed convolutions as they are (for measuring both). */
	static final String PROPERTY = "deepsr.subpixel";

	private SubPixelRewrite() {}

	/** True unless the system property {@value #PROPERTY} is "false". */
	static boolean enabled() {
		return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
	}

	/** The graph with every provable transposed convolution rewritten; the same object when there is none. */
	static GraphDef rewrite(final GraphDef def) {
		final Map<String, NodeDef> byName = new HashMap<>();
		for (final NodeDef node : def.getNodeList()) byName.put(node.getName(), node);
		final Set<String> names = new HashSet<>(byName.keySet());
		final List<NodeDef> out = new ArrayList<>();
		boolean changed = false;
		for (final NodeDef node : def.getNodeList()) {
			final List<NodeDef> replacement = "Conv2DBackpropInput".equals(node.getOp()) ? replace(node, byName, names)
				: null;
			if (replacement == null) out.add(node);
			else {
				out.addAll(replacement);
				changed = true;
			}
		}
		return changed ? def.toBuilder().clearNode().addAllNode(out).build() : def;
	}

	/** Const kernel, Conv2D and a DepthToSpace under the old name; null when the op does not qualify. */
	private static List<NodeDef> replace(final NodeDef node, final Map<String, NodeDef> byName,
		final Set<String> names)
	{
		if (node.getInputCount() < 3) return null;
		for (int i = 3; i < node.getInputCount(); i++) if (!node.getInput(i).startsWith("^")) return null;
		final Map<String, AttrValue> attrs = node.getAttrMap();
		if (!type(attrs, "T", DataType.DT_FLOAT)) return null;
		if (!"SAME".equals(string(attrs, "padding"))) return null;
		final String format = string(attrs, "data_format");
		if (format != null && !"NHWC".equals(format)) return null;
		final List<Long> strides = ints(attrs, "strides");
		if (strides == null || strides.size() != 4 || strides.get(0) != 1 || strides.get(3) != 1) return null;
		final long s = strides.get(1);
		if (s < 2 || s > 16 || strides.get(2) != s) return null;
		final List<Long> dilations = ints(attrs, "dilations");
		if (dilations != null && !dilations.isEmpty()) for (final long d : dilations) if (d != 1) return null;
		final NodeDef filterNode = constant(node.getInput(1), byName);
		if (filterNode == null) return null;
		final TensorProto filter = filterNode.getAttrOrThrow("value").getTensor();
		if (filter.getDtype() != DataType.DT_FLOAT || filter.getTensorShape().getDimCount() != 4) return null;
		final long kh = filter.getTensorShape().getDim(0).getSize(), kw = filter.getTensorShape().getDim(1).getSize();
		final long outC = filter.getTensorShape().getDim(2).getSize(), inC = filter.getTensorShape().getDim(3).getSize();
		if (kh < 1 || kw < 1 || outC < 1 || inC < 1 || kh > 64 || kw > 64) return null;
		// the output size must be [N, s*H, s*W, outC] with H, W those of the transposed convolution's input
		final String lr = tensor(node.getInput(2));
		final Term[] size = evaluate(node.getInput(0), byName, 0);
		if (size == null || size.length != 4) return null;
		if (!size[0].isDim(lr, 0, 1) || !size[1].isDim(lr, 1, s) || !size[2].isDim(lr, 2, s)) return null;
		if (!(size[3].isConstant(outC) || size[3].isDim(lr, 3, 0) && size[3].offset == outC)) return null;
		final Axis rows = new Axis((int) kh, (int) s), cols = new Axis((int) kw, (int) s);
		final float[] k = floats(filter, kh * kw * outC * inC);
		if (k == null) return null;
		final int ss = (int) (s * s), oc = (int) outC, ic = (int) inC;
		final long count = (long) rows.window * cols.window * ic * ss * oc;
		if (count > GraphReader.MAX_CONSTANT_VALUES) return null;
		final float[] w = new float[Math.toIntExact(count)];
		for (int i = 0; i < s; i++) for (int j = 0; j < s; j++) for (int ty = 0; ty < rows.window; ty++) {
			final int ay = rows.tap(i, ty);
			if (ay < 0) continue;
			for (int tx = 0; tx < cols.window; tx++) {
				final int ax = cols.tap(j, tx);
				if (ax < 0) continue;
				for (int c = 0; c < ic; c++) for (int o = 0; o < oc; o++) {
					// W[ty][tx][c][(i*s + j)*oc + o] = K[ay][ax][o][c]
					w[(((ty * cols.window + tx) * ic + c) * ss + (int) (i * s + j)) * oc + o] =
						k[((ay * (int) kw + ax) * oc + o) * ic + c];
				}
			}
		}
		final String kernelName = fresh(node.getName() + "/subpixel_kernel", names);
		final String convName = fresh(node.getName() + "/subpixel_conv", names);
		final ByteBuffer bytes = ByteBuffer.allocate(w.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(w);
		final TensorProto kernel = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(
			TensorShapeProto.newBuilder().addDim(dim(rows.window)).addDim(dim(cols.window)).addDim(dim(ic)).addDim(
				dim((long) ss * oc))).setTensorContent(ByteString.copyFrom(bytes.array())).build();
		final List<NodeDef> nodes = new ArrayList<>();
		nodes.add(NodeDef.newBuilder().setName(kernelName).setOp("Const").setDevice(node.getDevice()).putAttr("dtype",
			AttrValue.newBuilder().setType(DataType.DT_FLOAT).build()).putAttr("value", AttrValue.newBuilder()
				.setTensor(kernel).build()).build());
		final NodeDef.Builder conv = NodeDef.newBuilder().setName(convName).setOp("Conv2D").setDevice(node.getDevice())
			.addInput(node.getInput(2)).addInput(kernelName).putAttr("T", attrs.get("T")).putAttr("padding", AttrValue
				.newBuilder().setS(ByteString.copyFromUtf8("SAME")).build()).putAttr("data_format", AttrValue.newBuilder()
					.setS(ByteString.copyFromUtf8("NHWC")).build()).putAttr("strides", AttrValue.newBuilder().setList(
						AttrValue.ListValue.newBuilder().addI(1).addI(1).addI(1).addI(1)).build());
		for (int i = 3; i < node.getInputCount(); i++) conv.addInput(node.getInput(i));
		nodes.add(conv.build());
		nodes.add(NodeDef.newBuilder().setName(node.getName()).setOp("DepthToSpace").setDevice(node.getDevice())
			.addInput(convName).putAttr("T", attrs.get("T")).putAttr("block_size", AttrValue.newBuilder().setI(s)
				.build()).putAttr("data_format", AttrValue.newBuilder().setS(ByteString.copyFromUtf8("NHWC")).build())
			.build());
		return nodes;
	}

	/**
	 * One spatial axis: kernel size k, stride s. Output phase i reads LR
	 * offsets c_i - m against tap s*m + r_i; the window of the new
	 * convolution ("SAME", stride 1) covers every phase's offsets.
	 */
	private static final class Axis {
		final int k, s, pad, window, before;

		Axis(final int k, final int s) {
			this.k = k;
			this.s = s;
			pad = Math.max(k - s, 0) / 2;
			int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
			for (int i = 0; i < s; i++) {
				final int r = (i + pad) % s, c = (i + pad) / s;
				if (r >= k) continue; // this phase gets no tap (k < s)
				final int m = (k - 1 - r) / s; // the largest m with s*m + r < k
				min = Math.min(min, c - m);
				max = Math.max(max, c);
			}
			if (min == Integer.MAX_VALUE) min = max = 0;
			// "SAME" with window n covers offsets [-(n-1)/2, n/2]
			int n = 1;
			while ((n - 1) / 2 < -min || n / 2 < max) n++;
			window = n;
			before = (n - 1) / 2;
		}

		/** The transposed kernel's tap for phase i at window position t, -1 for none. */
		int tap(final int i, final int t) {
			final int d = t - before, r = (i + pad) % s, c = (i + pad) / s, m = c - d, a = s * m + r;
			return m >= 0 && a < k ? a : -1;
		}
	}

	/** An int element of a shape computation: factor * dim(tensor, axis) + offset; a constant has no tensor. */
	private static final class Term {
		final String tensor;
		final int axis;
		final long factor, offset;

		Term(final String tensor, final int axis, final long factor, final long offset) {
			this.tensor = tensor;
			this.axis = axis;
			this.factor = factor;
			this.offset = offset;
		}

		boolean isDim(final String t, final int a, final long f) {
			return tensor != null && tensor.equals(t) && axis == a && factor == f && (f == 0 || offset == 0);
		}

		boolean isConstant(final long value) {
			return (tensor == null || factor == 0) && offset == value;
		}
	}

	/** The int vector an output-size input computes, as terms; null beyond Shape, Const, Mul, Add, Identity, Pack. */
	private static Term[] evaluate(final String input, final Map<String, NodeDef> byName, final int depth) {
		if (depth > 16 || input.startsWith("^") || ModelGraph.outputIndex(input) != 0) return null;
		final NodeDef node = byName.get(ModelGraph.opName(input));
		if (node == null) return null;
		switch (node.getOp()) {
			case "Identity":
				return node.getInputCount() >= 1 ? evaluate(node.getInput(0), byName, depth + 1) : null;
			case "Const": {
				final long[] v = intConstant(node);
				if (v == null) return null;
				final Term[] t = new Term[v.length];
				for (int i = 0; i < v.length; i++) t[i] = new Term(null, 0, 0, v[i]);
				return t;
			}
			case "Shape": {
				final Term[] t = new Term[4];
				for (int i = 0; i < 4; i++) t[i] = new Term(tensor(node.getInput(0)), i, 1, 0);
				return t;
			}
			case "Mul":
			case "Add":
			case "AddV2": {
				if (node.getInputCount() < 2) return null;
				final Term[] a = evaluate(node.getInput(0), byName, depth + 1),
					b = evaluate(node.getInput(1), byName, depth + 1);
				if (a == null || b == null) return null;
				final Term[] x = constant(a) ? b : a, c = constant(a) ? a : b;
				if (!constant(c) || c.length != x.length && c.length != 1) return null;
				final Term[] t = new Term[x.length];
				for (int i = 0; i < x.length; i++) {
					final long v = c[c.length == 1 ? 0 : i].offset;
					t[i] = "Mul".equals(node.getOp()) ? new Term(x[i].tensor, x[i].axis, x[i].factor * v, x[i].offset * v)
						: new Term(x[i].tensor, x[i].axis, x[i].factor, x[i].offset + v);
				}
				return t;
			}
			default:
				return null;
		}
	}

	private static boolean constant(final Term[] t) {
		for (final Term x : t) if (x.tensor != null && x.factor != 0) return false;
		return true;
	}

	private static long[] intConstant(final NodeDef node) {
		if (!node.containsAttr("value")) return null;
		final TensorProto t = node.getAttrOrThrow("value").getTensor();
		if (t.getTensorShape().getDimCount() > 1) return null;
		final long n = t.getTensorShape().getDimCount() == 0 ? 1 : t.getTensorShape().getDim(0).getSize();
		if (n < 1 || n > 8) return null;
		final long[] v = new long[(int) n];
		if (t.getDtype() == DataType.DT_INT32) {
			if (!t.getTensorContent().isEmpty()) {
				if (t.getTensorContent().size() != n * 4) return null;
				final ByteBuffer b = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
				for (int i = 0; i < n; i++) v[i] = b.getInt();
			} else if (t.getIntValCount() > 0) {
				for (int i = 0; i < n; i++) v[i] = t.getIntVal(Math.min(i, t.getIntValCount() - 1));
			} else return null;
		} else if (t.getDtype() == DataType.DT_INT64) {
			if (!t.getTensorContent().isEmpty()) {
				if (t.getTensorContent().size() != n * 8) return null;
				final ByteBuffer b = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
				for (int i = 0; i < n; i++) v[i] = b.getLong();
			} else if (t.getInt64ValCount() > 0) {
				for (int i = 0; i < n; i++) v[i] = t.getInt64Val(Math.min(i, t.getInt64ValCount() - 1));
			} else return null;
		} else return null;
		return v;
	}

	/** The Const node an input comes from, through Identity ops; null otherwise. */
	private static NodeDef constant(final String input, final Map<String, NodeDef> byName) {
		String name = input;
		for (int depth = 0; depth < 16; depth++) {
			if (name.startsWith("^") || ModelGraph.outputIndex(name) != 0) return null;
			final NodeDef node = byName.get(ModelGraph.opName(name));
			if (node == null) return null;
			if ("Const".equals(node.getOp())) return node.containsAttr("value") ? node : null;
			if (!"Identity".equals(node.getOp()) || node.getInputCount() < 1) return null;
			name = node.getInput(0);
		}
		return null;
	}

	private static float[] floats(final TensorProto t, final long count) {
		if (count > GraphReader.MAX_CONSTANT_VALUES) return null;
		final float[] v = new float[Math.toIntExact(count)];
		if (!t.getTensorContent().isEmpty()) {
			if (t.getTensorContent().size() != count * 4) return null;
			t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
		} else if (t.getFloatValCount() > 0) {
			for (int i = 0; i < v.length; i++) v[i] = t.getFloatVal(Math.min(i, t.getFloatValCount() - 1));
		}
		return v;
	}

	/** "op:0" and "op" name the same tensor. */
	private static String tensor(final String input) {
		return ModelGraph.opName(input) + ":" + ModelGraph.outputIndex(input);
	}

	private static String fresh(final String base, final Set<String> names) {
		String name = base;
		for (int i = 1; names.contains(name); i++) name = base + "_" + i;
		names.add(name);
		return name;
	}

	private static TensorShapeProto.Dim dim(final long size) {
		return TensorShapeProto.Dim.newBuilder().setSize(size).build();
	}

	private static boolean type(final Map<String, AttrValue> attrs, final String key, final DataType type) {
		final AttrValue v = attrs.get(key);
		return v != null && v.getValueCase() == AttrValue.ValueCase.TYPE && v.getType() == type;
	}

	private static String string(final Map<String, AttrValue> attrs, final String key) {
		final AttrValue v = attrs.get(key);
		return v == null || v.getValueCase() != AttrValue.ValueCase.S ? null : v.getS().toStringUtf8();
	}

	private static List<Long> ints(final Map<String, AttrValue> attrs, final String key) {
		final AttrValue v = attrs.get(key);
		return v == null || !v.hasList() ? null : v.getList().getIList();
	}
}
