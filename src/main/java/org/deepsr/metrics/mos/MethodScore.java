package org.deepsr.metrics.mos;

/**
 * Mean opinion score of one method over all its ratings (every rater, every
 * image), with the two-sided confidence interval
 * {@code mean +- t(1 - (1 - level) / 2, n - 1) * sd / sqrt(n)} (Student t, sample
 * standard deviation). With a single rating the half-width is NaN.
 */
public final class MethodScore {

	private final String method;
	private final int n;
	private final double mean, sd, halfWidth, level;

	MethodScore(final String method, final int n, final double mean, final double sd, final double halfWidth,
		final double level)
	{
		this.method = method;
		this.n = n;
		this.mean = mean;
		this.sd = sd;
		this.halfWidth = halfWidth;
		this.level = level;
	}

	public String method() {
		return method;
	}

	/** Number of ratings. */
	public int count() {
		return n;
	}

	/** Mean opinion score, 1..5. */
	public double mean() {
		return mean;
	}

	/** Sample standard deviation (n - 1 in the denominator); NaN for one rating. */
	public double sd() {
		return sd;
	}

	/** Half-width of the confidence interval; NaN for one rating. */
	public double halfWidth() {
		return halfWidth;
	}

	public double low() {
		return mean - halfWidth;
	}

	public double high() {
		return mean + halfWidth;
	}

	/** Confidence level of the interval, e.g. 0.95. */
	public double level() {
		return level;
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "%s: MOS %.3f +- %.3f (%.0f%% CI, n = %d)", method, mean,
			halfWidth, 100 * level, n);
	}
}
