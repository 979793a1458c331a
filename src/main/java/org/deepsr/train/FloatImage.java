package org.deepsr.train;

/** An image held in memory as row-major {@code [height][width][channels]} floats, nominally in [0,1]. */
public final class FloatImage {

	private final int height;
	private final int width;
	private final int channels;
	private final float[] data;

	/** Wraps {@code data} (not copied); its length must be height*width*channels. */
	public FloatImage(final int height, final int width, final int channels, final float[] data) {
		if (height < 1 || width < 1 || channels < 1) throw new IllegalArgumentException("Image must be at least 1x1x1, got " + height + "x" + width + "x" + channels + ".");
		if (data.length != (long) height * width * channels) throw new IllegalArgumentException("Image data has " + data.length + " values, expected " + height + "x" + width + "x" + channels + ".");
		this.height = height;
		this.width = width;
		this.channels = channels;
		this.data = data;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	public int channels() {
		return channels;
	}

	/** The backing array, row-major [h][w][c]. */
	public float[] data() {
		return data;
	}

	/** The top-left crop whose sides are multiples of {@code scale} ("modcrop"). */
	public FloatImage modcrop(final int scale) {
		final int h = height - height % scale, w = width - width % scale;
		if (h == height && w == width) return this;
		if (h == 0 || w == 0) throw new IllegalArgumentException("Image " + height + "x" + width + " is smaller than the scale " + scale + ".");
		final float[] out = new float[h * w * channels];
		for (int y = 0; y < h; y++)
			System.arraycopy(data, y * width * channels, out, y * w * channels, w * channels);
		return new FloatImage(h, w, channels, out);
	}

	/**
	 * This image extended by {@code r} pixels on every side, mirrored with the
	 * edge pixel repeated (ImgLib2's extendMirrorDouble, as the tiler pads).
	 */
	public FloatImage mirrorPad(final int r) {
		if (r == 0) return this;
		final int h = height + 2 * r, w = width + 2 * r;
		final float[] out = new float[h * w * channels];
		for (int y = 0; y < h; y++) {
			final int sy = mirror(y - r, height);
			for (int x = 0; x < w; x++)
				System.arraycopy(data, (sy * width + mirror(x - r, width)) * channels, out, (y * w + x) * channels, channels);
		}
		return new FloatImage(h, w, channels, out);
	}

	/** The {@code h x w} crop whose top-left pixel is (y0, x0). */
	public FloatImage crop(final int y0, final int x0, final int h, final int w) {
		if (y0 < 0 || x0 < 0 || y0 + h > height || x0 + w > width)
			throw new IllegalArgumentException("Crop " + h + "x" + w + " at (" + y0 + "," + x0 + ") leaves the " + height + "x" + width + " image.");
		final float[] out = new float[h * w * channels];
		for (int y = 0; y < h; y++)
			System.arraycopy(data, ((y0 + y) * width + x0) * channels, out, y * w * channels, w * channels);
		return new FloatImage(h, w, channels, out);
	}

	private static int mirror(final int i, final int n) {
		final int m = Math.floorMod(i, 2 * n);
		return m < n ? m : 2 * n - 1 - m;
	}
}
