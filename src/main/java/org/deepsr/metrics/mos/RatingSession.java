package org.deepsr.metrics.mos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A blind rating session for one rater: every (image, method) output is shown
 * once, in an order shuffled by a seed (the same seed gives the same order on
 * every JVM), without revealing the method. Headless; a GUI shows
 * {@link Trial#item()} and calls {@link #rate}.
 *
 * @param <T> whatever is shown, e.g. an ImagePlus
 */
public final class RatingSession<T> {

	/** One presentation: the image name and the output to show; the method stays hidden. */
	public static final class Trial<T> {

		private final String image, method;
		private final T item;

		private Trial(final String image, final String method, final T item) {
			this.image = image;
			this.method = method;
			this.item = item;
		}

		public String image() {
			return image;
		}

		public T item() {
			return item;
		}
	}

	private final String rater;
	private final List<Trial<T>> trials = new ArrayList<>();
	private final Integer[] scores;

	/**
	 * @param outputs for each image name, each method's output (iteration order
	 *          of the maps fixes the order before shuffling: use LinkedHashMap or
	 *          TreeMap for reproducible sessions)
	 */
	public RatingSession(final String rater, final Map<String, ? extends Map<String, ? extends T>> outputs,
		final long seed)
	{
		if (rater == null || rater.trim().isEmpty()) throw new IllegalArgumentException("A rating session needs a rater name.");
		this.rater = rater;
		outputs.forEach((image, byMethod) -> byMethod.forEach((method, item) -> trials.add(new Trial<>(image, method,
			item))));
		if (trials.isEmpty()) throw new IllegalArgumentException("Nothing to rate: give at least one image with one method's output.");
		Collections.shuffle(trials, new Random(seed));
		scores = new Integer[trials.size()];
	}

	/** Number of trials (images x methods). */
	public int size() {
		return trials.size();
	}

	/** The trial shown at position {@code index} (0-based). */
	public Trial<T> trial(final int index) {
		return trials.get(index);
	}

	/** Records (or replaces) the score of trial {@code index}, 1..5. */
	public void rate(final int index, final int score) {
		if (score < Rating.MIN_SCORE || score > Rating.MAX_SCORE) throw new IllegalArgumentException("Score " + score +
			" is outside " + Rating.MIN_SCORE + ".." + Rating.MAX_SCORE + ": use 1 (bad) to 5 (excellent).");
		scores[index] = score;
	}

	/** True once every trial has a score. */
	public boolean complete() {
		for (final Integer s : scores)
			if (s == null) return false;
		return true;
	}

	/** The scores given so far, in presentation order, with the method names revealed. */
	public List<Rating> ratings() {
		final List<Rating> out = new ArrayList<>();
		for (int i = 0; i < trials.size(); i++)
			if (scores[i] != null) out.add(new Rating(rater, trials.get(i).image, trials.get(i).method, scores[i]));
		return out;
	}
}
