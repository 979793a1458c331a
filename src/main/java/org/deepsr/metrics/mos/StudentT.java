package org.deepsr.metrics.mos;

/**
 * Student's t distribution: CDF from the regularized incomplete beta function
 * (continued fraction, Numerical Recipes' betacf with Lentz's method) and the
 * quantile by bisection on the CDF. Written here because no statistics library
 * is among DeepSR's dependencies. Accurate to about 1e-12.
 */
public final class StudentT {

	private static final double EPS = 1e-15, TINY = 1e-300;

	private StudentT() {}

	/** P(T <= t) for {@code df > 0} degrees of freedom. */
	public static double cdf(final double t, final double df) {
		checkDf(df);
		if (Double.isNaN(t)) return Double.NaN;
		if (Double.isInfinite(t)) return t > 0 ? 1 : 0;
		final double tail = 0.5 * incompleteBeta(df / (df + t * t), 0.5 * df, 0.5);
		return t > 0 ? 1 - tail : tail;
	}

	/** The t with {@code cdf(t, df) == p}, for {@code 0 < p < 1} and {@code df > 0}. */
	public static double quantile(final double p, final double df) {
		checkDf(df);
		if (!(p > 0 && p < 1)) throw new IllegalArgumentException("Probability must be in (0, 1), got " + p + ".");
		if (p == 0.5) return 0;
		if (p < 0.5) return -quantile(1 - p, df);
		double lo = 0, hi = 1;
		while (cdf(hi, df) < p)
			hi *= 2;
		for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
			final double mid = 0.5 * (lo + hi);
			if (cdf(mid, df) < p) lo = mid;
			else hi = mid;
		}
		return 0.5 * (lo + hi);
	}

	private static void checkDf(final double df) {
		if (!(df > 0)) throw new IllegalArgumentException("Degrees of freedom must be > 0, got " + df +
			" (a confidence interval needs at least 2 scores).");
	}

	/** Regularized incomplete beta I_x(a, b). */
	static double incompleteBeta(final double x, final double a, final double b) {
		if (x <= 0) return 0;
		if (x >= 1) return 1;
		final double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(
			1 - x));
		// the continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise
		if (x < (a + 1) / (a + b + 2)) return front * betaFraction(x, a, b) / a;
		return 1 - front * betaFraction(1 - x, b, a) / b;
	}

	private static double betaFraction(final double x, final double a, final double b) {
		final double qab = a + b, qap = a + 1, qam = a - 1;
		double c = 1, d = 1 - qab * x / qap;
		if (Math.abs(d) < TINY) d = TINY;
		d = 1 / d;
		double h = d;
		for (int m = 1; m <= 1000; m++) {
			final int m2 = 2 * m;
			double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
			d = 1 + aa * d;
			if (Math.abs(d) < TINY) d = TINY;
			c = 1 + aa / c;
			if (Math.abs(c) < TINY) c = TINY;
			d = 1 / d;
			h *= d * c;
			aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
			d = 1 + aa * d;
			if (Math.abs(d) < TINY) d = TINY;
			c = 1 + aa / c;
			if (Math.abs(c) < TINY) c = TINY;
			d = 1 / d;
			final double del = d * c;
			h *= del;
			if (Math.abs(del - 1) < EPS) break;
		}
		return h;
	}

	/** ln Gamma(x) for x > 0, Lanczos approximation (g = 7, 9 terms). */
	static double logGamma(final double x) {
		if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
		final double z = x - 1;
		double s = LANCZOS[0];
		for (int i = 1; i < LANCZOS.length; i++)
			s += LANCZOS[i] / (z + i);
		final double t = z + 7.5;
		return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
	}

	private static final double[] LANCZOS = { 0.99999999999980993, 676.5203681218851, -1259.1392167224028,
		771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
		1.5056327351493116e-7 };
}
