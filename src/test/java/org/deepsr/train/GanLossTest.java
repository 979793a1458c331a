package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.deepsr.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * The perceptual, texture and adversarial terms on fixed tensors against
 * PyTorch (src/test/python/gan_loss_reference.py: torch.nn.functional's
 * l1_loss, mse_loss, binary_cross_entropy_with_logits, conv2d), with the
 * test's own extractor (two 3x3 convolutions) as a frozen graph and as a
 * SavedModel, inlined through the graph reader.
 */
class GanLossTest {

	@TempDir
	Path tmp;

	/** Fixed values: sin of the index, shifted per tensor. */
	private static float[] values(final int n, final double phase, final double amplitude, final double offset) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (float) (offset + amplitude * Math.sin(0.37 * i + phase));
		return v;
	}

	private static final Map<String, long[]> SHAPES = new LinkedHashMap<>();
	private static final Map<String, float[]> TENSORS = new LinkedHashMap<>();

	static {
		put("output", new long[] { 2, 6, 6, 1 }, values(72, 0.1, 0.4, 0.5));
		put("target", new long[] { 2, 6, 6, 1 }, values(72, 1.3, 0.45, 0.5));
		put("k1", new long[] { 3, 3, 3, 4 }, values(108, 2.0, 0.3, 0));
		put("b1", new long[] { 4 }, values(4, 0.5, 0.1, 0));
		put("k2", new long[] { 3, 3, 4, 5 }, values(180, 0.7, 0.3, 0));
		put("b2", new long[] { 5 }, values(5, 1.1, 0.1, 0));
		put("real", new long[] { 4, 1 }, values(4, 0.2, 2, 0.5));
		put("fake", new long[] { 4, 1 }, values(4, 2.9, 1.5, -0.3));
	}

	private static void put(final String name, final long[] shape, final float[] v) {
		SHAPES.put(name, shape);
		TENSORS.put(name, v);
	}

	@Test
	void everyTermAgreesWithPyTorch() throws Exception {
		Prerequisites.python("torch");
		final Map<String, Double> reference = torch();
		final Path pb = tmp.resolve("extractor.pb");
		Files.write(pb, extractorGraph());
		final Path saved = tmp.resolve("extractor-savedmodel");
		extractorSavedModel(saved);
		for (final Path extractor : List.of(pb, saved)) {
			final FeatureLoss features = FeatureLoss.read(extractor);
			final List<String> layers = List.of("relu1", "conv2");
			final List<LossTerm> terms = List.of(features.perceptual(layers, false), features.perceptual(layers, true), features.texture(layers),
				Adversarial.generator(false), Adversarial.discriminator(false), Adversarial.generator(true), Adversarial.discriminator(true));
			final Map<String, Double> java = evaluate(terms);
			for (final LossTerm t : terms) {
				final String key = t.name().replaceFirst("\\(relu1, conv2\\)$", "");
				assertEquals(reference.get(key), java.get(t.name()), 1e-5 * Math.max(1, Math.abs(reference.get(key))), extractor.getFileName() + ": " + t.name());
			}
		}
		assertTrue(reference.get("texture") > 0 && reference.get("perceptual") > 0, "the fixtures differ: " + reference);
	}

	@Test
	void anExtractorMustPassTheAllowList() throws Exception {
		final Path pb = tmp.resolve("bad.pb");
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 1)));
			tf.withName("relu1").nn.relu(in);
			tf.withName("read").io.readFile(tf.constant("secret.txt"));
			Files.write(pb, g.toGraphDef().toByteArray());
		}
		final FeatureLoss features = FeatureLoss.read(pb);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluate(List.of(features.perceptual(List.of("relu1"), false))));
		assertTrue(e.getMessage().contains("ReadFile"), e.getMessage());
		final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> evaluate(List.of(FeatureLoss.read(tmp.resolve("bad.pb")).perceptual(List.of("conv9"), false))));
		assertTrue(missing.getMessage().contains("conv9"), missing.getMessage());
	}

	/** Each term's value on the fixed tensors, by name. */
	private static Map<String, Double> evaluate(final List<LossTerm> terms) {
		final Map<String, Double> out = new LinkedHashMap<>();
		try (Graph g = new Graph(); Session s = new Session(g)) {
			final Ops tf = Ops.create(g);
			final Map<String, Operand<TFloat32>> tensors = new LinkedHashMap<>();
			tensors.put(NetSpec.OUTPUT, constant(tf, "output"));
			tensors.put(NetSpec.TARGET, constant(tf, "target"));
			tensors.put(Adversarial.REAL, constant(tf, "real"));
			tensors.put(Adversarial.FAKE, constant(tf, "fake"));
			final Session.Runner runner = s.runner();
			for (final LossTerm t : terms) runner.fetch(t.build(tf, tensors));
			try (Result r = runner.run()) {
				for (int i = 0; i < terms.size(); i++) out.put(terms.get(i).name(), (double) ((TFloat32) r.get(i)).getFloat());
			}
		}
		return out;
	}

	private static Operand<TFloat32> constant(final Ops tf, final String name) {
		return tf.constant(Shape.of(SHAPES.get(name)), DataBuffers.of(TENSORS.get(name)));
	}

	/** input [-1,-1,-1,3] -> relu1 = relu(conv(k1) + b1) -> conv2 = conv(k2) + b2, SAME, as constants. */
	static byte[] extractorGraph() {
		try (Graph g = new Graph()) {
			buildExtractor(Ops.create(g), false);
			return g.toGraphDef().toByteArray();
		}
	}

	/** The same with its kernels and biases as variables, exported as a SavedModel. */
	private static void extractorSavedModel(final Path folder) throws Exception {
		try (Graph g = new Graph(); Session s = new Session(g)) {
			final Operand<?>[] io = buildExtractor(Ops.create(g), true);
			s.initialize();
			org.deepsr.backend.TinyNet.exportSavedModel(folder, s, io[0], io[1]);
		}
	}

	private static Operand<?>[] buildExtractor(final Ops tf, final boolean variables) {
		final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
		final List<Long> unit = List.of(1L, 1L, 1L, 1L);
		final Operand<TFloat32> relu1 = tf.withName("relu1").nn.relu(tf.nn.biasAdd(tf.nn.conv2d(in, weight(tf, "k1", variables), unit, "SAME"), weight(tf, "b1", variables)));
		final Operand<TFloat32> conv2 = tf.withName("conv2").nn.biasAdd(tf.nn.conv2d(relu1, weight(tf, "k2", variables), unit, "SAME"), weight(tf, "b2", variables));
		return new Operand<?>[] { in, conv2 };
	}

	private static Operand<TFloat32> weight(final Ops tf, final String name, final boolean variable) {
		return variable ? tf.withName(name).variable(constant(tf, name)) : constant(tf, name);
	}

	/** The reference's values by term name. */
	private Map<String, Double> torch() throws Exception {
		final Path in = tmp.resolve("tensors.json"), out = tmp.resolve("torch.json");
		final Map<String, Object> json = new LinkedHashMap<>();
		TENSORS.forEach((k, v) -> json.put(k, Map.of("shape", SHAPES.get(k), "values", v)));
		try (Writer w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
			new Gson().toJson(json, w);
		}
		final Process p = new ProcessBuilder(Prerequisites.python(), Paths.get("src", "test", "python", "gan_loss_reference.py").toString(), in.toString(), out.toString())
			.redirectErrorStream(true).start();
		final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gan_loss_reference.py finished");
		assertEquals(0, p.exitValue(), log);
		final Map<String, Double> values = new LinkedHashMap<>();
		try (Reader r = Files.newBufferedReader(out)) {
			new Gson().fromJson(r, JsonObject.class).entrySet().forEach(e -> values.put(e.getKey(), e.getValue().getAsDouble()));
		}
		return values;
	}
}
