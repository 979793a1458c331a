package org.deepsr.upscale;

import java.util.Arrays;
import java.util.List;

import org.deepsr.backend.Device;

/**
 * What to upscale with and how: shared by the Fiji commands, the macros and
 * the command line, so all three behave the same.
 */
public final class UpscaleSettings {

	/** A bundled or user model name, a model file/folder path, or a classical method name. */
	public String method = "bicubic";
	/** Upscaling factor for classical methods; a model's own scale is used for models. */
	public int scale = 2;
	/** The scale was asked for explicitly: a model of another scale is then an error rather than used at its own. */
	public boolean exactScale = false;
	/** Interior tile size in input pixels; 0 chooses it from the memory budget. */
	public int tile = 0;
	/** CPU, GPU, or AUTO (a GPU when one is usable). */
	public Device device = Device.AUTO;
	/** Write 32-bit float output instead of the input's bit depth. */
	public boolean float32 = false;
	/**
	 * One method per channel of a grey multi-channel image, in channel order
	 * (models, paths or classical methods, sharing one scale); empty: {@link #method} for every channel.
	 */
	public List<String> channelMethods = List.of();
	/** The most tiles (small planes, or tiles of one plane) per network call: 0 automatic, 1 one by one. */
	public int batch = 0;

	public UpscaleSettings method(final String value) {
		method = value;
		return this;
	}

	public UpscaleSettings scale(final int value) {
		scale = value;
		return this;
	}

	public UpscaleSettings exactScale(final boolean value) {
		exactScale = value;
		return this;
	}

	public UpscaleSettings tile(final int value) {
		tile = value;
		return this;
	}

	public UpscaleSettings device(final Device value) {
		device = value;
		return this;
	}

	public UpscaleSettings float32(final boolean value) {
		float32 = value;
		return this;
	}

	public UpscaleSettings batch(final int value) {
		batch = value;
		return this;
	}

	/**
	 * The method(s) a user wrote: one method ({@code M}) for every channel, a
	 * list in channel order ({@code M1,M2,...}), or channels named from 1
	 * ({@code C1=M1,C2=M2}, every channel once). Sets {@link #method} (the
	 * first channel's) and {@link #channelMethods} (empty for one method).
	 *
	 * @throws IllegalArgumentException in one line, for an empty entry, a channel named twice or left out
	 */
	public UpscaleSettings methods(final String spec) {
		final String text = spec == null ? "" : spec.trim();
		if (!text.contains(",") && !text.matches("(?i)c\\d+=.*")) return method(text).channels(List.of());
		final String[] parts = text.split(",", -1);
		final String[] methods = new String[parts.length];
		boolean named = false;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i].trim();
			final java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)c(\\d+)=(.*)").matcher(part);
			int c = i;
			if (m.matches()) {
				named = true;
				c = Integer.parseInt(m.group(1)) - 1;
				part = m.group(2).trim();
				if (c < 0 || c >= parts.length) throw new IllegalArgumentException("per-channel models '" + text +
					"': channel C" + (c + 1) + " is not one of C1..C" + parts.length + " (name every channel once)");
			}
			else if (named) throw new IllegalArgumentException("per-channel models '" + text + "': name every " +
				"channel (C1=M1,C2=M2) or none (M1,M2)");
			if (part.isEmpty()) throw new IllegalArgumentException("per-channel models '" + text + "': entry " +
				(i + 1) + " names no model");
			if (methods[c] != null) throw new IllegalArgumentException("per-channel models '" + text +
				"': channel C" + (c + 1) + " is given twice");
			methods[c] = part;
		}
		return method(methods[0]).channels(Arrays.asList(methods));
	}

	public UpscaleSettings channels(final List<String> methods) {
		channelMethods = List.copyOf(methods);
		return this;
	}
}
