package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import com.google.gson.Gson;

/**
 * Each layer of the vocabulary against an independent reference: numpy
 * written from the definitions by src/test/python/layer_fixtures.py
 * (checked there against PyTorch 1.13 for all but the bicubic skip), with the same
 * weights loaded by name. The fixture's weights must be exactly the
 * parameters the layer asks for, with the same shapes.
 */
class LayerReferenceTest {

	static final class Array {
		long[] shape;
		float[] data;
	}

	static final class Case {
		String name, kind;
		Map<String, Object> args;
		Array input, output;
		Map<String, Array> params;
		Map<String, Array> extra;

		int arg(final String key) {
			return ((Number) args.get(key)).intValue();
		}

		@Override
		public String toString() {
			return name;
		}
	}

	static final class Fixture {
		List<Case> cases;
	}

	private static final Fixture FIXTURE = read();

	static Stream<Case> cases() {
		return FIXTURE.cases.stream();
	}

	@ParameterizedTest
	@MethodSource("cases")
	void layerMatchesTheReference(final Case c) {
		final Map<String, float[]> out = build(c);
		final Array expected = c.output;
		assertArrayEquals(expected.data, out.get(Architecture.OUTPUT), 1e-5f, c.name);
		if ("batch_norm".equals(c.kind) && "TRAIN".equals(c.args.get("mode"))) {
			assertArrayEquals(c.extra.get("batch_mean").data, out.get("layer/batch_mean"), 1e-5f, "batch mean");
			assertArrayEquals(c.extra.get("batch_variance").data, out.get("layer/batch_variance"), 1e-5f, "batch variance");
		}
		if ("batch_norm".equals(c.kind) && "INFERENCE".equals(c.args.get("mode"))) assertEquals(1, out.size(), "no batch statistics at inference");
	}

	/** The layer is TensorFlow's DepthToSpace, not PyTorch's pixel_shuffle: they differ for C > 1 and agree once the channels are reordered. */
	@Test
	void subPixelIsDepthToSpaceNotPixelShuffle() {
		final Case c = FIXTURE.cases.stream().filter(k -> "subpixel".equals(k.kind)).findFirst().orElseThrow();
		final float[] shuffle = c.extra.get("pixel_shuffle").data;
		final float[] ours = build(c).get(Architecture.OUTPUT);
		double max = 0;
		for (int i = 0; i < ours.length; i++) max = Math.max(max, Math.abs(ours[i] - shuffle[i]));
		assertTrue(max > 0.1, "DepthToSpace and pixel_shuffle should differ for 3 channels, max |diff| " + max);
		// torch channel c*s*s + i*s + j is TF channel (i*s + j)*C + c
		final int s = c.arg("scale"), cs = (int) c.input.shape[3], ch = cs / (s * s);
		final Case reordered = new Case();
		reordered.kind = c.kind;
		reordered.args = c.args;
		reordered.params = c.params;
		reordered.output = c.output;
		reordered.input = new Array();
		reordered.input.shape = c.input.shape;
		reordered.input.data = new float[c.input.data.length];
		for (int p = 0; p < c.input.data.length / cs; p++)
			for (int k = 0; k < ch; k++)
				for (int ij = 0; ij < s * s; ij++)
					reordered.input.data[p * cs + ij * ch + k] = c.input.data[p * cs + k * s * s + ij];
		assertArrayEquals(shuffle, build(reordered).get(Architecture.OUTPUT), 0f);
	}

	/** Builds the case's layer as {@code layer} under a root, fed a constant input; returns "output" and the side outputs. */
	private static Map<String, float[]> build(final Case c) {
		final Set<String> asked = new HashSet<>();
		final Parameters fixture = (tf, name, shape, init) -> {
			final Array a = c.params.get(name);
			assertTrue(a != null, c.name + " asks for '" + name + "', which the reference does not have");
			assertArrayEquals(a.shape, shape, name + " shape");
			asked.add(name);
			return Parameters.named(tf, name).constant(Shape.of(shape), DataBuffers.of(a.data, true, false));
		};
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Operand<TFloat32> x = tf.withName("x").constant(Shape.of(c.input.shape), DataBuffers.of(c.input.data, true, false));
			final Layer root = Layer.root(tf, fixture);
			final Layer layer = root.sub("layer");
			final Operand<TFloat32> y;
			switch (c.kind) {
				case "conv": y = layer.conv(x, c.arg("k"), c.arg("out"), c.arg("groups"), c.arg("dilation"), Init.he()); break;
				case "deconv": y = layer.deconv(x, c.arg("k"), c.arg("scale"), c.arg("out"), Init.he()); break;
				case "subpixel": y = layer.subPixel(x, c.arg("scale")); break;
				case "channel_attention": y = Blocks.channelAttention(layer, x, c.arg("reduction"), Init.torch()); break;
				case "residual": y = Blocks.residual(layer, x, c.arg("k"), ((Number) c.args.get("residual_scale")).floatValue(), Init.he()); break;
				case "dense": y = Blocks.dense(layer, x, c.arg("layers"), c.arg("growth"), c.arg("k"), Init.he()); break;
				case "batch_norm": y = layer.batchNorm(x, NetConfig.Mode.valueOf((String) c.args.get("mode")), ((Number) c.args.get("eps")).floatValue()); break;
				case "global_skip": {
					final Array r = c.extra.get("residual");
					y = Blocks.bicubicSkip(root, x, tf.withName("residual").constant(Shape.of(r.shape), DataBuffers.of(r.data, true, false)), NetConfig.of(c.arg("scale"), 1).withSkip(true));
					break;
				}
				default: throw new IllegalArgumentException("Unknown layer kind " + c.kind);
			}
			assertEquals(c.params.keySet(), asked, c.name + ": every reference weight is used");
			g.operations().forEachRemaining(op -> assertTrue(!op.name().matches(".*_[0-9]+(/.*)?"), c.name + ": " + op.name() + " was numbered by TensorFlow"));
			final Map<String, Operand<TFloat32>> outputs = root.outputs(y);
			final List<String> names = new ArrayList<>(outputs.keySet());
			try (Session s = new Session(g)) {
				final Session.Runner runner = s.runner();
				for (final String n : names) runner.fetch(outputs.get(n));
				try (Result r = runner.run()) {
					final Map<String, float[]> out = new LinkedHashMap<>();
					for (int i = 0; i < names.size(); i++) {
						final Tensor t = r.get(i);
						if (Architecture.OUTPUT.equals(names.get(i))) assertArrayEquals(c.output.shape, t.shape().asArray(), c.name + " output shape");
						final float[] v = new float[(int) t.shape().size()];
						t.asRawTensor().data().asFloats().read(v);
						out.put(names.get(i), v);
					}
					return out;
				}
			}
		}
	}

	private static Fixture read() {
		try (Reader r = new InputStreamReader(LayerReferenceTest.class.getResourceAsStream("layers.json"), StandardCharsets.UTF_8)) {
			return new Gson().fromJson(r, Fixture.class);
		} catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
