package org.deepsr.nets;

import java.util.Random;

/** How a parameter's first values are drawn. */
@FunctionalInterface
public interface Init {

	/** Fills {@code count} values from {@code rng}. */
	float[] values(int count, Random rng);

	/** He (Kaiming) normal: N(0, 2/fanIn), for layers followed by ReLU/PReLU. */
	static Init he(final int fanIn) {
		return normal(Math.sqrt(2.0 / fanIn));
	}

	/** Xavier (Glorot) uniform: U(-l, l), l = sqrt(6/(fanIn+fanOut)), for tanh and linear layers. */
	static Init xavier(final int fanIn, final int fanOut) {
		final double limit = Math.sqrt(6.0 / (fanIn + fanOut));
		return (count, rng) -> {
			final float[] v = new float[count];
			for (int i = 0; i < count; i++) v[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
			return v;
		};
	}

	/** Gaussian with mean 0 and the given standard deviation. */
	static Init normal(final double std) {
		return (count, rng) -> {
			final float[] v = new float[count];
			for (int i = 0; i < count; i++) v[i] = (float) (rng.nextGaussian() * std);
			return v;
		};
	}

	/** Every value equal to {@code value} (biases: 0, PReLU slopes: 0.25). */
	static Init constant(final float value) {
		return (count, rng) -> {
			final float[] v = new float[count];
			java.util.Arrays.fill(v, value);
			return v;
		};
	}

	/**
	 * The initial values of one named parameter. Each parameter draws from its
	 * own generator seeded by (seed, name), so values do not depend on the
	 * order in which layers are built.
	 */
	static float[] draw(final Init init, final long seed, final String name, final int count) {
		return init.values(count, new Random(seed * 1_000_003L + name.hashCode()));
	}
}
