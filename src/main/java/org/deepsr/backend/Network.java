package org.deepsr.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * A loaded image-to-image network: a TensorFlow graph with its session.
 * Thread-safe (TensorFlow sessions may run concurrently). Close it to free the
 * native graph and session.
 */
public final class Network implements AutoCloseable {

	/** GPU libraries the TensorFlow Java 1.1.0 GPU build was compiled against. */
	static final String GPU_HINT = "DeepSR needs an NVIDIA GPU with CUDA 12.5 and cuDNN 9.3 on the library path " +
		"and TensorFlow's GPU native library (build with the Maven profile 'gpu', or in Fiji enable the " +
		"DeepSR GPU update site); otherwise choose the CPU or AUTO device.";

	private final Graph graph; // null when owned by the SavedModel bundle
	private final SavedModelBundle bundle; // null for a frozen graph
	private final Session session;
	private final String inputOp;
	private final int inputIndex;
	private final String outputOp;
	private final int outputIndex;
	private final Layout outputLayout;
	private final String device;

	private Network(final Graph graph, final SavedModelBundle bundle, final Session session, final String input,
		final String output, final Layout outputLayout, final SessionOptions options)
	{
		this.graph = graph;
		this.bundle = bundle;
		this.session = session;
		this.outputLayout = outputLayout;
		final Graph g = bundle != null ? bundle.graph() : graph;
		this.inputOp = opName(input);
		this.inputIndex = outputIndex(input);
		this.outputOp = opName(output);
		this.outputIndex = outputIndex(output);
		if (g.operation(inputOp) == null) throw new IllegalArgumentException("the graph has no input tensor '" +
			input + "': check the model's input tensor name");
		if (g.operation(outputOp) == null) throw new IllegalArgumentException("the graph has no output tensor '" +
			output + "': check the model's output tensor name");
		this.device = Sessions.device(session, options);
	}

	/**
	 * Loads a frozen GraphDef (the bytes of a .pb file).
	 *
	 * @param spec input and output names (both required)
	 * @throws IllegalArgumentException when the bytes are no GraphDef or the names are absent
	 * @throws IllegalStateException when {@link Device#GPU} is asked for and none is found
	 */
	public static Network fromFrozenGraph(final byte[] graphDef, final NetworkSpec spec,
		final SessionOptions options)
	{
		if (spec.input() == null || spec.output() == null) {
			throw new IllegalArgumentException("a frozen graph needs its input and output tensor names");
		}
		final GraphDef def;
		try {
			def = GraphDef.parseFrom(graphDef);
		} catch (final InvalidProtocolBufferException e) {
			throw new IllegalArgumentException("the weights are not a TensorFlow GraphDef (.pb): " + e.getMessage(), e);
		}
		final Graph graph = new Graph();
		Session session = null;
		try {
			graph.importGraphDef(def);
			session = new Session(graph, options.toConfigProto());
			return new Network(graph, null, session, spec.input(), spec.output(), spec.outputLayout(), options);
		} catch (final RuntimeException e) {
			if (session != null) session.close();
			graph.close();
			throw e;
		}
	}

	/**
	 * Loads a SavedModel folder with tag "serve". Names missing from the spec
	 * come from the {@code serving_default} signature, which must then have
	 * exactly one input and one output.
	 */
	public static Network fromSavedModel(final Path folder, final NetworkSpec spec, final SessionOptions options) {
		if (!Files.isDirectory(folder)) {
			throw new IllegalArgumentException("not a SavedModel folder: " + folder);
		}
		final SavedModelBundle bundle = SavedModelBundle.loader(folder.toString()).withTags("serve")
			.withConfigProto(options.toConfigProto()).load();
		try {
			final Signature signature = servingSignature(bundle.signatures());
			final String input = tensorName(spec.input(), signature, true, folder);
			final String output = tensorName(spec.output(), signature, false, folder);
			return new Network(null, bundle, bundle.session(), input, output, spec.outputLayout(), options);
		} catch (final RuntimeException e) {
			bundle.close();
			throw e;
		}
	}

