package org.deepsr.image;

import java.util.Arrays;

/**
 * What a {@link VolumeSource} holds and a {@link VolumeSink} receives: the
 * size and calibration of each named {@link Axis} (X, Y, C, Z, T), the pixel
 * type, and how to show it. Metadata only: a volume of any size is described
 * without allocating its pixels, and every size and index is a {@code long}.
 * <p>
 * Planes are (x, y) and are numbered in ImageJ's order, channel fastest,
 * then slice, then frame: {@code index = c + C * (z + Z * t)}, all 0-based.
 */
public final class VolumeInfo {

	private final String title;
	private final long[] dims;
	private final AxisCalibration[] calibration;
	private final PixelType type;
	private final boolean rgb;
	private final double displayMin, displayMax;
	private final String mode;
	private final Display display;

	/**
	 * @param dims sizes along X, Y, C, Z, T, each 1 or more
	 * @param calibration one per axis in the same order
	 * @param rgb the three channels are the red, green and blue of a colour image (type UINT8)
	 * @param displayMin lowest shown value (ImageJ's display range)
	 * @param displayMax highest shown value
	 * @param mode how channels are shown: "composite", "color", "grayscale", or null for one channel
	 */
	public VolumeInfo(final String title, final long[] dims, final AxisCalibration[] calibration,
		final PixelType type, final boolean rgb, final double displayMin, final double displayMax,
		final String mode)
	{
		this(title, dims, calibration, type, rgb, displayMin, displayMax, mode, null);
	}

	private VolumeInfo(final String title, final long[] dims, final AxisCalibration[] calibration,
		final PixelType type, final boolean rgb, final double displayMin, final double displayMax,
		final String mode, final Display display)
	{
		if (dims.length != 5 || calibration.length != 5) throw new IllegalArgumentException(
			"A volume needs a size and a calibration for each of X, Y, C, Z, T.");
		for (final long d : dims)
			if (d < 1) throw new IllegalArgumentException("Every axis needs at least 1 pixel, got " + Arrays
				.toString(dims) + ".");
		if (rgb && (dims[2] != 3 || type != PixelType.UINT8)) throw new IllegalArgumentException(
			"An RGB volume has 3 channels of 8 bits.");
		Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(dims[0], dims[1]), Math.multiplyExact(
			dims[2], dims[3])), dims[4]); // refuses volumes whose pixel count overflows a long
		this.title = title;
		this.dims = dims.clone();
		this.calibration = calibration.clone();
		this.type = type;
		this.rgb = rgb;
		this.displayMin = displayMin;
		this.displayMax = displayMax;
		this.mode = mode;
		this.display = display;
	}

	public String title() {
		return title;
	}

	public long dim(final Axis axis) {
		return dims[axis.ordinal()];
	}

	/** Sizes along X, Y, C, Z, T. */
	public long[] dims() {
		return dims.clone();
	}

	public long width() {
		return dims[0];
	}

	public long height() {
		return dims[1];
	}

	public long channels() {
		return dims[2];
	}

	public long slices() {
		return dims[3];
	}

	public long frames() {
		return dims[4];
	}

	public AxisCalibration calibration(final Axis axis) {
		return calibration[axis.ordinal()];
	}

	public PixelType type() {
		return type;
	}

	public boolean rgb() {
		return rgb;
	}

	public double displayMin() {
		return displayMin;
	}

	public double displayMax() {
		return displayMax;
	}

	/** "composite", "color", "grayscale", or null. */
	public String mode() {
		return mode;
	}

	/** LUTs, ranges and labels to keep, or null. */
	public Display display() {
		return display;
	}

	/** This volume shown with {@code d}. */
	public VolumeInfo withDisplay(final Display d) {
		return new VolumeInfo(title, dims, calibration, type, rgb, displayMin, displayMax, mode, d);
	}

	/** Pixels in one (x, y) plane. */
	public long planePixels() {
		return dims[0] * dims[1];
	}

	/** Number of (x, y) planes: C * Z * T. */
	public long planes() {
		return dims[2] * dims[3] * dims[4];
	}

	/** Index of plane (c, z, t), 0-based, channel fastest (ImageJ's stack order less one). */
	public long planeIndex(final long c, final long z, final long t) {
		check(c, dims[2], "c");
		check(z, dims[3], "z");
		check(t, dims[4], "t");
		return c + dims[2] * (z + dims[3] * t);
	}

	/** Index of pixel (x, y, c, z, t) in the volume laid out x fastest, then y, then planes. */
	public long pixelIndex(final long x, final long y, final long c, final long z, final long t) {
		check(x, dims[0], "x");
		check(y, dims[1], "y");
		return x + dims[0] * (y + dims[1] * planeIndex(c, z, t));
	}

	private static void check(final long i, final long n, final String axis) {
		if (i < 0 || i >= n) throw new IndexOutOfBoundsException(axis + " = " + i + " is outside 0.." + (n -
			1) + ".");
	}

	/**
	 * The volume an upscaler makes of this one: X and Y {@code scale} times
	 * larger and finer (pixel 0 kept in place), Z, C and T as they are; RGB
	 * stays RGB unless float output is asked for, which makes it 3 float channels.
	 *
	 * @param title the output's title
	 */
	public VolumeInfo upscaled(final int scale, final boolean float32, final String title) {
		if (scale < 1) throw new IllegalArgumentException("Scale must be at least 1, got " + scale + ".");
		final long[] d = dims.clone();
		d[0] = Math.multiplyExact(d[0], scale);
		d[1] = Math.multiplyExact(d[1], scale);
		final AxisCalibration[] cal = calibration.clone();
		cal[0] = cal[0].refined(scale);
		cal[1] = cal[1].refined(scale);
		final boolean keepRgb = rgb && !float32;
		final String m = rgb && float32 ? "composite" : mode;
		final VolumeInfo out = new VolumeInfo(title, d, cal, float32 ? PixelType.FLOAT32 : type, keepRgb, rgb &&
			float32 ? 0 : displayMin, rgb && float32 ? 255 : displayMax, m);
		if (rgb && float32) return out.withDisplay(Display.rgbChannels(display == null ? null : display
			.labelsSplit(3)));
		return out.withDisplay(display);
	}

	@Override
	public String toString() {
		return "'" + title + "' " + dims[0] + "x" + dims[1] + " C=" + dims[2] + " Z=" + dims[3] + " T=" +
			dims[4] + " " + (rgb ? "RGB" : type);
	}
}
