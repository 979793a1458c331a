package org.deepsr.train;

import java.util.function.UnaryOperator;

/** A low-resolution image and its high-resolution original, exactly {@code scale} times larger. */
public final class ImagePair {

	private final FloatImage lr;
	private final FloatImage hr;
	private final int scale;

	public ImagePair(final FloatImage lr, final FloatImage hr) {
		if (lr.channels() != hr.channels()) throw new IllegalArgumentException("LR has " + lr.channels() + " channels, HR " + hr.channels() + ".");
		if (hr.height() % lr.height() != 0 || hr.width() != hr.height() / lr.height() * lr.width())
			throw new IllegalArgumentException("HR " + hr.height() + "x" + hr.width() + " is not an integer multiple of LR " + lr.height() + "x" + lr.width() + ": modcrop the HR image first.");
		this.lr = lr;
		this.hr = hr;
		this.scale = hr.height() / lr.height();
	}

	/**
	 * Modcrops {@code hr} and degrades it.
	 *
	 * @param degradation maps an HR image (sides multiple of scale) to its LR
	 *          version, 1/scale the size (e.g. MATLAB bicubic, blur + noise)
	 */
	public static ImagePair of(final FloatImage hr, final int scale, final UnaryOperator<FloatImage> degradation) {
		final FloatImage cropped = hr.modcrop(scale);
		final FloatImage lr = degradation.apply(cropped);
		if (lr.height() * scale != cropped.height() || lr.width() * scale != cropped.width())
			throw new IllegalArgumentException("The degradation turned " + cropped.height() + "x" + cropped.width() + " into " + lr.height() + "x" + lr.width() + ", not 1/" + scale + " of it.");
		return new ImagePair(lr, cropped);
	}

	public FloatImage lr() {
		return lr;
	}

	public FloatImage hr() {
		return hr;
	}

	public int scale() {
		return scale;
	}
}
