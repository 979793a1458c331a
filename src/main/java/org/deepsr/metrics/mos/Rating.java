package org.deepsr.metrics.mos;

import java.util.Objects;

/** One opinion score: a rater's score of one method's output for one image, 1 (bad) to 5 (excellent). */
public final class Rating {

	/** Lowest and highest score of the absolute category rating scale. */
	public static final int MIN_SCORE = 1, MAX_SCORE = 5;

	private final String rater, image, method;
	private final int score;

	/** @throws IllegalArgumentException for a score outside 1..5 or an empty name */
	public Rating(final String rater, final String image, final String method, final int score) {
		this.rater = name("rater", rater);
		this.image = name("image", image);
		this.method = name("method", method);
		if (score < MIN_SCORE || score > MAX_SCORE) throw new IllegalArgumentException("Score " + score + " of rater '" +
			rater + "' for '" + method + "' on '" + image + "' is outside " + MIN_SCORE + ".." + MAX_SCORE +
			": use 1 (bad) to 5 (excellent).");
		this.score = score;
	}

	private static String name(final String what, final String value) {
		if (value == null || value.trim().isEmpty()) throw new IllegalArgumentException("A rating needs a " + what +
			" name.");
		return value;
	}

	public String rater() {
		return rater;
	}

	public String image() {
		return image;
	}

	public String method() {
		return method;
	}

	/** 1..5. */
	public int score() {
		return score;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof Rating)) return false;
		final Rating r = (Rating) o;
		return score == r.score && rater.equals(r.rater) && image.equals(r.image) && method.equals(r.method);
	}

	@Override
	public int hashCode() {
		return Objects.hash(rater, image, method, score);
	}

	@Override
	public String toString() {
		return rater + "," + image + "," + method + "," + score;
	}
}
