package org.deepsr.nets;

import java.util.Arrays;
import java.util.Random;

/**
 * How a parameter's first values are drawn, from its shape. Fans follow
 * TensorFlow/Keras: for a kernel {@code [kh,kw,a,b]} the receptive field is
 * kh*kw, fan-in = kh*kw*a and fan-out = kh*kw*b (a conv kernel
 * {@code [kh,kw,in/groups,out]} gets fan-in kh*kw*in/groups; a transposed
 * conv kernel {@code [kh,kw,out,in]} gets fan-in kh*kw*out, as in Keras); a
 * vector {@code [n]} has fan-in = fan-out = n.
 */
@FunctionalInterface
public interface Init {

	/** Fills {@code shape}'s element count of values from {@code rng}. */
	float[] values(long[] shape, Random rng);

	/** He (Kaiming, MSRA) normal: N(0, 2/fanIn), for layers followed by ReLU/PReLU. */
	static Init he() {
		return (shape, rng) -> gaussian(shape, rng, Math.sqrt(2.0 / fanIn(shape)));
	}

	/** Xavier (Glorot) uniform: U(-l, l), l = sqrt(6/(fanIn+fanOut)), for tanh and linear layers. */
	static Init xavier() {
		return (shape, rng) -> uniform(shape, rng, Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape))));
	}

	/** PyTorch's default for {@code nn.Conv2d} and {@code nn.Linear} weights (kaiming_uniform with a = sqrt(5)): U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
	static Init torch() {
		return (shape, rng) -> uniform(shape, rng, 1 / Math.sqrt(fanIn(shape)));
	}

	/** Gaussian with mean 0 and the given standard deviation. */
	static Init normal(final double std) {
		return (shape, rng) -> gaussian(shape, rng, std);
	}

	/** Every value equal to {@code value} (biases: 0, PReLU slopes: 0.25, batch-norm scales: 1). */
	static Init constant(final float value) {
		return (shape, rng) -> {
			final float[] v = new float[count(shape)];
			Arrays.fill(v, value);
			return v;
		};
	}

	/** These values times {@code factor}, e.g. the small start of ESRGAN's residual-in-residual blocks (0.1). */
	default Init times(final double factor) {
		return (shape, rng) -> {
			final float[] v = values(shape, rng);
			for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] * factor);
			return v;
		};
	}

	/**
	 * The initial values of one named parameter. Each parameter draws from its
	 * own generator seeded by (seed, name), so values do not depend on the
	 * order in which layers are built.
	 */
	static float[] draw(final Init init, final long seed, final String name, final long[] shape) {
		return init.values(shape, new Random(seed * 1_000_003L + name.hashCode()));
	}

	/** kh*kw*...*shape[-2] for a kernel, n for a vector {@code [n]}. */
	static long fanIn(final long[] shape) {
		return shape.length < 2 ? count(shape) : receptive(shape) * shape[shape.length - 2];
	}

	/** kh*kw*...*shape[-1] for a kernel, n for a vector {@code [n]}. */
	static long fanOut(final long[] shape) {
		return shape.length < 2 ? count(shape) : receptive(shape) * shape[shape.length - 1];
	}

	private static long receptive(final long[] shape) {
		long r = 1;
		for (int i = 0; i < shape.length - 2; i++) r *= shape[i];
		return r;
	}

	private static int count(final long[] shape) {
		long n = 1;
		for (final long d : shape) n *= d;
		if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("Parameter of shape " + Arrays.toString(shape) + " is too large: " + n + " values.");
		return (int) n;
	}

	private static float[] gaussian(final long[] shape, final Random rng, final double std) {
		final float[] v = new float[count(shape)];
		for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * std);
		return v;
	}

	private static float[] uniform(final long[] shape, final Random rng, final double limit) {
		final float[] v = new float[count(shape)];
		for (int i = 0; i < v.length; i++) v[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
		return v;
	}
}
