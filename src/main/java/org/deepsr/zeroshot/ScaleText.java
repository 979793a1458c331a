package org.deepsr.zeroshot;

import java.util.Locale;

/** A scale as people write it: 2, 2.5. */
final class ScaleText {

	private ScaleText() {}

	static String of(final double scale) {
		return scale == Math.rint(scale) ? Long.toString((long) scale) : String.format(Locale.ROOT, "%s", scale);
	}
}
