package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The sub-pixel form of a transposed convolution that training uses
 * ({@link Layer#deconvSubPixel}) against TensorFlow's Conv2DBackpropInput
 * with the same kernel and bias, and FSRCNN built for training against the
 * same weights built for inference (the exported graph, which keeps the
 * transposed convolution).
 */
class DeconvSubPixelTest {

	@ParameterizedTest(name = "k={0} x{1}, {2} -> {3} channels")
	@CsvSource({ "9,2,3,1", "9,3,4,2", "9,4,2,1", "4,2,3,3", "3,3,2,1", "5,2,1,2", "2,4,2,1" })
	void sameOutputAsTheTransposedConvolution(final int k, final int s, final int in, final int out) {
		final Map<String, float[]> w = new HashMap<>();
		w.put("layer/kernel", centred(Nets.random(k * k * out * in, 11)));
		w.put("layer/bias", centred(Nets.random(out, 12)));
		final float[] x = Nets.random(2 * 7 * 6 * in, 13);
		final float[] plain = run(w, x, in, l -> y -> l.deconv(y, k, s, out, Init.he()));
		final float[] sub = run(w, x, in, l -> y -> l.deconvSubPixel(y, k, s, out, Init.he()));
		assertEquals(2 * 7 * s * 6 * s * out, plain.length);
		assertArrayEquals(plain, sub, 1e-5f);
	}

	@Test
	void fsrcnnTrainsInSubPixelFormAndExportsTheTransposedConvolution() {
		final Architecture fsrcnn = new Fsrcnn();
		for (int s = 2; s <= 4; s++) {
			final NetConfig inference = NetConfig.of(s, 1), train = inference.withMode(NetConfig.Mode.TRAIN);
			final float[] x = Nets.random(9 * 11, s);
			final ConstantParameters weights = ConstantParameters.seeded(s);
			assertArrayEquals(Nets.run(fsrcnn, inference, weights, x, 9, 11, null), Nets.run(fsrcnn, train, weights, x, 9,
				11, null), 1e-5f, "x" + s);
			assertTrue(hasOp(fsrcnn, inference, "Conv2DBackpropInput"), "x" + s + " exported");
			assertFalse(hasOp(fsrcnn, train, "Conv2DBackpropInput"), "x" + s + " trained");
		}
	}

	private static boolean hasOp(final Architecture a, final NetConfig config, final String type) {
		try (Graph g = new Graph()) {
			Nets.build(g, a, config, ConstantParameters.seeded(0));
			for (final Iterator<GraphOperation> it = g.operations(); it.hasNext();)
				if (it.next().type().equals(type)) return true;
			return false;
		}
	}

	private static float[] run(final Map<String, float[]> weights, final float[] x, final int in,
		final Function<Layer, Function<Operand<TFloat32>, Operand<TFloat32>>> layer)
	{
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Operand<TFloat32> input = tf.withName("input").constant(Shape.of(2, 7, 6, in), DataBuffers.of(x));
			final Operand<TFloat32> y = layer.apply(Layer.root(tf, ConstantParameters.of(weights)).sub("layer")).apply(input);
			tf.withName("output").identity(y);
			return Nets.fetch(g, java.util.List.of("output")).get(0);
		}
	}

	private static float[] centred(final float[] v) {
		for (int i = 0; i < v.length; i++) v[i] -= 0.5f;
		return v;
	}
}
