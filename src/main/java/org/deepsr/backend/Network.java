package org.deepsr.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

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
	private final long inputChannels; // -1 when the graph does not state it
	private final Layout outputLayout;
	private final String device;

	private Network(final Graph graph, final SavedModelBundle bundle, final Session session, final String input,
		final long[] inputShape, final String output, final Layout outputLayout, final SessionOptions options)
	{
		this.graph = graph;
		this.bundle = bundle;
		this.session = session;
		this.outputLayout = outputLayout;
		this.inputOp = ModelGraph.opName(input);
		this.inputIndex = ModelGraph.outputIndex(input);
		this.inputChannels = inputShape[1];
		this.outputOp = ModelGraph.opName(output);
		this.outputIndex = ModelGraph.outputIndex(output);
		this.device = Sessions.device(session, options);
	}

	/**
	 * Loads a frozen GraphDef (the bytes of a .pb file).
	 *
	 * @param spec input and output names (both required)
	 * @throws IllegalArgumentException when the bytes are no GraphDef, the names are absent or an op is not allowed
	 * @throws IllegalStateException when {@link Device#GPU} is asked for and none is found
	 */
	public static Network fromFrozenGraph(final byte[] graphDef, final NetworkSpec spec,
		final SessionOptions options)
	{
		return load(GraphReader.frozenGraph(graphDef), spec, options);
	}

	/**
	 * Loads a SavedModel folder with tag "serve". Names missing from the spec
	 * come from the {@code serving_default} signature, which must then have
	 * exactly one input and one output.
	 *
	 * @throws IOException when the folder holds no readable SavedModel
	 */
	public static Network fromSavedModel(final Path folder, final NetworkSpec spec, final SessionOptions options)
		throws IOException
	{
		if (!Files.isDirectory(folder)) {
			throw new IllegalArgumentException("not a SavedModel folder: " + folder);
		}
		return load(GraphReader.savedModel(folder), spec, options);
	}

	/**
	 * Loads a graph that {@link GraphReader} has read, once its ops have passed
	 * the op allow-list (nothing of the model runs before).
	 *
	 * @throws IllegalArgumentException when the spec's tensor names are missing or absent from the graph, the
	 *           input is no float32 [1,H,W,C] placeholder, or the graph holds an op that is not allowed
	 * @throws IllegalStateException when {@link Device#GPU} is asked for and none is found
	 */
	public static Network load(final ModelGraph model, final NetworkSpec spec, final SessionOptions options) {
		if (model.savedModel() != null) return loadSavedModel(model, spec, options);
		if (spec.input() == null || spec.output() == null) {
			throw new IllegalArgumentException("a frozen graph needs its input and output tensor names");
		}
		final long[] channels = inputShape(model, spec.input());
		checkTensor(model, spec.output(), "output");
		final Graph graph = new Graph();
		Session session = null;
		try {
			model.importInto(graph);
			session = new Session(graph, options.toConfigProto());
			return new Network(graph, null, session, spec.input(), channels, spec.output(), spec.outputLayout(),
				options);
		} catch (final RuntimeException e) {
			if (session != null) session.close();
			graph.close();
			throw e;
		}
	}

	private static Network loadSavedModel(final ModelGraph model, final NetworkSpec spec,
		final SessionOptions options)
	{
		final Path folder = model.savedModel();
		final String input = tensorName(spec.input(), model.signatureInputs(), true, folder);
		final String output = tensorName(spec.output(), model.signatureOutputs(), false, folder);
		final long[] channels = inputShape(model, input);
		checkTensor(model, output, "output");
		final SavedModelBundle bundle = model.loadSavedModel(options.toConfigProto(), output);
		try {
			return new Network(null, bundle, bundle.session(), input, channels, output, spec.outputLayout(), options);
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
	 * @throws IllegalArgumentException for an input of the wrong size or one TensorFlow refuses
	 * @throws IllegalStateException when the output is not a float32 [1,H,W,C] tensor or TensorFlow fails
	 */
	public NetworkOutput run(final float[] input, final int height, final int width, final int channels) {
		return run(input, 1, height, width, channels);
	}

	/**
	 * Runs the network on {@code batch} images of one size in one call. A
	 * graph exported with a [1,H,W,C] placeholder usually runs batches too
	 * (TensorFlow does not hold a fed tensor to the placeholder's shape), but a
	 * graph may mix or refuse them: callers compare one result with a single
	 * run (as {@code model.LoadedModel} does).
	 *
	 * @param input row-major {@code [batch][height][width][channels]}, length batch*h*w*c
	 * @return the output converted to row-major {@code [batch][H][W][C]} (H, W, C of one image)
	 * @throws IllegalArgumentException for an input of the wrong size or one TensorFlow refuses
	 * @throws IllegalStateException when the output is not a float32 [batch,H,W,C] tensor or TensorFlow fails
	 * @throws NativeOutOfMemoryException when TensorFlow ran out of memory (smaller inputs may fit)
	 */
	public NetworkOutput run(final float[] input, final int batch, final int height, final int width,
		final int channels)
	{
		if (batch < 1 || height < 1 || width < 1 || channels < 1 || (long) batch * height * width *
			channels != input.length) {
			throw new IllegalArgumentException("input has " + input.length + " values, expected " + (batch > 1
				? batch + "x" : "") + height + "x" + width + "x" + channels);
		}
		if (inputChannels > 0 && channels != inputChannels) {
			throw new IllegalArgumentException("the network's input " + inputOp + " takes " + inputChannels +
				" channel(s), not " + channels + ": check the model's input channels");
		}
		try (TFloat32 in = TFloat32.tensorOf(Shape.of(batch, height, width, channels),
				DataBuffers.of(input, true, false));
			Result result = session.runner().feed(inputOp, inputIndex, in).fetch(outputOp, outputIndex).run())
		{
			final Tensor out = result.get(0);
			if (out.dataType() != DataType.DT_FLOAT) {
				throw new IllegalStateException("the network output is " + out.dataType() + ", expected float32");
			}
			final Shape shape = out.shape();
			if (shape.numDimensions() != 4 || shape.get(0) != batch) {
				throw new IllegalStateException("the network output has shape " + shape + ", expected [" + batch +
					"," + (outputLayout == Layout.NHWC ? "H,W,C]" : "C,H,W]"));
			}
			final float[] data = new float[Math.toIntExact(shape.size())];
			out.asRawTensor().data().asFloats().read(data);
			if (outputLayout == Layout.NHWC) {
				return new NetworkOutput(data, (int) shape.get(1), (int) shape.get(2), (int) shape.get(3));
			}
			final int c = (int) shape.get(1), h = (int) shape.get(2), w = (int) shape.get(3), n = c * h * w;
			if (batch == 1) return new NetworkOutput(Layout.chwToHwc(data, c, h, w), h, w, c);
			final float[] hwc = new float[data.length];
			for (int b = 0; b < batch; b++)
				System.arraycopy(Layout.chwToHwc(java.util.Arrays.copyOfRange(data, b * n, (b + 1) * n), c, h, w), 0,
					hwc, b * n, n);
			return new NetworkOutput(hwc, h, w, c);
		} catch (final TFResourceExhaustedException e) {
			throw new NativeOutOfMemoryException("TensorFlow ran out of memory on a " + (batch > 1 ? batch + "x" : "") +
				height + "x" + width + " input: " + String.valueOf(e.getMessage()).split("\n", 2)[0].trim(), e);
		} catch (final TensorFlowException | UnsupportedOperationException e) {
			// TensorFlow's run-time failures (out of memory, an op it cannot run): one line of its message.
			throw new IllegalStateException("the network failed on a " + height + "x" + width + " input: " + String
				.valueOf(e.getMessage()).split("\n", 2)[0].trim(), e);
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

	/** Maps a signature key to its tensor name; takes the only one when none is given. */
	private static String tensorName(final String given, final Map<String, String> signature,
		final boolean input, final Path folder)
	{
		final String kind = input ? "input" : "output";
		if (signature == null) {
			if (given != null) return given;
			throw new IllegalArgumentException("SavedModel " + folder + " has no '" + GraphReader.SERVING_DEFAULT +
				"' signature: give the " + kind + " tensor name in the model descriptor");
		}
		if (given != null) return signature.getOrDefault(given, given);
		if (signature.size() != 1) {
			throw new IllegalArgumentException("the '" + GraphReader.SERVING_DEFAULT + "' signature of " + folder +
				" has " + signature.size() + " " + kind + "s " + signature.keySet() + ": name the " + kind +
				" tensor in the model descriptor");
		}
		return signature.values().iterator().next();
	}

	/**
	 * The batch size and channel count a placeholder input states, -1 when unknown; refuses an
	 * input that is absent, not float32 or not of rank 4.
	 */
	private static long[] inputShape(final ModelGraph model, final String tensor) {
		checkTensor(model, tensor, "input");
		final GraphOp op = model.op(ModelGraph.opName(tensor));
		if (!"Placeholder".equals(op.type())) return new long[] { -1, -1 };
		if (op.dtype() != null && op.dtype() != DataType.DT_FLOAT) {
			throw new IllegalArgumentException("the input tensor '" + tensor + "' is " + op.dtype() + ", but DeepSR " +
				"feeds float32 images: export the model with a float32 input");
		}
		final Shape shape = op.shape();
		if (shape.isUnknown()) return new long[] { -1, -1 };
		if (shape.numDimensions() != 4) {
			throw new IllegalArgumentException("the input tensor '" + tensor + "' has shape " + shape + ", but " +
				"DeepSR feeds [1,H,W,C] images: check the model's input tensor name");
		}
		return new long[] { shape.get(0), shape.get(3) };
	}

	/** Refuses a tensor name whose op the graph lacks, naming the candidates. */
	private static void checkTensor(final ModelGraph model, final String tensor, final String kind) {
		if (model.op(ModelGraph.opName(tensor)) != null) return;
		final boolean input = "input".equals(kind);
		final List<String> candidates = new ArrayList<>();
		if (input) model.placeholders().forEach(p -> candidates.add(p.name() + " " + p.shape()));
		else candidates.addAll(model.outputs());
		final String some = String.join(", ", candidates.subList(0, Math.min(8, candidates.size()))) +
			(candidates.size() > 8 ? ", ..." : "");
		throw new IllegalArgumentException("the graph has no " + kind + " tensor '" + tensor + "': check the " +
			"model's " + kind + " tensor name" + (candidates.isEmpty() ? "" : " (" + (input ? "placeholders" :
				"ops nothing consumes") + ": " + some + ")"));
	}
}
