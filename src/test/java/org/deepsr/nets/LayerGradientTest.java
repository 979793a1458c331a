package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The new layers train on the CPU: TensorFlow has their gradients (grouped
 * and dilated Conv2D, Conv2DBackpropInput and its sub-pixel form (Gather,
 * DepthToSpace), batch norm in TRAIN mode), and
 * they agree with central finite differences of L = sum(R * layer(x)) in
 * every parameter (L is linear in a kernel, so the differences are exact up
 * to float32 rounding; batch norm's variance makes it curved, hence the
 * small step there).
 */
class LayerGradientTest {

	static Stream<Arguments> layers() {
		return Stream.of(
			Arguments.of("grouped conv", 4, 1.0, (BiFunction<Layer, Operand<TFloat32>, Operand<TFloat32>>) (l, x) -> l.conv(x, 3, 6, 2, 1, Init.he())),
			Arguments.of("dilated conv", 4, 1.0, (BiFunction<Layer, Operand<TFloat32>, Operand<TFloat32>>) (l, x) -> l.conv(x, 3, 2, 1, 2, Init.he())),
			Arguments.of("grouped dilated conv", 6, 1.0, (BiFunction<Layer, Operand<TFloat32>, Operand<TFloat32>>) (l, x) -> l.conv(x, 3, 9, 3, 3, Init.he())),
			Arguments.of("transposed conv", 3, 1.0, (BiFunction<Layer, Operand<TFloat32>, Operand<TFloat32>>) (l, x) -> l.deconv(x, 9, 3, 2, Init.he())),
			Arguments.of("transposed conv, sub-pixel form", 3, 1.0, (BiFunction<Layer, Operand<TFloat32>, Operand<TFloat32>>) (l, x) -> l.deconvSubPixel(x, 9, 3, 2, Init.he())),
			Arguments.of("transposed conv x2, sub-pixel form", 2, 1.0, (BiFunction<Layer, Operand<TFloat32>, Operand<TFloat32>>) (l, x) -> l.deconvSubPixel(x, 9, 2, 1, Init.he())),
			Arguments.of("batch norm", 3, 1e-2, (BiFunction<Layer, Operand<TFloat32>, Operand<TFloat32>>) (l, x) -> l.batchNorm(x, NetConfig.Mode.TRAIN, 1e-5f)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("layers")
	void gradientsMatchFiniteDifferences(final String what, final int channels, final double step, final BiFunction<Layer, Operand<TFloat32>, Operand<TFloat32>> layer) {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Map<String, Placeholder<TFloat32>> fed = new LinkedHashMap<>();
			final Map<String, float[]> values = new LinkedHashMap<>();
			final Map<String, long[]> shapes = new LinkedHashMap<>();
			final Parameters params = new Parameters() {
				@Override
				public Operand<TFloat32> get(final Ops scope, final String name, final long[] shape, final Init init) {
					final Placeholder<TFloat32> p = Parameters.named(scope, name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
					fed.put(name, p);
					shapes.put(name, shape);
					// random values rather than the initialiser's constants, so that every parameter matters
					values.put(name, Nets.random((int) Shape.of(shape).size(), name.hashCode()));
					return p;
				}

				/** Statistics stay out of the gradient, as a trainer keeps them out of its optimiser. */
				@Override
				public Operand<TFloat32> statistic(final Ops scope, final String name, final long[] shape, final Init init) {
					return ConstantParameters.seeded(1).get(scope, name, shape, init);
				}
			};
			final Operand<TFloat32> x = tf.constant(Shape.of(2, 5, 6, channels), DataBuffers.of(Nets.random(2 * 5 * 6 * channels, 3)));
			final Operand<TFloat32> y = layer.apply(Layer.root(tf, params).sub("layer"), x);
			final long[] ys = y.shape().asArray();
			final Operand<TFloat32> r = tf.constant(Shape.of(ys), DataBuffers.of(Nets.random((int) Shape.of(ys).size(), 4)));
			final Operand<TFloat32> loss = tf.sum(tf.math.mul(r, y), tf.constant(new int[] { 0, 1, 2, 3 }));
			final List<String> names = new ArrayList<>(fed.keySet());
			final Output<?>[] grads = g.addGradients(loss.asOutput(), names.stream().map(n -> fed.get(n).asOutput()).toArray(Output<?>[]::new));
			try (Session s = new Session(g)) {
				final List<float[]> analytic = run(s, fed, values, shapes, grads);
				for (int k = 0; k < names.size(); k++) {
					final float[] base = values.get(names.get(k));
					for (int j = 0; j < Math.min(base.length, 5); j++) {
						final int idx = (j * 7919) % base.length;
						final double fd = (lossWith(s, fed, values, shapes, loss, names.get(k), idx, step) - lossWith(s, fed, values, shapes, loss, names.get(k), idx, -step)) / (2 * step);
						assertEquals(fd, analytic.get(k)[idx], 1e-3 + 1e-3 * Math.abs(fd), what + " " + names.get(k) + "[" + idx + "]");
					}
				}
			}
		}
	}

	private static double lossWith(final Session s, final Map<String, Placeholder<TFloat32>> fed, final Map<String, float[]> values, final Map<String, long[]> shapes,
		final Operand<TFloat32> loss, final String name, final int idx, final double delta)
	{
		final Map<String, float[]> moved = new LinkedHashMap<>(values);
		final float[] v = values.get(name).clone();
		v[idx] += (float) delta;
		moved.put(name, v);
		return run(s, fed, moved, shapes, loss.asOutput()).get(0)[0];
	}

	private static List<float[]> run(final Session s, final Map<String, Placeholder<TFloat32>> fed, final Map<String, float[]> values, final Map<String, long[]> shapes,
		final Output<?>... fetches)
	{
		final List<TFloat32> tensors = new ArrayList<>();
		try {
			final Session.Runner runner = s.runner();
			for (final String n : fed.keySet()) {
				final TFloat32 t = TFloat32.tensorOf(Shape.of(shapes.get(n)), DataBuffers.of(values.get(n), true, false));
				tensors.add(t);
				runner.feed(fed.get(n), t);
			}
			for (final Output<?> o : fetches) runner.fetch(o);
			try (Result r = runner.run()) {
				final List<float[]> out = new ArrayList<>();
				for (int i = 0; i < fetches.length; i++) {
					final Tensor t = r.get(i);
					final float[] v = new float[(int) t.shape().size()];
					t.asRawTensor().data().asFloats().read(v);
					out.add(v);
				}
				return out;
			}
		} finally {
			for (final TFloat32 t : tensors) t.close();
		}
	}
}
