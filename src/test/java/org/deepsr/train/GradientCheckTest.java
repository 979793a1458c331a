package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deepsr.nets.NetConfig;
import org.deepsr.nets.NetRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The gradients the trainer feeds to Adam (Graph.addGradients of the loss with
 * respect to every variable of the VariableStore) against an independent
 * reference: central finite differences of the loss itself, (L(w+e) - L(w-e)) / 2e,
 * on tiny networks, for parameters of every layer (kernels, biases, PReLU slopes).
 * The networks of the bundled recipes only: SRCNN and VDSR have plain ReLUs, whose
 * kinks a finite step crosses on many pixels at once (their differences converge
 * to the analytic value only as the step shrinks below float32 resolution).
 */
class GradientCheckTest {

	private static final double EPS = 1e-3; // small enough that few ReLU kinks are crossed

	@ParameterizedTest
	@ValueSource(strings = { "espcn", "fsrcnn" })
	void gradientsMatchFiniteDifferences(final String network) {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final VariableStore store = new VariableStore(3);
			final Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 1)));
			final Placeholder<TFloat32> target = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 1)));
			final NetConfig config = new TrainingConfig().network(network).scale(2).channels(1).width(4).depth(3).netConfig();
			final Operand<TFloat32> loss = Loss.L2.build(tf, NetRegistry.get(network).build(tf, in, config, store), target);
			final List<Variable<TFloat32>> vars = store.variables();
			final Output<?>[] grads = g.addGradients(loss.asOutput(), vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
			final Random r = new Random(5);
			final float[] x = new float[2 * 6 * 6], y = new float[2 * 12 * 12];
			for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
			for (int i = 0; i < y.length; i++) y[i] = r.nextFloat();
			try (Session s = new Session(g); TFloat32 tx = Tensors.of(x, 2, 6, 6, 1); TFloat32 ty = Tensors.of(y, 2, 12, 12, 1)) {
				store.initialize(s);
				final Session.Runner run = s.runner().feed(in, tx).feed(target, ty);
				for (final Output<?> o : grads) run.fetch(o);
				final Map<String, float[]> w = store.read(s);
				final List<String> names = store.names();
				try (Result res = run.run()) {
					for (int k = 0; k < names.size(); k++) {
						final float[] analytic = Tensors.read(res.get(k));
						final float[] base = w.get(names.get(k));
						for (int j = 0; j < Math.min(base.length, 4); j++) {
							final int idx = (j * 7919) % base.length;
							final double fd = (lossWith(s, store, w, names.get(k), idx, EPS, in, target, loss, tx, ty)
								- lossWith(s, store, w, names.get(k), idx, -EPS, in, target, loss, tx, ty)) / (2 * EPS);
							// float32 loss differences: ~1e-5 absolute noise; second-order terms and rare ReLU kinks ~2%
							assertEquals(fd, analytic[idx], 2e-4 + 0.02 * Math.abs(fd), network + " " + names.get(k) + "[" + idx + "]");
						}
					}
				}
			}
		}
	}

	private static double lossWith(final Session s, final VariableStore store, final Map<String, float[]> w, final String name, final int idx,
		final double delta, final Placeholder<TFloat32> in, final Placeholder<TFloat32> target, final Operand<TFloat32> loss, final TFloat32 tx, final TFloat32 ty)
	{
		final Map<String, float[]> moved = new LinkedHashMap<>(w);
		final float[] v = w.get(name).clone();
		v[idx] += delta;
		moved.put(name, v);
		store.load(s, moved);
		try (Result r = s.runner().feed(in, tx).feed(target, ty).fetch(loss).run()) {
			return ((TFloat32) r.get(0)).getFloat();
		} finally {
			store.load(s, w);
		}
	}
}
