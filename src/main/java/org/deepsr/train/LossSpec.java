package org.deepsr.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A training objective as weighted terms, parsed from text such as
 * {@code l1:0.01,perceptual:1,adversarial:0.005} (a name alone has weight 1):
 * the pixel losses of {@link Loss} ({@code l1}, {@code l2}/{@code mse},
 * {@code charbonnier}), {@code perceptual} and {@code perceptual-l2} (L1 or
 * squared distance between features of an extractor network,
 * {@link FeatureLoss}), {@code texture} (distance between Gram matrices of
 * features, EnhanceNet) and one adversarial term, {@code adversarial}
 * (standard GAN) or {@code relativistic} (ESRGAN's relativistic average),
 * which trains a discriminator beside the network ({@link Adversarial}).
 */
public final class LossSpec {

	/** The kinds of term, by their names in the text. */
	public enum Kind {
		L1("l1"), L2("l2"), CHARBONNIER("charbonnier"), PERCEPTUAL("perceptual"), PERCEPTUAL_L2("perceptual-l2"), TEXTURE("texture"),
		ADVERSARIAL("adversarial"), RELATIVISTIC("relativistic");

		final String text;

		Kind(final String text) {
			this.text = text;
		}

		boolean pixel() {
			return this == L1 || this == L2 || this == CHARBONNIER;
		}

		boolean adversarial() {
			return this == ADVERSARIAL || this == RELATIVISTIC;
		}
	}

	private final Map<Kind, Double> terms;

	private LossSpec(final Map<Kind, Double> terms) {
		this.terms = Collections.unmodifiableMap(terms);
	}

	/** One pixel loss of weight 1. */
	public static LossSpec of(final Loss pixel) {
		final Map<Kind, Double> t = new LinkedHashMap<>();
		t.put(Kind.valueOf(pixel.name()), 1.0);
		return new LossSpec(t);
	}

	/**
	 * @param text comma-separated {@code name[:weight]}, weights finite and &gt; 0, each name once, one adversarial term at most
	 * @throws IllegalArgumentException naming the bad part and the known names
	 */
	public static LossSpec parse(final String text) {
		final Map<Kind, Double> t = new LinkedHashMap<>();
		for (final String part : (text == null ? "" : text).split(",")) {
			final String[] nw = part.trim().split(":", -1);
			if (nw.length > 2 || nw[0].trim().isEmpty()) throw new IllegalArgumentException("Loss '" + text + "': write terms as name[:weight] separated by commas, e.g. l1:0.01,perceptual:1,adversarial:0.005.");
			final Kind kind = kind(nw[0]);
			final double w;
			try {
				w = nw.length == 2 ? Double.parseDouble(nw[1].trim()) : 1;
			} catch (final NumberFormatException e) {
				throw new IllegalArgumentException("Loss term '" + part.trim() + "' has no number for its weight.");
			}
			if (!(w > 0 && Double.isFinite(w))) throw new IllegalArgumentException("Loss term '" + part.trim() + "' needs a weight > 0.");
			if (t.put(kind, w) != null) throw new IllegalArgumentException("Loss '" + text + "' names " + kind.text + " twice.");
		}
		if (t.keySet().stream().filter(Kind::adversarial).count() > 1) throw new IllegalArgumentException("Loss '" + text + "' has two adversarial terms: choose adversarial or relativistic.");
		return new LossSpec(t);
	}

	private static Kind kind(final String name) {
		final String n = name.trim().toLowerCase(Locale.ROOT);
		if ("mse".equals(n) || "mae".equals(n)) return "mse".equals(n) ? Kind.L2 : Kind.L1;
		for (final Kind k : Kind.values())
			if (k.text.equals(n)) return k;
		throw new IllegalArgumentException("Unknown loss '" + name.trim() + "'. Known losses: " + java.util.Arrays.stream(Kind.values()).map(k -> k.text).collect(Collectors.joining(", ")) + ".");
	}

	/** The terms and their weights, in the order given. */
	public Map<Kind, Double> terms() {
		return terms;
	}

	/** The lone pixel loss of weight 1 that plain training has, or null. */
	public Loss pixelOnly() {
		if (terms.size() != 1) return null;
		final Map.Entry<Kind, Double> e = terms.entrySet().iterator().next();
		return e.getKey().pixel() && e.getValue() == 1 ? Loss.valueOf(e.getKey().name()) : null;
	}

	/** The adversarial term's kind, or null. */
	public Kind adversarial() {
		for (final Kind k : terms.keySet())
			if (k.adversarial()) return k;
		return null;
	}

	/** True when a term needs features of an extractor network. */
	public boolean needsExtractor() {
		return terms.containsKey(Kind.PERCEPTUAL) || terms.containsKey(Kind.PERCEPTUAL_L2) || terms.containsKey(Kind.TEXTURE);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof LossSpec && terms.equals(((LossSpec) o).terms);
	}

	@Override
	public int hashCode() {
		return terms.hashCode();
	}

	@Override
	public String toString() {
		return terms.entrySet().stream().map(e -> e.getKey().text + (e.getValue() == 1 ? "" : ":" + e.getValue())).collect(Collectors.joining(","));
	}
}
