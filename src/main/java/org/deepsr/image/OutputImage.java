package org.deepsr.image;

import java.util.Arrays;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The upscaled counterpart of an input {@link ImagePlus}, filled plane by
 * plane.
 * <p>
 * It has the input's channel/slice/frame layout (RGB input as packed RGB, or as
 * a 3-channel composite when 32-bit output is asked for), the input's bit depth
 * by default (values rounded half up and clamped to 0..255 or 0..65535, NaN
 * to 0) or 32-bit, the input's LUTs, display ranges and composite mode, and
 * its calibration with pixel width and height divided by the scale (origins in
 * pixels multiplied by it, so that physical positions are kept). The input is
 * only read.
 * <p>
 * Typical use: {@code OutputImage out = OutputImage.create(imp, 2, false, null);}
 * then {@code out.setChannels(z, t, upscaled)} for every (z, t), then
 * {@code out.image()}.
 */
public final class OutputImage {

	private final ImagePlus input, output;
	private final int channels, depth;

	private OutputImage(final ImagePlus input, final ImagePlus output, final int channels,
		final int depth)
	{
		this.input = input;
		this.output = output;
		this.channels = channels;
		this.depth = depth;
	}

	/**
	 * An empty (zero) output image for {@code input} upscaled by {@code scale}.
	 *
	 * @param scale 1 or more
	 * @param float32 32-bit output instead of the input's bit depth
	 * @param title the title, or null for "&lt;input title without extension&gt;-x&lt;scale&gt;"
	 */
	public static OutputImage create(final ImagePlus input, final int scale, final boolean float32,
		final String title)
	{
		if (scale < 1) throw new IllegalArgumentException("Scale must be at least 1, got " + scale + ".");
		final long w = (long) scale * input.getWidth(), h = (long) scale * input.getHeight();
		if (w * h > Integer.MAX_VALUE) throw new IllegalArgumentException("An upscaled plane of " + w +
			"x" + h + " exceeds ImageJ's 2^31 pixels per plane; crop the input or use a smaller scale.");
		final boolean rgb = input.getType() == ImagePlus.COLOR_RGB;
		final int depth = float32 ? 32 : input.getBitDepth();
		final int channels = ImagePlanes.channels(input);
		final int c = rgb && !float32 ? 1 : channels, z = input.getNSlices(), t = input.getNFrames();
		final ImageStack stack = new ImageStack((int) w, (int) h);
		for (int i = 1; i <= c * z * t; i++) {
			final int source = rgb ? (i - 1) / c + 1 : i; // an RGB plane becomes c planes in 32-bit
			stack.addSlice(input.getStackSize() > 1 ? input.getStack().getSliceLabel(source) : null,
				newProcessor(depth, (int) w, (int) h));
		}
		final ImagePlus plain = new ImagePlus(title != null ? title : defaultTitle(input.getTitle(),
			scale), stack);
		plain.setDimensions(c, z, t);
		plain.setOpenAsHyperStack(input.isHyperStack() || c > 1);
		plain.setCalibration(scaledCalibration(input, scale, depth));
		final ImagePlus output = c > 1 ? new CompositeImage(plain, compositeMode(input)) : plain;
		output.setCalibration(plain.getCalibration());
		return new OutputImage(input, output, channels, depth);
	}

