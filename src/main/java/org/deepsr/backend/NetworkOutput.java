package org.deepsr.backend;

/** One network result: row-major {@code [height][width][channels]} floats. */
public final class NetworkOutput {

	private final float[] data;
	private final int height;
	private final int width;
	private final int channels;

	NetworkOutput(final float[] data, final int height, final int width, final int channels) {
		this.data = data;
		this.height = height;
		this.width = width;
		this.channels = channels;
	}

	/** Row-major {@code [height][width][channels]}. */
	public float[] data() {
		return data;
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
}
