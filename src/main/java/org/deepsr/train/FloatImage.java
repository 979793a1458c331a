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
}
