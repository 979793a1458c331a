package org.deepsr.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.NoOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

/**
 * {@link GraphReader} against TensorFlow itself: every description it gives
 * (ops, inputs, devices, placeholders and their static shapes, unconsumed
 * ops, float constants, signatures) must equal what TensorFlow reports after
 * importing the same bytes into a {@link Graph}, an independent reading.
 */
class GraphReaderTest {

	@Test
	void tinyNetIsDescribedAsTensorFlowSeesIt() {
		for (final boolean nchw : new boolean[] { false, true }) {
			final TinyNet net = new TinyNet(3, 2, 3);
			final byte[] bytes = net.graphDef(nchw);
			final ModelGraph model = GraphReader.frozenGraph(bytes);
			assertMatchesTensorFlow(bytes, model);
			assertEquals(List.of("input"), names(model.placeholders()));
			assertArrayEquals(new long[] { 1, -1, -1, 3 }, model.op("input").shape().asArray());
			assertEquals(List.of("output"), model.outputs());
			// The conv filter is TinyNet's own weight array, value for value.
			final List<float[]> filters = model.constants().values().stream().filter(v -> v.length == net.weights
				.length).collect(Collectors.toList());
			assertEquals(1, filters.size());
			assertArrayEquals(net.weights, filters.get(0));
			assertTrue(model.functions().isEmpty());
			assertNull(model.savedModel());
			assertNull(model.signatureInputs());
		}
	}

