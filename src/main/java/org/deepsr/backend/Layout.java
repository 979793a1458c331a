package org.deepsr.backend;

/** Axis order of a 4-D image tensor (batch of one). */
public enum Layout {
	/** {@code [1][height][width][channels]}. */
	NHWC,
	/** {@code [1][channels][height][width]}. */
	NCHW;

	/**
	 * Reorders a planar {@code [channels][height][width]} array into row-major
	 * {@code [height][width][channels]}.
	 */
	public static float[] chwToHwc(final float[] chw, final int channels, final int height, final int width) {
		if (channels == 1) return chw;
		final int plane = height * width;
		final float[] hwc = new float[chw.length];
		for (int c = 0; c < channels; c++) {
			final int from = c * plane;
			for (int i = 0; i < plane; i++) {
				hwc[i * channels + c] = chw[from + i];
			}
		}
		return hwc;
	}

	/** Parses "NHWC" or "NCHW" (any case); a clear error otherwise. */
	public static Layout parse(final String text) {
		for (final Layout layout : values()) {
			if (layout.name().equalsIgnoreCase(text)) return layout;
		}
		throw new IllegalArgumentException("layout must be NHWC or NCHW, got " + text);
	}
}
