package org.deepsr.nets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Test helpers: networks built the way ModelExporter builds them ("input" placeholder, "output" identity), run on the CPU. */
final class Nets {

	private Nets() {}

	/** Adds placeholder "input" [1,-1,-1,C], the network and identity "output" to {@code g}. */
	static void build(final Graph g, final Architecture a, final NetConfig config, final Parameters params) {
		final Ops tf = Ops.create(g);
		final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, config.channels())));
		tf.withName("output").identity(a.build(tf, in, config, params));
	}

	/** The network's output for an NHWC input [1,h,w,C]; {@code shape[0]} receives the output's shape when not null. */
	static float[] run(final Architecture a, final NetConfig config, final Parameters params, final float[] input, final int h, final int w, final long[][] shape) {
		try (Graph g = new Graph()) {
			build(g, a, config, params);
			return run(g, input, new long[] { 1, h, w, config.channels() }, shape);
		}
	}

	/** Runs "input" to "output" in {@code g}. */
	static float[] run(final Graph g, final float[] input, final long[] inputShape, final long[][] shape) {
		try (Session s = new Session(g);
			TFloat32 t = TFloat32.tensorOf(Shape.of(inputShape), DataBuffers.of(input, true, false));
			Result r = s.runner().feed("input", t).fetch("output").run())
		{
			final Tensor o = r.get(0);
			if (shape != null) shape[0] = o.shape().asArray();
			return floats(o);
		}
	}

	/** The values of the named float ops of {@code g} (constants). */
	static List<float[]> fetch(final Graph g, final List<String> names) {
		final List<float[]> out = new ArrayList<>();
		try (Session s = new Session(g)) {
			final Session.Runner runner = s.runner();
			for (final String n : names) runner.fetch(n);
			try (Result r = runner.run()) {
				for (int i = 0; i < names.size(); i++) out.add(floats(r.get(i)));
			}
		}
		return out;
	}

	/** The parameter names the network asks for, in order. */
	static List<String> parameterNames(final Architecture a, final NetConfig config) {
		return new ArrayList<>(parameterShapes(a, config).keySet());
	}

	/** The parameters the network asks for, in order, with their shapes. */
	static Map<String, long[]> parameterShapes(final Architecture a, final NetConfig config) {
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		final ConstantParameters seeded = ConstantParameters.seeded(0);
		try (Graph g = new Graph()) {
			build(g, a, config, (tf, name, shape, init) -> {
				shapes.put(name, shape.clone());
				return seeded.get(tf, name, shape, init);
			});
		}
		return shapes;
	}

	/** Values drawn by {@code seed}'s generator in [0,1). */
	static float[] random(final int n, final long seed) {
		final Random r = new Random(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = r.nextFloat();
		return v;
	}

	private static float[] floats(final Tensor t) {
		final float[] v = new float[(int) t.shape().size()];
		t.asRawTensor().data().asFloats().read(v);
		return v;
	}
}