	/** Unknown rank, a scalar, a multi-output op read at index 1, a control edge and an integer constant. */
	@Test
	void shapesIndicesAndControlEdgesAreReadAsTensorFlowReadsThem() {
		final byte[] bytes;
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(2,
				-1, 3)));
			tf.withName("any").placeholder(TInt32.class);
			final Unstack<TFloat32> parts = tf.withName("parts").unstack(x, 2L);
			final NoOp barrier = tf.withName("barrier").noOp();
			final Operand<TFloat32> product = tf.math.mul(parts.output().get(1), tf.withName("two").constant(2f));
			tf.withControlDependencies(barrier).withName("y").math.add(product, tf.withName("k").constant(
				new float[] { 1, 2, 3 }));
			tf.withName("ints").constant(new int[] { 4, 5 });
			bytes = g.toGraphDef().toByteArray();
		}
		final ModelGraph model = GraphReader.frozenGraph(bytes);
		assertMatchesTensorFlow(bytes, model);
		assertTrue(model.op("any").shape().isUnknown());
		assertArrayEquals(new long[0], model.op("two").shape().asArray());
		assertTrue(model.op("y").inputs().contains("^barrier"), model.op("y").inputs().toString());
		assertEquals(Set.of("y", "any", "ints"), new HashSet<>(model.outputs()));
		assertEquals(Set.of("two", "k"), model.constants().keySet());
	}

	/** A model can hide ops in its function library: the reader reports them and the call that names them. */
	@Test
	void opsInsideLibraryFunctionsAreReported() throws IOException {
		final byte[] bytes = readFileInFunction();
		final Set<String> mainTypes = new TreeSet<>();
		try (Graph g = new Graph()) {
			g.importGraphDef(GraphDef.parseFrom(bytes));
			g.operations().forEachRemaining(op -> mainTypes.add(op.type()));
		}
		assertFalse(mainTypes.contains("ReadFile"), "TensorFlow's main graph shows no ReadFile: " + mainTypes);
		final ModelGraph model = GraphReader.frozenGraph(bytes);
		assertMatchesTensorFlow(bytes, model);
		assertTrue(model.opTypes().contains("ReadFile"), model.opTypes().toString());
		final List<GraphOp> calls = model.ops().stream().filter(op -> !op.functions().isEmpty()).collect(Collectors
			.toList());
		assertEquals(1, calls.size(), model.ops().toString());
		final String called = calls.get(0).functions().iterator().next();
		final List<GraphOp> body = model.functions().get(called);
		assertNotNull(body, called + " not among " + model.functions().keySet());
		assertTrue(body.stream().anyMatch(op -> op.type().equals("ReadFile") && called.equals(op.function())));
	}

	@Test
	void malformedBytesGiveOneLineMessage(@TempDir final Path dir) throws IOException {
		// Field 1 (node) announces 5 bytes but the input ends after 1.
		final byte[] truncated = { 0x0a, 0x05, 0x01 };
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphReader
			.frozenGraph(truncated));
		assertTrue(e.getMessage().startsWith("the weights are not a TensorFlow GraphDef (.pb): "), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> GraphReader
			.frozenGraph(new byte[0]));
		assertTrue(empty.getMessage().endsWith("holds no operations"), empty.getMessage());
		final Path pb = dir.resolve("broken.pb");
		Files.write(pb, truncated);
		final IOException file = assertThrows(IOException.class, () -> GraphReader.frozenGraph(pb));
		assertTrue(file.getMessage().startsWith(pb + " is not a TensorFlow frozen graph (.pb): "), file.getMessage());
		assertFalse(file.getMessage().contains("\n"), file.getMessage());
		final IOException folder = assertThrows(IOException.class, () -> GraphReader.savedModel(dir));
		assertTrue(folder.getMessage().contains("no saved_model.pb"), folder.getMessage());
	}

	/** The serving_default names and the ops equal those of TensorFlow's own SavedModel loader. */
	@Test
	void savedModelSignatureMatchesTensorFlowsLoader(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("saved");
		new TinyNet(1, 2, 3).savedModel(folder);
		final ModelGraph model = GraphReader.savedModel(folder);
		assertEquals(folder, model.savedModel());
		try (SavedModelBundle bundle = SavedModelBundle.load(folder.toString(), "serve")) {
			final Signature reference = bundle.signatures().stream().filter(s -> s.key().equals(Signature.DEFAULT_KEY))
				.findFirst().orElseThrow();
			assertEquals(names(reference.getInputs()), model.signatureInputs());
			assertEquals(names(reference.getOutputs()), model.signatureOutputs());
			final Set<String> ops = new TreeSet<>();
			bundle.graph().operations().forEachRemaining(op -> ops.add(op.name()));
			assertEquals(ops, new TreeSet<>(names(model.ops())));
		}
		assertEquals(Set.of("lr"), model.signatureInputs().keySet());
	}

	/** The OpenCV dnn_superres graphs, with the placeholder and outputs that ../shared/data/README.md names. */
	@ParameterizedTest
	@ValueSource(strings = { "ESPCN_x2", "ESPCN_x3", "ESPCN_x4", "FSRCNN_x2", "FSRCNN_x3", "FSRCNN_x4",
		"FSRCNN-small_x2", "FSRCNN-small_x3", "FSRCNN-small_x4", "LapSRN_x2", "LapSRN_x4", "LapSRN_x8" })
	void openCvGraphsShowTheirDocumentedTensors(final String name) throws IOException {
		final Path pb = Paths.get(System.getProperty("deepsr.data", Paths.get("..", "shared", "data").toString()))
			.resolve("models/opencv/" + name + ".pb");
		assumeTrue(Files.isRegularFile(pb), "shared data absent: " + pb);
		final ModelGraph model = GraphReader.frozenGraph(pb);
		assertMatchesTensorFlow(Files.readAllBytes(pb), model);
		final GraphOp input = model.op("IteratorGetNext");
		assertTrue(model.placeholders().contains(input), names(model.placeholders()).toString());
		// The README's [1,H,W,1] is what OpenCV feeds: the file itself states no shape, so TensorFlow and the reader
		// both see an unknown rank.
		assertTrue(input.shape().isUnknown(), input.shape().toString());
		assertEquals(DataType.DT_FLOAT, input.dtype());
		assertTrue(model.outputs().contains("NCHW_output"), model.outputs().toString());
		// ESPCN and FSRCNN transpose NHWC_output into NCHW_output, so it is consumed.
		if (!name.startsWith("LapSRN")) assertNotNull(model.op("NHWC_output"));
		assertFalse(model.constants().isEmpty());
	}

	/** Architecture guard: model protocol buffers are parsed in GraphReader and nowhere else in src/main. */
	@Test
	void onlyGraphReaderParsesGraphs() throws IOException {
		final Pattern parse = Pattern.compile("\\b(GraphDef|MetaGraphDef|SavedModel)\\s*\\.\\s*parseFrom\\b");
		final Path main = Paths.get("src", "main", "java");
		final Set<String> parsers = new TreeSet<>();
		try (Stream<Path> files = Files.walk(main)) {
			for (final Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
				if (parse.matcher(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).find()) {
					parsers.add(main.relativize(file).toString().replace('\\', '/'));
				}
			}
		}
		assertEquals(Set.of("org/deepsr/backend/GraphReader.java"), parsers);
	}

	/** Ops, inputs, devices, dtypes, static shapes, unconsumed ops and float constants, as TensorFlow reports them. */
	static void assertMatchesTensorFlow(final byte[] bytes, final ModelGraph model) {
		try (Graph g = new Graph(); Session session = new Session(g)) {
			g.importGraphDef(GraphDef.parseFrom(bytes));
			final Map<String, GraphOperation> tfOps = new HashMap<>();
			g.operations().forEachRemaining(op -> tfOps.put(op.name(), op));
			assertEquals(tfOps.keySet(), new HashSet<>(names(model.ops())));
			final Set<String> unconsumed = new HashSet<>();
			final Set<String> floatConstants = new HashSet<>();
			for (final GraphOperation op : tfOps.values()) {
				final GraphOp read = model.op(op.name());
				assertEquals(op.type(), read.type(), op.name());
				assertEquals(op.device(), read.device(), op.name());
				final List<String> data = new ArrayList<>();
				for (final Operand<?> in : op.inputs()) data.add(in.op().name() + ":" + ((org.tensorflow.Output<?>) in)
					.index());
				final Set<String> control = op.controlInputs().stream().map(GraphOperation::name).collect(Collectors
					.toSet());
				assertEquals(data, read.inputs().stream().filter(i -> !i.startsWith("^")).map(i -> ModelGraph.opName(
					i) + ":" + ModelGraph.outputIndex(i)).collect(Collectors.toList()), op.name());
				assertEquals(control, read.inputs().stream().filter(i -> i.startsWith("^")).map(i -> i.substring(1))
					.collect(Collectors.toSet()), op.name());
				if (op.numConsumers() == 0 && op.numControlConsumers() == 0) unconsumed.add(op.name());
				if (op.type().equals("Placeholder") || op.type().equals("Const")) {
					assertArrayEquals(op.output(0).shape().asArray(), read.shape().asArray(), op.name());
					assertEquals(op.output(0).dataType(), read.dtype(), op.name());
				}
				if (op.type().equals("Const") && op.output(0).dataType() == DataType.DT_FLOAT) {
					floatConstants.add(op.name());
					try (Result r = session.runner().fetch(op.name()).run()) {
						final float[] values = new float[Math.toIntExact(r.get(0).shape().size())];
						r.get(0).asRawTensor().data().asFloats().read(values);
						assertArrayEquals(values, model.constants().get(op.name()), op.name());
					}
				}
			}
			assertEquals(unconsumed, new HashSet<>(model.outputs()));
			assertEquals(floatConstants, model.constants().keySet());
			assertEquals(tfOps.values().stream().filter(op -> op.type().equals("Placeholder")).map(
				GraphOperation::name).collect(Collectors.toSet()), new HashSet<>(names(model.placeholders())));
		} catch (final com.google.protobuf.InvalidProtocolBufferException e) {
			throw new AssertionError(e);
		}
	}

	/** "input" (a constant path) -> a library function that reads the file -> "output". */
	static byte[] readFileInFunction() {
		try (ConcreteFunction read = ConcreteFunction.create(tf -> {
			final Placeholder<TString> path = tf.placeholder(TString.class);
			return Signature.builder().key("read").input("path", path).output("bytes", tf.io.readFile(path)).build();
		}); Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			tf.withName("output").identity(tf.call(read, tf.withName("input").constant("/etc/passwd")));
			return g.toGraphDef().toByteArray();
		}
	}

	private static List<String> names(final List<GraphOp> ops) {
		return ops.stream().map(GraphOp::name).collect(Collectors.toList());
	}

	private static Map<String, String> names(final Map<String, Signature.TensorDescription> tensors) {
		final Map<String, String> names = new HashMap<>();
		tensors.forEach((key, t) -> names.put(key, t.name));
		return names;
	}
}
