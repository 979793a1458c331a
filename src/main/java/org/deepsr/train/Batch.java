package org.deepsr.train;

/**
 * A batch of square training patches: {@code lr} is row-major
 * {@code [count][size][size][channels]}, {@code hr} is
 * {@code [count][scale*size][scale*size][channels]}, values in [0,1].
 */
public final class Batch {

	private final float[] lr;
	private final float[] hr;
	private final int count;
	private final int size;
	private final int scale;
	private final int channels;

	public Batch(final float[] lr, final float[] hr, final int count, final int size, final int scale, final int channels) {
		if (lr.length != count * size * size * channels || hr.length != lr.length * scale * scale)
			throw new IllegalArgumentException("Batch arrays do not match " + count + " patches of " + size + "x" + size + "x" + channels + " at x" + scale + ".");
		this.lr = lr;
		this.hr = hr;
		this.count = count;
		this.size = size;
		this.scale = scale;
		this.channels = channels;
	}

	public float[] lr() {
		return lr;
	}

	public float[] hr() {
		return hr;
	}

	public int count() {
		return count;
	}

	/** LR patch side in pixels. */
	public int size() {
		return size;
	}

	public int scale() {
		return scale;
	}

	public int channels() {
		return channels;
	}
}
