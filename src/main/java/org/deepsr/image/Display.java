package org.deepsr.image;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.LUT;

/**
 * How a volume is shown, beyond its pixels: a LUT and display range per
 * channel (of a multi-channel, composite image) and a label per ImageJ stack
 * plane. Carried from a source to a sink so that a file-to-file run keeps
 * what an ImagePlus would.
 */
public final class Display {

	private final byte[][] luts;
	private final double[] ranges;
	private final String[] labels;

	/**
	 * @param luts per channel 768 bytes (256 reds, 256 greens, 256 blues), or null
	 * @param ranges per channel its display minimum and maximum (2 per channel), or null
	 * @param labels per ImageJ stack plane (RGB: per slice and frame), entries may be null; or null
	 */
	public Display(final byte[][] luts, final double[] ranges, final String[] labels) {
		this.luts = luts;
		this.ranges = ranges;
		this.labels = labels;
	}

	/**
	 * The LUTs and ranges of a multi-channel image (grey with the image's
	 * display range where it is not composite, as {@link OutputImage} shows it)
	 * and the labels of a stack; null when it has neither.
	 */
	static Display of(final ImagePlus imp) {
		byte[][] luts = null;
		double[] ranges = null;
		if (imp instanceof CompositeImage && imp.getNChannels() > 1) {
			final LUT[] l = ((CompositeImage) imp).getLuts();
			luts = new byte[l.length][];
			ranges = new double[2 * l.length];
			for (int c = 0; c < l.length; c++) {
				luts[c] = bytes(l[c]);
				ranges[2 * c] = l[c].min;
				ranges[2 * c + 1] = l[c].max;
			}
		}
		else if (imp.getNChannels() > 1 && imp.getType() != ImagePlus.COLOR_RGB) {
			luts = new byte[imp.getNChannels()][768];
			ranges = new double[2 * luts.length];
			for (int c = 0; c < luts.length; c++) {
				for (int i = 0; i < 768; i++)
					luts[c][i] = (byte) (i % 256);
				ranges[2 * c] = imp.getDisplayRangeMin();
				ranges[2 * c + 1] = imp.getDisplayRangeMax();
			}
		}
		String[] labels = null;
		final ImageStack stack = imp.getStack();
		if (imp.getStackSize() > 1) for (int i = 0; i < stack.size(); i++) {
			final String label = stack.getSliceLabel(i + 1);
			if (label == null) continue;
			if (labels == null) labels = new String[stack.size()];
			labels[i] = label;
		}
		return luts == null && labels == null ? null : new Display(luts, ranges, labels);
	}

	/** Red, green and blue ramps from 0 to 255: how an RGB image's channels are shown as a composite. */
	static Display rgbChannels(final String[] labels) {
		final byte[][] luts = new byte[3][768];
		for (int c = 0; c < 3; c++)
			for (int i = 0; i < 256; i++)
				luts[c][256 * c + i] = (byte) i;
		return new Display(luts, new double[] { 0, 255, 0, 255, 0, 255 }, labels);
	}

	private static byte[] bytes(final LUT lut) {
		final byte[] rgb = new byte[768], part = new byte[256];
		lut.getReds(part);
		System.arraycopy(part, 0, rgb, 0, 256);
		lut.getGreens(part);
		System.arraycopy(part, 0, rgb, 256, 256);
		lut.getBlues(part);
		System.arraycopy(part, 0, rgb, 512, 256);
		return rgb;
	}

	/** Per channel 768 bytes (reds, greens, blues), or null. */
	public byte[][] luts() {
		return luts;
	}

	/** Per channel minimum and maximum, or null. */
	public double[] ranges() {
		return ranges;
	}

	/** Per ImageJ stack plane, or null. */
	public String[] labels() {
		return labels;
	}

	/** The labels of an RGB stack for its planes split into 3 float channels each. */
	String[] labelsSplit(final int channels) {
		if (labels == null) return null;
		final String[] split = new String[labels.length * channels];
		for (int i = 0; i < split.length; i++)
			split[i] = labels[i / channels];
		return split;
	}
}
