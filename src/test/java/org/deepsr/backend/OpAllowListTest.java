package org.deepsr.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.deepsr.model.ModelBundle;
import org.deepsr.nets.ConstantParameters;
import org.deepsr.nets.NetConfig;
import org.deepsr.nets.NetRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * The op allow-list passes every network DeepSR ships, trains or imports
 * from OpenCV, and refuses file I/O wherever a model hides it, before
 * TensorFlow imports the graph.
 */
class OpAllowListTest {

	private static final SessionOptions CPU = new SessionOptions(Device.CPU, 1, 1);
	private static final NetworkSpec IO = new NetworkSpec("input", "output", Layout.NHWC);

	@Test
	void everyShippedTrainedAndOpenCvNetworkIsAllowed() throws IOException {
		int checked = 0;
		try (DirectoryStream<Path> bundles = Files.newDirectoryStream(Paths.get("models"), "*.zip")) {
			for (final Path zip : bundles) {
				OpAllowList.check(ModelBundle.open(zip).graph(), "output");
				checked++;
			}
		}
		assertTrue(checked >= 7, checked + " bundled models");
		for (final String name : NetRegistry.names()) for (final int channels : new int[] { 1, 3 }) for (final boolean skip
			: new boolean[] { false, true })
		{
			try (Graph g = new Graph()) {
				final Ops tf = Ops.create(g);
				// x3 (x4 for LapSRN), width 16 (IDN distils a quarter in groups of 4), one block and group: the ops are those of the paper's configuration, and RCAN's 200 blocks take a minute to build
				final NetConfig config = NetConfig.of(NetRegistry.get(name).scales().contains(3) ? 3 : 4, channels).withWidth(16).withBlocks(1).withGroups(1).withSkip(skip);
				final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(
					Shape.of(1, -1, -1, channels)));
				final Operand<TFloat32> out;
				try {
					out = NetRegistry.get(name).build(tf, in, config, ConstantParameters.seeded(0));
				} catch (final IllegalArgumentException e) {
					if (skip) continue; // a network that refuses the bicubic skip never exports one
					throw e;
				}
				tf.withName("output").identity(out);
				OpAllowList.check(GraphReader.frozenGraph(g.toGraphDef().toByteArray()), "output");
			}
		}
		final Path opencv = Paths.get(System.getProperty("deepsr.data", Paths.get("..", "shared", "data").toString()))
			.resolve("models/opencv");
		if (Files.isDirectory(opencv)) {
			try (DirectoryStream<Path> pbs = Files.newDirectoryStream(opencv, "*.pb")) {
				for (final Path pb : pbs) OpAllowList.check(GraphReader.frozenGraph(pb), "NCHW_output");
			}
		}
	}

	@Test
	void readFileHiddenInALibraryFunctionIsRefused() {
		final byte[] bytes = GraphReaderTest.readFileInFunction();
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network
			.fromFrozenGraph(bytes, IO, CPU));
		assertTrue(e.getMessage().contains("of type ReadFile") && e.getMessage().contains("in function '"), e
			.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
	}

	/** TensorFlow itself would fail on an unregistered op; the allow-list speaks first, so TensorFlow never saw it. */
	@Test
	void anUnknownOpIsRefusedBeforeTensorFlowSeesTheGraph() {
		final AttrValue dtype = AttrValue.newBuilder().setType(DataType.DT_FLOAT).build();
		final byte[] bytes = GraphDef.newBuilder().addNode(NodeDef.newBuilder().setName("input").setOp("Placeholder")
			.putAttr("dtype", dtype)).addNode(NodeDef.newBuilder().setName("output").setOp("NoSuchOp").addInput(
				"input")).build().toByteArray();
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network
			.fromFrozenGraph(bytes, IO, CPU));
		assertTrue(e.getMessage().startsWith("the model uses the op 'output' of type NoSuchOp"), e.getMessage());
	}

	/** A SavedModel with variables loads (TensorFlow restores them with checkpoint ops) and computes with them. */
	@Test
	void savedModelRestoresItsVariables(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("saved");
		try (Graph g = new Graph(); Session session = new Session(g)) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape
				.of(1, -1, -1, 1)));
			final Variable<TFloat32> gain = tf.withInitScope().withName("gain").variable(tf.constant(3f));
			final Operand<TFloat32> out = tf.withName("output").math.mul(in, gain);
			session.initialize();
			TinyNet.exportSavedModel(folder, session, in, out);
		}
		assertTrue(GraphReader.savedModel(folder).opTypes().contains("RestoreV2"));
		try (Network network = Network.fromSavedModel(folder, new NetworkSpec(null, null, Layout.NHWC), CPU)) {
			assertArrayEquals(new float[] { 3, 6 }, network.run(new float[] { 1, 2 }, 1, 2, 1).data());
		}
	}

	/** An output that depends on SaveV2 would write a file each run: refused, and nothing is written. */
	@Test
	void outputDependingOnACheckpointWriteIsRefused(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("saved");
		final Path leak = dir.resolve("leak");
		final byte[] frozen;
		try (Graph g = new Graph(); Session session = new Session(g)) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape
				.of(1, -1, -1, 1)));
			final org.tensorflow.op.train.Save save = tf.withName("write").train.save(tf.constant(leak.toString()),
				tf.constant(NdArrays.vectorOfObjects("x")), tf.constant(NdArrays.vectorOfObjects("")), List.of(in));
			final Operand<TFloat32> out = tf.withControlDependencies(save).withName("output").identity(in);
			frozen = g.toGraphDef().toByteArray();
			TinyNet.exportSavedModel(folder, session, in, out);
		}
		final IllegalArgumentException saved = assertThrows(IllegalArgumentException.class, () -> Network
			.fromSavedModel(folder, new NetworkSpec(null, null, Layout.NHWC), CPU));
		assertTrue(saved.getMessage().contains("output depends on the op 'write' (SaveV2)"), saved.getMessage());
		final IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> Network
			.fromFrozenGraph(frozen, IO, CPU));
		assertTrue(plain.getMessage().contains("(SaveV2)"), plain.getMessage());
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "leak*")) {
			assertFalse(files.iterator().hasNext(), "a checkpoint was written");
		}
	}
}
