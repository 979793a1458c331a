package org.deepsr.benchmark;

import java.util.Locale;

/** Where a benchmark's low-resolution inputs come from. */
public enum LrSource {
	/**
	 * The literature's protocol (default): MATLAB {@code imresize(HR, 1/s,
	 * 'bicubic')} on the 8-bit image as MATLAB runs it on uint8 (antialiased,
	 * every pass rounded to 0..255); this reproduces the benchmark sets'
	 * LR_bicubic files on ~99% of the samples.
	 */
	MATLAB("MATLAB imresize bicubic (antialiased) on the uint8 image"),
	/**
	 * OpenCV {@code cv2.resize(HR, (w/s, h/s), INTER_CUBIC)} (no antialiasing),
	 * rounded to the image's bit depth: how the OpenCV dnn_superres models'
	 * training inputs were made.
	 */
	OPENCV("OpenCV resize INTER_CUBIC (no antialiasing), rounded"),
	/** Given files, matched to the HR images by name. */
	FOLDER("given LR files");

	private final String description;

	LrSource(final String description) {
		this.description = description;
	}

	/** How the LR images are made, in words. */
	public String description() {
		return description;
	}

	/**
	 * "matlab", "opencv" or "folder" (case-insensitive; "matlab-bicubic" and
	 * "opencv-bicubic" also accepted).
	 */
	public static LrSource parse(final String name) {
		final String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace("-bicubic", "");
		for (final LrSource s : values())
			if (s.name().toLowerCase(Locale.ROOT).equals(key)) return s;
		throw new IllegalArgumentException("LR source must be matlab, opencv or folder, got '" + name + "'.");
	}
}
