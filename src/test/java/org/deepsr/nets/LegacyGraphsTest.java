package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.GraphDef;

/**
 * The four classic networks rebuilt on {@link Layer} compute what they
 * computed before, bit for bit. References: graphs exported by the nets of
 * commit 7550eeb (src/test/resources/org/deepsr/nets/legacy, each
 * {@code ConstantParameters.seeded(11)} with the configuration below) and
 * the bundled models/*.zip, trained and exported before the layers had
 * their own scopes.
 */
class LegacyGraphsTest {

	private static final Pattern NUMBERED = Pattern.compile(".*_[0-9]+");

	static Stream<Arguments> golden() {
		return Stream.of(
			Arguments.of("srcnn", NetConfig.of(3, 1).withWidth(8).withDepth(4)),
			Arguments.of("srcnn-skip", NetConfig.of(2, 1).withWidth(8).withDepth(3).withSkip(true)),
			Arguments.of("fsrcnn", NetConfig.of(3, 1).withWidth(8).withDepth(2)),
			Arguments.of("fsrcnn-skip", NetConfig.of(2, 2).withWidth(8).withDepth(2).withSkip(true)),
			Arguments.of("espcn", NetConfig.of(3, 2).withWidth(8).withDepth(3)),
			Arguments.of("espcn-skip", NetConfig.of(2, 1).withWidth(8).withDepth(4).withSkip(true)),
			Arguments.of("vdsr", NetConfig.of(2, 1).withWidth(8).withDepth(5)));
	}

	/** Same seed, same names, same shapes, same initialisers, same ops: the same output to the last bit. */
	@ParameterizedTest
	@MethodSource("golden")
	void seededNetworksMatchTheirOldExports(final String file, final NetConfig config) throws IOException {
		final Architecture a = NetRegistry.get(file.replace("-skip", ""));
		final int h = 9, w = 11;
		final float[] input = Nets.random(h * w * config.channels(), 5);
		final float[] expected;
		final List<float[]> oldWeights;
		final List<String> names = Nets.parameterNames(a, config);
		try (Graph old = legacy(file)) {
			expected = Nets.run(old, input, new long[] { 1, h, w, config.channels() }, null);
			oldWeights = Nets.fetch(old, new ArrayList<>(ConstantParameters.legacyNames(names).values()));
		}
		assertArrayEquals(expected, Nets.run(a, config, ConstantParameters.seeded(11), input, h, w, null), file);
		final Map<String, float[]> byName = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) byName.put(names.get(i), oldWeights.get(i));
		assertArrayEquals(expected, Nets.run(a, config, ConstantParameters.of(byName), input, h, w, null), file + " from its old constants");
	}

	static Stream<Arguments> bundles() {
		return Stream.of(2, 3, 4).flatMap(s -> Stream.of(
			Arguments.of("espcn-x" + s, "espcn", NetConfig.of(s, 1)),
			Arguments.of("fsrcnn-x" + s, "fsrcnn", NetConfig.of(s, 1).withSkip(true))));
	}

	/** A bundle exported before the scopes were unique gives fine-tuning its weights through {@link ConstantParameters#legacyNames}, and they compute what the bundle computes. */
	@ParameterizedTest
	@MethodSource("bundles")
	void bundledModelsLoadThroughTheirOldNames(final String bundle, final String network, final NetConfig config) throws IOException {
		final Architecture a = NetRegistry.get(network);
		final int h = 13, w = 10;
		final float[] input = Nets.random(h * w, 9);
		final List<String> names = Nets.parameterNames(a, config);
		final Map<String, float[]> byName = new LinkedHashMap<>();
		final float[] expected;
		try (ZipFile zip = new ZipFile(Path.of("models", bundle + ".zip").toFile()); InputStream in = zip.getInputStream(zip.getEntry("model.pb")); Graph old = new Graph()) {
			old.importGraphDef(GraphDef.parseFrom(in));
			final List<float[]> values = Nets.fetch(old, new ArrayList<>(ConstantParameters.legacyNames(names).values()));
			for (int i = 0; i < names.size(); i++) byName.put(names.get(i), values.get(i));
			expected = Nets.run(old, input, new long[] { 1, h, w, 1 }, null);
		}
		assertArrayEquals(expected, Nets.run(a, config, ConstantParameters.of(byName), input, h, w, null), bundle);
	}

	/** Every op of every network lives in its layer's scope, parameters are named like their ops, and nothing carries a TensorFlow-numbered "_1". */
	@ParameterizedTest
	@MethodSource("golden")
	void opsAreNamedByTheirLayers(final String file, final NetConfig config) {
		final Architecture a = NetRegistry.get(file.replace("-skip", ""));
		final List<String> names = Nets.parameterNames(a, config);
		try (Graph g = new Graph()) {
			Nets.build(g, a, config, ConstantParameters.seeded(1));
			final List<String> ops = new ArrayList<>();
			g.operations().forEachRemaining(op -> ops.add(op.name()));
			for (final String op : ops) {
				assertTrue(op.equals("input") || op.equals("output") || op.contains("/"), op + " is outside any layer");
				for (final String segment : op.split("/")) assertTrue(!NUMBERED.matcher(segment).matches(), op + " was numbered by TensorFlow");
			}
			for (final String name : names) assertEquals("Const", ((GraphOperation) g.operation(name)).type(), name);
		}
	}

	private static Graph legacy(final String file) throws IOException {
		final Graph g = new Graph();
		try (InputStream in = LegacyGraphsTest.class.getResourceAsStream("legacy/" + file + ".pb")) {
			g.importGraphDef(GraphDef.parseFrom(in));
		} catch (final IOException | RuntimeException e) {
			g.close();
			throw e;
		}
		return g;
	}
}
