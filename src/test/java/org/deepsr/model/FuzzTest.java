package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.deepsr.Mutations.expect;
import static org.deepsr.Mutations.mutate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.deepsr.backend.Device;
import org.deepsr.backend.GraphReader;
import org.deepsr.backend.Layout;
import org.deepsr.backend.ModelGraph;
import org.deepsr.backend.Network;
import org.deepsr.backend.NetworkSpec;
import org.deepsr.backend.SessionOptions;
import org.deepsr.backend.Sha256;
import org.deepsr.backend.TinyNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import com.google.protobuf.ByteString;

/**
 * Mutated inputs (fixed seed, bounded iterations: bit flips, truncations,
 * insertions, deletions, duplicated runs, edge bytes; JSON values swapped for
 * hostile ones) for the descriptor parser, the bundle reader and the graph
 * reader. Each either reads or fails with its documented type and a one-line
 * message: never a crash, an out-of-memory error, a NullPointerException or
 * another unchecked type. A mutated graph that the reader accepts is loaded
 * and run: TensorFlow only ever sees graphs that passed the reader and the
 * op allow-list.
 */
@ExtendWith(TemporaryModelCache.class)
class FuzzTest {

	private static final long SEED = 20261203;

	@TempDir
	Path dir;

	/** Swaps one JSON value for a hostile one: null, wrong types, huge or negative numbers. */
	static String mutateValue(final String json, final Random random) {
		final List<int[]> values = new ArrayList<>();
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile(":\\s*(\"[^\"]*\"|[-0-9.eE]+|true|false|null)")
			.matcher(json);
		while (m.find()) values.add(new int[] { m.start(1), m.end(1) });
		final int[] v = values.get(random.nextInt(values.size()));
		final String[] hostile = { "null", "-1", "0", "1e999", "-1e999", "2147483648", "\"\"", "[]", "{}", "true",
			"\"../../x\"", "[null]", "NaN", "\"\\u0000\"", "[1e308,1e308]" };
		return json.substring(0, v[0]) + hostile[random.nextInt(hostile.length)] + json.substring(v[1]);
	}