	/** "&lt;title without its extension&gt;-x&lt;scale&gt;", e.g. "cells.tif" to "cells-x2". */
	public static String defaultTitle(final String inputTitle, final int scale) {
		return inputTitle.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "") + "-x" + scale;
	}

	/**
	 * Writes all channels at one (slice, frame).
	 *
	 * @param xyc dims (scale * width, scale * height, channels of the input)
	 */
	public void setChannels(final int z, final int t, final RandomAccessibleInterval<FloatType> xyc) {
		if (xyc.numDimensions() != 3 || xyc.dimension(2) != channels) throw new IllegalArgumentException(
			"Expected dims (x, y, c) with " + channels + " channels, got " + xyc.numDimensions() +
				" dims" + (xyc.numDimensions() == 3 ? " with " + xyc.dimension(2) + " channels" : "") + ".");
		for (int c = 1; c <= channels; c++)
			setPlane(c, z, t, Views.hyperSlice(xyc, 2, xyc.min(2) + c - 1));
	}

	/**
	 * Writes one plane, converting to the output's bit depth.
	 *
	 * @param c channel, 1..channels of the input (RGB: 1 red, 2 green, 3 blue)
	 * @param z slice, 1-based
	 * @param t frame, 1-based
	 * @param xy dims (scale * width, scale * height), iterated in x-fastest order
	 */
	public void setPlane(final int c, final int z, final int t,
		final RandomAccessibleInterval<FloatType> xy)
	{
		if (xy.numDimensions() != 2 || xy.dimension(0) != output.getWidth() || xy.dimension(1) != output
			.getHeight()) throw new IllegalArgumentException("Expected a " + output.getWidth() + "x" +
				output.getHeight() + " plane, got dims " + Arrays.toString(xy.dimensionsAsLongArray()) + ".");
		final ImageProcessor ip = ImagePlanes.processor(output, packedRgb() ? 1 : c, z, t);
		final Cursor<FloatType> cursor = Views.flatIterable(xy).cursor();
		final Object pixels = ip.getPixels();
		final int n = ip.getPixelCount();
		if (pixels instanceof float[]) {
			final float[] p = (float[]) pixels;
			for (int i = 0; i < n; i++)
				p[i] = cursor.next().get();
		}
		else if (pixels instanceof byte[]) {
			final byte[] p = (byte[]) pixels;
			for (int i = 0; i < n; i++)
				p[i] = (byte) clampRound(cursor.next().get(), 255);
		}
		else if (pixels instanceof short[]) {
			final short[] p = (short[]) pixels;
			for (int i = 0; i < n; i++)
				p[i] = (short) clampRound(cursor.next().get(), 65535);
		}
		else {
			final int[] p = (int[]) pixels;
			final int shift = 8 * (3 - c);
			final int keep = ~(0xff << shift);
			for (int i = 0; i < n; i++)
				p[i] = (p[i] & keep) | clampRound(cursor.next().get(), 255) << shift;
		}
	}

	/** Rounded half up and clamped to 0..max; NaN gives 0 (how every sink stores integer pixels). */
	public static int clampRound(final float value, final int max) {
		if (!(value > 0)) return 0;
		return value >= max ? max : (int) Math.floor(value + 0.5);
	}

	/** The output image, with the input's LUTs and display ranges applied. */
	public ImagePlus image() {
		if (output instanceof CompositeImage) {
			final CompositeImage composite = (CompositeImage) output;
			if (input instanceof CompositeImage) composite.setLuts(((CompositeImage) input).getLuts());
			else if (input.getType() == ImagePlus.COLOR_RGB) composite.setLuts(rgbLuts());
			else for (int c = 1; c <= channels; c++)
				composite.setChannelLut(greyLut(input), c);
		}
		else if (!packedRgb()) {
			final LUT lut = input.getProcessor().getLut();
			output.getProcessor().setColorModel(lut);
			if (output.getStackSize() > 1) output.getStack().setColorModel(lut);
			output.setDisplayRange(input.getDisplayRangeMin(), input.getDisplayRangeMax());
		}
		return output;
	}

	private boolean packedRgb() {
		return output.getType() == ImagePlus.COLOR_RGB;
	}

	/** Grey LUT with the input's display range, for multichannel input that is not composite. */
	private static LUT greyLut(final ImagePlus input) {
		final byte[] ramp = new byte[256];
		for (int i = 0; i < 256; i++)
			ramp[i] = (byte) i;
		final LUT lut = new LUT(ramp, ramp, ramp);
		lut.min = input.getDisplayRangeMin();
		lut.max = input.getDisplayRangeMax();
		return lut;
	}

	private static LUT[] rgbLuts() {
		final LUT[] luts = new LUT[3];
		final byte[] zero = new byte[256], ramp = new byte[256];
		for (int i = 0; i < 256; i++)
			ramp[i] = (byte) i;
		luts[0] = new LUT(ramp, zero, zero);
		luts[1] = new LUT(zero, ramp, zero);
		luts[2] = new LUT(zero, zero, ramp);
		for (final LUT lut : luts) {
			lut.min = 0;
			lut.max = 255;
		}
		return luts;
	}

	private static int compositeMode(final ImagePlus input) {
		return input instanceof CompositeImage ? ((CompositeImage) input).getMode()
			: input.getType() == ImagePlus.COLOR_RGB ? CompositeImage.COMPOSITE : CompositeImage.GRAYSCALE;
	}

	private static ImageProcessor newProcessor(final int depth, final int w, final int h) {
		switch (depth) {
			case 8:
				return new ByteProcessor(w, h);
			case 16:
				return new ShortProcessor(w, h);
			case 24:
				return new ColorProcessor(w, h);
			default:
				return new FloatProcessor(w, h);
		}
	}

	/** The input's calibration for pixels {@code scale} times smaller; physical positions kept. */
	static Calibration scaledCalibration(final ImagePlus input, final int scale, final int depth) {
		final Calibration cal = input.getCalibration().copy();
		cal.pixelWidth /= scale;
		cal.pixelHeight /= scale;
		cal.xOrigin *= scale;
		cal.yOrigin *= scale;
		// Output values are raw pixel values; a density calibration does not carry over to 32-bit.
		if (depth == 32 && input.getBitDepth() != 32) cal.disableDensityCalibration();
		return cal;
	}
}
