package org.deepsr.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * The convention a quality report follows: which channels, how many border
 * pixels are shaved, and the data range. Immutable; the {@code with...}
 * methods return modified copies. The default is the convention of published
 * super-resolution tables: Y channel, no shave, automatic data range.
 */
public final class MetricOptions {

	/** How colour (and multi-channel) images are compared. */
	public enum Channels {
		/**
		 * Luma only: ITU-R BT.601 studio range as MATLAB {@code rgb2ycbcr}
		 * ({@link org.deepsr.image.YCbCr#studioY}, RGB in 0..255, Y not
		 * rounded). A single-channel image is its own Y.
		 */
		Y,
		/**
		 * All channels together: PSNR/NRMSE from the MSE over all channels, MAE
		 * over all channels, SSIM and MS-SSIM the mean of the per-channel values.
		 */
		RGB,
		/** Each channel on its own row. */
		EACH
	}

	/** Published-table convention: Y, no shave, automatic data range. */
	public static final MetricOptions DEFAULT = new MetricOptions(Channels.Y, 0, Double.NaN);

	private final Channels channels;
	private final int shave;
	private final double dataRange;

	/** @param dataRange NaN for automatic */
	private MetricOptions(final Channels channels, final int shave, final double dataRange) {
		this.channels = Objects.requireNonNull(channels, "channels");
		if (shave < 0) throw new IllegalArgumentException("Border shave must be >= 0 px, got " + shave + ".");
		this.shave = shave;
		this.dataRange = dataRange;
	}

	public MetricOptions withChannels(final Channels c) {
		return new MetricOptions(c, shave, dataRange);
	}

	/** Pixels removed from each side of every plane before any metric, {@code >= 0}. */
	public MetricOptions withShave(final int pixels) {
		return new MetricOptions(channels, pixels, dataRange);
	}

	/**
	 * An explicit data range.
	 *
	 * @param range positive and finite
	 * @throws IllegalArgumentException for anything else, NaN included (automatic is {@link #withAutomaticRange()})
	 */
	public MetricOptions withDataRange(final double range) {
		Psnr.checkRange(range);
		return new MetricOptions(channels, shave, range);
	}

	/** The automatic data range (see {@link #dataRange()}). */
	public MetricOptions withAutomaticRange() {
		return new MetricOptions(channels, shave, Double.NaN);
	}

	/**
	 * The front ends' data-range option: 0 for automatic, else an explicit range.
	 *
	 * @throws IllegalArgumentException for a negative, infinite or NaN value, in one line
	 */
	public MetricOptions withDataRangeOption(final double rangeOrZero) {
		if (rangeOrZero == 0) return withAutomaticRange();
		if (!(rangeOrZero > 0) || Double.isInfinite(rangeOrZero)) throw new IllegalArgumentException("The data range must be a positive number, or 0 for automatic; got " + rangeOrZero + ".");
		return withDataRange(rangeOrZero);
	}

	public Channels channels() {
		return channels;
	}

	public int shave() {
		return shave;
	}

	/**
	 * The explicit data range, or NaN for automatic: 255 for 8-bit and RGB
	 * images, the reference's max - min (over the whole image or stack) for
	 * 16-bit and float images.
	 */
	public double dataRange() {
		return dataRange;
	}

	public boolean automaticRange() {
		return Double.isNaN(dataRange);
	}

	/**
	 * A sentence stating the convention, e.g. "PSNR/SSIM on Y (BT.601 studio
	 * range, MATLAB rgb2ycbcr), border 4 px shaved, data range 255".
	 */
	public String describe() {
		return describe(null, "");
	}

	/**
	 * The sentence for what was measured.
	 *
	 * @param on what the metrics ran on, or null for the channel option's wording
	 * @param rangeNote appended to the data range, e.g. " (8-bit)"
	 */
	String describe(final String on, final String rangeNote) {
		final String border = shave == 0 ? "no border shaved" : "border " + shave + " px shaved";
		final String range = automaticRange() ? "data range automatic (255 for 8-bit/RGB, reference max-min otherwise)"
			: "data range " + number(dataRange) + rangeNote;
		return "PSNR/SSIM on " + (on != null ? on : channelWording()) + ", " + border + ", " + range;
	}

	private String channelWording() {
		switch (channels) {
			case Y:
				return "Y (BT.601 studio range, MATLAB rgb2ycbcr)";
			case RGB:
				return "all channels together (MSE over channels, mean of per-channel SSIM)";
			default:
				return "each channel separately";
		}
	}

	@Override
	public String toString() {
		return describe();
	}

	static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
	}
}
