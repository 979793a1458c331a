package org.deepsr.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deepsr.nets.Init;
import org.deepsr.nets.Parameters;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A network's parameters as TensorFlow variables, each with a placeholder-fed
 * assign so that Java can set them (seeded initial values, checkpoint
 * restore) and read them back exactly. {@linkplain #statistic Statistics}
 * (batch norm's moving mean and variance) are stored, checkpointed and
 * reused like the others but are not {@linkplain #trainable trainable}: no
 * optimiser sees them, the trainer updates them from the network's side outputs.
 */
final class VariableStore implements Parameters {

	private static final class Entry {
		final String name;
		final long[] shape;
		final Variable<TFloat32> variable;
		final Placeholder<TFloat32> value;
		final Assign<TFloat32> assign;
		final float[] initial;
		final boolean trainable;

		Entry(final String name, final long[] shape, final Variable<TFloat32> variable, final Placeholder<TFloat32> value,
			final Assign<TFloat32> assign, final float[] initial, final boolean trainable)
		{
			this.name = name;
			this.shape = shape;
			this.variable = variable;
			this.value = value;
			this.assign = assign;
			this.initial = initial;
			this.trainable = trainable;
		}
	}

	private final List<Entry> entries = new ArrayList<>();
	private final long seed;

	VariableStore(final long seed) {
		this.seed = seed;
	}

	@Override
	public Variable<TFloat32> get(final Ops tf, final String name, final long[] shape, final Init init) {
		return add(tf, name, shape, init, true);
	}

	@Override
	public Variable<TFloat32> statistic(final Ops tf, final String name, final long[] shape, final Init init) {
		return add(tf, name, shape, init, false);
	}

	private Variable<TFloat32> add(final Ops tf, final String name, final long[] shape, final Init init, final boolean trainable) {
		for (final Entry e : entries)
			if (e.name.equals(name)) throw new IllegalStateException("Parameter '" + name + "' was requested twice.");
		final Variable<TFloat32> v = Parameters.named(tf, name).variable(Shape.of(shape), TFloat32.class);
		final Placeholder<TFloat32> value = Parameters.named(tf, name + "_value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
		final Assign<TFloat32> assign = Parameters.named(tf, name + "_assign").assign(v, value);
		entries.add(new Entry(name, shape.clone(), v, value, assign, Init.draw(init, seed, name, shape), trainable));
		return v;
	}

	/**
	 * The variables made so far, handed out again by name (a second graph of
	 * the same network, e.g. in inference mode, on the same weights).
	 */
	Parameters reuse() {
		return (tf, name, shape, init) -> {
			for (final Entry e : entries)
				if (e.name.equals(name)) {
					if (!Arrays.equals(e.shape, shape)) throw new IllegalStateException("Parameter '" + name + "' is " + Arrays.toString(e.shape) + ", asked for as " + Arrays.toString(shape) + ".");
					return e.variable;
				}
			throw new IllegalStateException("Parameter '" + name + "' was not made by the training graph.");
		};
	}

	/** The variables an optimiser updates (all but the statistics), in creation order. */
	List<Variable<TFloat32>> variables() {
		final List<Variable<TFloat32>> out = new ArrayList<>();
		for (final Entry e : entries)
			if (e.trainable) out.add(e.variable);
		return out;
	}

	/** Names of {@link #variables()}. */
	List<String> trainable() {
		return names(true);
	}

	/** Names of the {@linkplain #statistic statistics}, in creation order. */
	List<String> statistics() {
		return names(false);
	}

	private List<String> names(final boolean trainable) {
		final List<String> out = new ArrayList<>();
		for (final Entry e : entries)
			if (e.trainable == trainable) out.add(e.name);
		return out;
	}

	/** Names of all variables in creation order. */
	List<String> names() {
		final List<String> out = new ArrayList<>();
		for (final Entry e : entries) out.add(e.name);
		return out;
	}

	Variable<TFloat32> variable(final String name) {
		return entry(name).variable;
	}

	long[] shape(final String name) {
		return entry(name).shape.clone();
	}

	private Entry entry(final String name) {
		for (final Entry e : entries)
			if (e.name.equals(name)) return e;
		throw new IllegalArgumentException("No parameter '" + name + "'.");
	}

	/** Sets every variable to its seeded initial value. */
	void initialize(final Session session) {
		final Map<String, float[]> init = new LinkedHashMap<>();
		for (final Entry e : entries) init.put(e.name, e.initial);
		load(session, init);
	}

	/** Sets every variable from {@code values} (all names must be present, with the right sizes). */
	void load(final Session session, final Map<String, float[]> values) {
		final List<TFloat32> tensors = new ArrayList<>();
		try {
			final Session.Runner runner = session.runner();
			for (final Entry e : entries) {
				final float[] v = values.get(e.name);
				if (v == null) throw new IllegalArgumentException("The saved state has no '" + e.name + "': it belongs to another network or configuration.");
				if (v.length != Shape.of(e.shape).size()) throw new IllegalArgumentException("Saved '" + e.name + "' has " + v.length + " values, the network needs " + Arrays.toString(e.shape) + ": another width, depth, scale or channel count?");
				final TFloat32 t = Tensors.of(v, e.shape);
				tensors.add(t);
				runner.feed(e.value, t).addTarget(e.assign);
			}
			if (!entries.isEmpty()) runner.run().close();
		} finally {
			for (final TFloat32 t : tensors) t.close();
		}
	}

	/**
	 * Sets each variable that {@code values} holds with the right size; the
	 * others keep their seeded initial values.
	 *
	 * @return the names of the variables left at their initial values
	 */
	List<String> loadMatching(final Session session, final Map<String, float[]> values) {
		final Map<String, float[]> chosen = new LinkedHashMap<>();
		final List<String> fresh = new ArrayList<>();
		for (final Entry e : entries) {
			final float[] v = values.get(e.name);
			final boolean fits = v != null && v.length == Shape.of(e.shape).size();
			chosen.put(e.name, fits ? v : e.initial);
			if (!fits) fresh.add(e.name);
		}
		load(session, chosen);
		return fresh;
	}

	/** Current values by name, in creation order. */
	Map<String, float[]> read(final Session session) {
		final Map<String, float[]> out = new LinkedHashMap<>();
		if (entries.isEmpty()) return out;
		final Session.Runner runner = session.runner();
		for (final Entry e : entries) runner.fetch(e.variable);
		try (Result r = runner.run()) {
			for (int i = 0; i < entries.size(); i++) out.put(entries.get(i).name, Tensors.read(r.get(i)));
		}
		return out;
	}
}
