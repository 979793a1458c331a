package org.deepsr.resample;

import java.util.Random;

/**
 * Exact Poisson variates from a caller's {@link Random} (the JDK has none):
 * Knuth's multiplication method for small means, Hörmann's PTRS
 * transformed rejection (1993, as numpy uses it) for means of 10 and more.
 */
final class PoissonSampler {

	private static final double[] LOG_FACTORIAL = new double[64];
	static {
		for (int k = 1; k < LOG_FACTORIAL.length; k++)
			LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
	}

	private PoissonSampler() {}

	/** @param mean the Poisson mean, >= 0 and finite */
	static long sample(final double mean, final Random random) {
		if (!(mean >= 0) || Double.isInfinite(mean)) throw new IllegalArgumentException(
			"A Poisson mean must be finite and >= 0, got " + mean + ".");
		if (mean == 0) return 0;
		return mean < 10 ? knuth(mean, random) : ptrs(mean, random);
	}

	private static long knuth(final double mean, final Random random) {
		final double limit = Math.exp(-mean);
		long k = 0;
		double p = random.nextDouble();
		while (p > limit) {
			k++;
			p *= random.nextDouble();
		}
		return k;
	}

	private static long ptrs(final double lam, final Random random) {
		final double slam = Math.sqrt(lam), loglam = Math.log(lam);
		final double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
		final double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
		while (true) {
			final double u = random.nextDouble() - 0.5, v = random.nextDouble();
			final double us = 0.5 - Math.abs(u);
			final long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
			if (us >= 0.07 && v <= vr) return k;
			if (k < 0 || (us < 0.013 && v > us)) continue;
			if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k))
				return k;
		}
	}

	/** ln(k!), exact sums below 64 and Stirling's series (error < 1e-13) above. */
	static double logFactorial(final long k) {
		if (k < LOG_FACTORIAL.length) return LOG_FACTORIAL[(int) k];
		final double n = k, n2 = n * n;
		return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n2) + 1 / (1260 *
			n * n2 * n2);
	}
}
