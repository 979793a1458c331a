package org.deepsr.train;

import java.util.Locale;

/** What a network is trained on, and the descriptor's {@code channels.mode} it implies. */
public enum ChannelMode {
	/** RGB images as BT.601 studio luma Y / 255 (MATLAB rgb2ycbcr); grey images as they are. */
	Y,
	/** Every channel of every image as its own grey sample. */
	GREY,
	/** RGB images as three channels / 255 seen together, in and out (EDSR, RCAN, ESRGAN); other images are refused. */
	RGB;

	/** "y", "grey" or "rgb" (case-insensitive). */
	public static ChannelMode byName(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		if (n.equals("y")) return Y;
		if (n.equals("grey") || n.equals("gray")) return GREY;
		if (n.equals("rgb")) return RGB;
		throw new IllegalArgumentException("Unknown channel mode '" + name + "': use y (luma of RGB images), grey or rgb.");
	}

	/** The network's channels: 3 for RGB, 1 otherwise (grey images' channels are samples of their own). */
	public int channels() {
		return this == RGB ? 3 : 1;
	}

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}
}
