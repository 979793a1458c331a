package org.deepsr.zeroshot;

import org.deepsr.train.FloatImage;

/** The 8 rotations and flips of an image (the dihedral group of the square): k = 0..7, 0 the identity. */
final class Dihedral {

	private Dihedral() {}

	/** Mirrored left-right when k >= 4, then turned k mod 4 quarter turns clockwise. */
	static FloatImage apply(final FloatImage image, final int k) {
		FloatImage out = k >= 4 ? flip(image) : image;
		for (int i = 0; i < k % 4; i++) out = clockwise(out);
		return out;
	}

	/** The inverse of {@link #apply}: {@code invert(apply(x, k), k) == x}. */
	static FloatImage invert(final FloatImage image, final int k) {
		FloatImage out = image;
		for (int i = 0; i < (4 - k % 4) % 4; i++) out = clockwise(out);
		return k >= 4 ? flip(out) : out;
	}

	private static FloatImage flip(final FloatImage in) {
		final int h = in.height(), w = in.width(), c = in.channels();
		final float[] a = in.data(), out = new float[a.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				System.arraycopy(a, (y * w + x) * c, out, (y * w + w - 1 - x) * c, c);
		return new FloatImage(h, w, c, out);
	}

	/** A quarter turn clockwise: pixel (y, x) goes to (x, h - 1 - y) of the w x h result. */
	private static FloatImage clockwise(final FloatImage in) {
		final int h = in.height(), w = in.width(), c = in.channels();
		final float[] a = in.data(), out = new float[a.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				System.arraycopy(a, (y * w + x) * c, out, (x * h + h - 1 - y) * c, c);
		return new FloatImage(w, h, c, out);
	}
}
