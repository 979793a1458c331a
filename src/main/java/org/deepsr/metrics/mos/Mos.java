package org.deepsr.metrics.mos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mean opinion scores per method, with Student-t confidence intervals. */
public final class Mos {

	private Mos() {}

	/** Per-method MOS with 95% confidence intervals, methods in order of first appearance. */
	public static List<MethodScore> aggregate(final Collection<Rating> ratings) {
		return aggregate(ratings, 0.95);
	}

	/**
	 * Per-method MOS with confidence intervals at {@code level} (0 < level < 1),
	 * pooling all raters and images of a method; methods in order of first
	 * appearance.
	 */
	public static List<MethodScore> aggregate(final Collection<Rating> ratings, final double level) {
		if (!(level > 0 && level < 1)) throw new IllegalArgumentException("Confidence level must be in (0, 1), got " +
			level + " (e.g. 0.95).");
		if (ratings.isEmpty()) throw new IllegalArgumentException("No ratings to aggregate.");
		final Map<String, List<Integer>> byMethod = new LinkedHashMap<>();
		for (final Rating r : ratings)
			byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r.score());
		final List<MethodScore> scores = new ArrayList<>();
		for (final Map.Entry<String, List<Integer>> e : byMethod.entrySet()) {
			final List<Integer> s = e.getValue();
			final int n = s.size();
			double sum = 0;
			for (final int v : s)
				sum += v;
			final double mean = sum / n;
			double ss = 0;
			for (final int v : s)
				ss += (v - mean) * (v - mean);
			final double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
			final double half = n > 1 ? StudentT.quantile(1 - (1 - level) / 2, n - 1) * sd / Math.sqrt(n)
				: Double.NaN;
			scores.add(new MethodScore(e.getKey(), n, mean, sd, half, level));
		}
		return scores;
	}
}