	/**
	 * Runs the network on one image.
	 *
	 * @param input row-major {@code [height][width][channels]}, length h*w*c
	 * @return the output converted to row-major {@code [H][W][C]}
	 */
	public NetworkOutput run(final float[] input, final int height, final int width, final int channels) {
		if (height < 1 || width < 1 || channels < 1 || (long) height * width * channels != input.length) {
			throw new IllegalArgumentException("input has " + input.length + " values, expected " + height + "x" +
				width + "x" + channels);
		}
		try (TFloat32 in = TFloat32.tensorOf(Shape.of(1, height, width, channels),
				DataBuffers.of(input, true, false));
			Result result = session.runner().feed(inputOp, inputIndex, in).fetch(outputOp, outputIndex).run())
		{
			final Tensor out = result.get(0);
			if (out.dataType() != DataType.DT_FLOAT) {
				throw new IllegalStateException("the network output is " + out.dataType() + ", expected float32");
			}
			final Shape shape = out.shape();
			if (shape.numDimensions() != 4 || shape.get(0) != 1) {
				throw new IllegalStateException("the network output has shape " + shape + ", expected [1," +
					(outputLayout == Layout.NHWC ? "H,W,C]" : "C,H,W]"));
			}
			final float[] data = new float[Math.toIntExact(shape.size())];
			out.asRawTensor().data().asFloats().read(data);
			if (outputLayout == Layout.NHWC) {
				return new NetworkOutput(data, (int) shape.get(1), (int) shape.get(2), (int) shape.get(3));
			}
			final int c = (int) shape.get(1), h = (int) shape.get(2), w = (int) shape.get(3);
			return new NetworkOutput(Layout.chwToHwc(data, c, h, w), h, w, c);
		}
	}

	/** The device actually used, e.g. "CPU (8 threads)" or "GPU 0 (/device:GPU:0, 79.1 GiB)". */
	public String device() {
		return device;
	}

	@Override
	public void close() {
		if (bundle != null) {
			bundle.close();
		} else {
			session.close();
			graph.close();
		}
	}

	private static Signature servingSignature(final List<Signature> signatures) {
		for (final Signature signature : signatures) {
			if (Signature.DEFAULT_KEY.equals(signature.key())) return signature;
		}
		return null;
	}

	/** Maps a signature key to its tensor name; takes the only one when none is given. */
	private static String tensorName(final String given, final Signature signature, final boolean input,
		final Path folder)
	{
		final String kind = input ? "input" : "output";
		if (signature == null) {
			if (given != null) return given;
			throw new IllegalArgumentException("SavedModel " + folder + " has no 'serving_default' signature: give " +
				"the " + kind + " tensor name in the model descriptor");
		}
		final Map<String, Signature.TensorDescription> map = input ? signature.getInputs() : signature.getOutputs();
		if (given != null) {
			final Signature.TensorDescription byKey = map.get(given);
			return byKey != null ? byKey.name : given;
		}
		if (map.size() != 1) {
			throw new IllegalArgumentException("the 'serving_default' signature of " + folder + " has " + map.size() +
				" " + kind + "s " + map.keySet() + ": name the " + kind + " tensor in the model descriptor");
		}
		return map.values().iterator().next().name;
	}

	private static String opName(final String tensor) {
		final int colon = tensor.lastIndexOf(':');
		return colon > 0 && tensor.substring(colon + 1).matches("\\d+") ? tensor.substring(0, colon) : tensor;
	}

	private static int outputIndex(final String tensor) {
		final int colon = tensor.lastIndexOf(':');
		return colon > 0 && tensor.substring(colon + 1).matches("\\d+") ? Integer.parseInt(tensor.substring(colon + 1))
			: 0;
	}
}