	/** A valid bundle zip whose bytes do not depend on when it was made (fixed entry times), so runs repeat. */
	private Path validBundle() throws IOException {
		final Path made = ModelsTest.importTiny(new TinyNet(1, 2, 3), dir, "made.zip", false);
		final Path zip = dir.resolve("valid.zip");
		try (ZipFile in = new ZipFile(made.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(
			zip)))
		{
			for (final ZipEntry entry : in.stream().collect(Collectors.toList())) {
				final ZipEntry copy = new ZipEntry(entry.getName());
				copy.setTimeLocal(java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
				out.putNextEntry(copy);
				in.getInputStream(entry).transferTo(out);
				out.closeEntry();
			}
		}
		return zip;
	}

	@Test
	void descriptorParser() throws IOException {
		final String json = new String(SafeZip.readEntry(validBundle(), ModelBundle.DESCRIPTOR, 1 << 20),
			StandardCharsets.UTF_8);
		final Random random = new Random(SEED);
		int parsed = 0;
		for (int i = 0; i < 600; i++) {
			final String mutated = i % 2 == 0 ? new String(mutate(json.getBytes(StandardCharsets.UTF_8), random),
				StandardCharsets.UTF_8) : mutateValue(json, random);
			try {
				final ModelDescriptor d = ModelDescriptors.parse(mutated, "fuzz");
				// What passes validation is a complete descriptor: it writes and reads back equal.
				assertEquals(ModelDescriptors.toJson(d), ModelDescriptors.toJson(ModelDescriptors.parse(ModelDescriptors
					.toJson(d), "fuzz")));
				parsed++;
			} catch (final Throwable t) {
				expect(t, "descriptor mutation " + i + " " + abbreviate(mutated), List.of(IllegalArgumentException.class));
			}
		}
		assertTrue(parsed > 0 && parsed < 600, parsed + " of 600 mutated descriptors were valid");
	}

	@Test
	void bundleReader() throws IOException {
		final byte[] zip = Files.readAllBytes(validBundle());
		final Random random = new Random(SEED + 1);
		final Set<String> opened = new HashSet<>(); // a mutation may repeat another, or undo itself
		for (int i = 0; i < 300; i++) {
			final Path file = Files.write(dir.resolve("fuzz" + i + ".zip"), mutate(zip, random));
			try {
				final ModelBundle bundle = ModelBundle.open(file);
				bundle.graph();
				opened.add(Sha256.of(file));
			} catch (final Throwable t) {
				expect(t, "bundle mutation " + i, List.of(IOException.class, IllegalArgumentException.class));
			}
			Files.delete(file);
		}
		assertTrue(opened.size() > 1 && opened.size() < 300, opened.size() + " of 300 mutated bundles opened");
		// Only complete, verified copies stay in the cache: no temporary folder, each opens again.
		final Path cache = ModelBundle.cacheRoot().resolve("bundles");
		try (Stream<Path> folders = Files.list(cache)) {
			final List<Path> all = folders.collect(Collectors.toList());
			assertEquals(opened.size(), all.size(), "cached copies");
			for (final Path folder : all) {
				assertTrue(folder.getFileName().toString().matches("[0-9a-f]{64}"), folder.toString());
				ModelBundle.open(folder);
			}
		}
	}

	@Test
	void graphReaderAndWhatReachesTensorFlow() {
		final byte[] graph = new TinyNet(1, 2, 3).graphDef(false);
		final NetworkSpec spec = new NetworkSpec("input", "output", Layout.NHWC);
		final SessionOptions cpu = new SessionOptions(Device.CPU, 1, 1);
		final Random random = new Random(SEED + 2);
		int ran = 0;
		for (int i = 0; i < 400; i++) {
			final byte[] mutated = mutate(graph, random);
			final ModelGraph model;
			try {
				model = GraphReader.frozenGraph(mutated);
				model.constants();
				model.opTypes();
			} catch (final Throwable t) {
				expect(t, "graph mutation " + i, List.of(IllegalArgumentException.class));
				continue;
			}
			if (loadAndRun(model, spec, cpu, "graph mutation " + i)) ran++;
		}
		assertTrue(ran > 0, "no mutated graph ran");
	}

	/**
	 * Structural mutations no random byte reaches often: a constant's shape
	 * (zero, negative, huge, overflowing) or content (cut, extended) no
	 * longer agree; the reader refuses them before constants are read or the
	 * graph is imported.
	 */
	@Test
	void constantsWhoseShapeAndContentDisagree() throws IOException {
		final GraphDef graph = GraphDef.parseFrom(new TinyNet(1, 2, 3).graphDef(false));
		final int index = IntStream.range(0, graph.getNodeCount()).filter(i -> "Const".equals(graph.getNode(i).getOp()) &&
			graph.getNode(i).getAttrOrThrow("value").getTensor().getTensorContent().size() > 0).findFirst().getAsInt();
		final NetworkSpec spec = new NetworkSpec("input", "output", Layout.NHWC);
		final SessionOptions cpu = new SessionOptions(Device.CPU, 1, 1);
		final Random random = new Random(SEED + 3);
		final long[] sizes = { 0, 1, 2, 3, -1, -7, 1L << 31, 1L << 40, Long.MAX_VALUE, 1_000_000_000 };
		int refused = 0;
		for (int i = 0; i < 200; i++) {
			final NodeDef node = graph.getNode(index);
			final TensorProto.Builder tensor = node.getAttrOrThrow("value").getTensor().toBuilder();
			final TensorShapeProto.Builder shape = tensor.getTensorShapeBuilder();
			if (random.nextBoolean()) shape.getDimBuilder(random.nextInt(shape.getDimCount())).setSize(sizes[random
				.nextInt(sizes.length)]);
			if (random.nextBoolean()) shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(sizes[random.nextInt(sizes
				.length)]));
			final byte[] content = tensor.getTensorContent().toByteArray();
			switch (random.nextInt(4)) {
				case 0:
					tensor.setTensorContent(ByteString.copyFrom(content, 0, random.nextInt(content.length)));
					break;
				case 1:
					tensor.setTensorContent(ByteString.copyFrom(Arrays.copyOf(content, content.length + 1 + random.nextInt(
						8))));
					break;
				case 2:
					tensor.setTensorContent(ByteString.EMPTY).addFloatVal(1.5f);
					break;
				default:
			}
			final byte[] mutated = graph.toBuilder().setNode(index, node.toBuilder().putAttr("value", AttrValue
				.newBuilder().setTensor(tensor).build())).build().toByteArray();
			final ModelGraph model;
			try {
				model = GraphReader.frozenGraph(mutated);
				model.constants();
			} catch (final Throwable t) {
				expect(t, "constant mutation " + i + " " + shape.getDimList(), List.of(IllegalArgumentException.class));
				refused++;
				continue;
			}
			loadAndRun(model, spec, cpu, "constant mutation " + i);
		}
		assertTrue(refused > 0, "no mutation was refused");
	}

	/**
	 * Loads a graph the reader accepted (one-line failures) and runs it on a
	 * 4x4 image; running may fail with TensorFlow's own multi-line message.
	 *
	 * @return true when it ran
	 */
	private static boolean loadAndRun(final ModelGraph model, final NetworkSpec spec, final SessionOptions cpu,
		final String what)
	{
		final Network network;
		try {
			network = Network.load(model, spec, cpu);
		} catch (final Throwable t) {
			expect(t, what + " loaded", List.of(IllegalArgumentException.class, IllegalStateException.class));
			return false;
		}
		try (network) {
			network.run(new float[16], 4, 4, 1);
			return true;
		} catch (final IllegalArgumentException | IllegalStateException e) {
			return false;
		}
	}

	private static String abbreviate(final String text) {
		return text.length() < 200 ? text : text.substring(0, 200) + "...";
	}
}
