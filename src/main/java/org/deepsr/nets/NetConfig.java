package org.deepsr.nets;

/**
 * What a network is built for: the upscaling factor, the number of image
 * channels in and out, optional width/depth overrides, whether the
 * network's output is added to the bicubic upscaled input, and whether the
 * graph is built for training or for inference. Immutable.
 */
public final class NetConfig {

	/** What the graph is built for: layers such as batch norm and dropout behave differently in each. */
	public enum Mode {
		TRAIN, INFERENCE
	}

	private final int scale;
	private final int channels;
	private final int width;
	private final int depth;
	private final boolean skip;
	private final Mode mode;

	private NetConfig(final int scale, final int channels, final int width, final int depth, final boolean skip, final Mode mode) {
		if (scale < 1 || scale > 16) throw new IllegalArgumentException("Scale must be between 1 and 16, got " + scale + ".");
		if (channels < 1) throw new IllegalArgumentException("Channels must be at least 1, got " + channels + ".");
		if (width < 0 || depth < 0) throw new IllegalArgumentException("Width and depth must be positive (or 0 for the network's default), got width " + width + ", depth " + depth + ".");
		this.scale = scale;
		this.channels = channels;
		this.width = width;
		this.depth = depth;
		this.skip = skip;
		this.mode = mode;
	}

	/**
	 * @param scale upscaling factor, 1..16
	 * @param channels image channels in and out (1 for Y, 3 for RGB)
	 */
	public static NetConfig of(final int scale, final int channels) {
		return new NetConfig(scale, channels, 0, 0, false, Mode.INFERENCE);
	}

	/** @param width feature maps of the main layers; 0 = the architecture's default */
	public NetConfig withWidth(final int width) {
		return new NetConfig(scale, channels, width, depth, skip, mode);
	}

	/** @param depth the architecture's depth parameter (see each class); 0 = its default */
	public NetConfig withDepth(final int depth) {
		return new NetConfig(scale, channels, width, depth, skip, mode);
	}

	/**
	 * @param skip add the bicubic upscaled input to the output, so that the
	 *        layers learn only the missing detail (VDSR's global residual);
	 *        ESPCN and FSRCNN then start near bicubic and train faster
	 */
	public NetConfig withSkip(final boolean skip) {
		return new NetConfig(scale, channels, width, depth, skip, mode);
	}

	/** @param mode what the graph is built for; inference by default */
	public NetConfig withMode(final Mode mode) {
		if (mode == null) throw new IllegalArgumentException("Mode must not be null.");
		return new NetConfig(scale, channels, width, depth, skip, mode);
	}

	/** What the graph is built for (not part of {@link #toString()}: one set of weights serves both modes). */
	public Mode mode() {
		return mode;
	}

	/** True when the output is a residual over the bicubic upscaled input. */
	public boolean skip() {
		return skip;
	}

	public int scale() {
		return scale;
	}

	public int channels() {
		return channels;
	}

	/** @return the width, or {@code fallback} when none was set */
	public int widthOr(final int fallback) {
		return width > 0 ? width : fallback;
	}

	/** @return the depth, or {@code fallback} when none was set */
	public int depthOr(final int fallback) {
		return depth > 0 ? depth : fallback;
	}

	@Override
	public String toString() {
		return "x" + scale + ", " + channels + " channel(s), width " + (width > 0 ? width : "default") + ", depth " + (depth > 0 ? depth : "default") + (skip ? ", bicubic skip" : "");
	}
}
