package org.deepsr.train;

import java.util.Locale;

/**
 * The user's choice of how raw pixel values become [0,1] for training, and
 * the descriptor's {@code normalisation} it is written as; statistics of the
 * whole file (every slice and channel together), computed by
 * {@link org.deepsr.normalise.Normaliser} exactly as Upscale does at inference.
 */
public enum Normalisation {
	/** 8-bit and RGB / 255; 16-bit/float: min..max to 0..1 (descriptor mode "fixed"). */
	MIN_MAX,
	/** Any bit depth: the 0.1 and 99.9 percentiles to 0..1 (descriptor mode "percentile"). */
	PERCENTILE;

	public static final double LOW_PERCENT = 0.1;
	public static final double HIGH_PERCENT = 99.9;

	/** "minmax" (or "fixed") or "percentile", case-insensitive. */
	public static Normalisation byName(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		if (n.equals("minmax") || n.equals("min-max") || n.equals("fixed")) return MIN_MAX;
		if (n.equals("percentile")) return PERCENTILE;
		throw new IllegalArgumentException("Unknown normalisation '" + name + "': use minmax or percentile.");
	}

	/** The descriptor's normalisation.mode. */
	public String descriptorMode() {
		return this == MIN_MAX ? "fixed" : "percentile";
	}
}
