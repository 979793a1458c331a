package org.deepsr.nets;

/**
 * What a network is built for: the upscaling factor, what its input and
 * output channels hold, optional overrides of the architecture's defaults
 * (width, depth, blocks, groups, recursions, residual scaling), whether the
 * network's output is added to the bicubic upscaled input, and whether the
 * graph is built for training or for inference. Immutable; bad values are
 * refused with a one-line message. Which options an architecture reads is
 * in its class comment; 0 means "the architecture's default" for each.
 */
public final class NetConfig {

	/** What the graph is built for: layers such as batch norm and dropout behave differently in each. */
	public enum Mode {
		TRAIN, INFERENCE
	}

	/** What the channels of an image hold. */
	public enum ChannelMode {
		/** One or more independent intensity channels (microscopy, MRI): trained and applied alike. */
		GREY,
		/** The luma of a YCbCr image, one channel; chroma is upscaled apart (the classic SR papers). */
		Y,
		/** Red, green, blue: three channels seen together (EDSR, RCAN, ESRGAN). */
		RGB
	}

	private final int scale;
	private final ChannelMode in, out;
	private final int inChannels, outChannels;
	private final int width, depth, blocks, groups, recursions;
	private final float residualScale;
	private final boolean skip;
	private final Mode mode;

	private NetConfig(final int scale, final ChannelMode in, final int inChannels, final ChannelMode out, final int outChannels, final int width, final int depth,
		final int blocks, final int groups, final int recursions, final float residualScale, final boolean skip, final Mode mode)
	{
		if (scale < 1 || scale > 16) throw new IllegalArgumentException("Scale must be between 1 and 16, got " + scale + ".");
		checkChannels("Input", in, inChannels);
		checkChannels("Output", out, outChannels);
		if (width < 0 || depth < 0) throw new IllegalArgumentException("Width and depth must be positive (or 0 for the network's default), got width " + width + ", depth " + depth + ".");
		if (blocks < 0) throw new IllegalArgumentException("Blocks must be positive (or 0 for the network's default), got " + blocks + ".");
		if (groups < 0) throw new IllegalArgumentException("Groups must be positive (or 0 for the network's default), got " + groups + ".");
		if (recursions < 0) throw new IllegalArgumentException("Recursions must be positive (or 0 for the network's default), got " + recursions + ".");
		if (!(residualScale >= 0 && residualScale <= 1)) throw new IllegalArgumentException("Residual scaling must be in (0, 1] (or 0 for the network's default), got " + residualScale + ".");
		this.scale = scale;
		this.in = in;
		this.inChannels = inChannels;
		this.out = out;
		this.outChannels = outChannels;
		this.width = width;
		this.depth = depth;
		this.blocks = blocks;
		this.groups = groups;
		this.recursions = recursions;
		this.residualScale = residualScale;
		this.skip = skip;
		this.mode = mode;
	}

	private static void checkChannels(final String what, final ChannelMode m, final int channels) {
		if (m == null) throw new IllegalArgumentException(what + " channel mode must not be null.");
		if (channels < 1) throw new IllegalArgumentException("Channels must be at least 1, got " + channels + ".");
	}

	/**
	 * {@code channels} independent grey channels in and out.
	 *
	 * @param scale upscaling factor, 1..16
	 * @param channels image channels in and out
	 */
	public static NetConfig of(final int scale, final int channels) {
		return new NetConfig(scale, ChannelMode.GREY, channels, ChannelMode.GREY, channels, 0, 0, 0, 0, 0, 0, false, Mode.INFERENCE);
	}

	/** Y to Y, RGB to RGB, one grey channel to one, or across (Y in, RGB out). */
	public static NetConfig of(final int scale, final ChannelMode in, final ChannelMode out) {
		return new NetConfig(scale, in, count(in), out, count(out), 0, 0, 0, 0, 0, 0, false, Mode.INFERENCE);
	}

	private static int count(final ChannelMode m) {
		return m == ChannelMode.RGB ? 3 : 1;
	}

	/** @param width feature maps of the main layers; 0 = the architecture's default */
	public NetConfig withWidth(final int width) {
		return new NetConfig(scale, in, inChannels, out, outChannels, width, depth, blocks, groups, recursions, residualScale, skip, mode);
	}

	/** @param depth the architecture's depth parameter (see each class); 0 = its default */
	public NetConfig withDepth(final int depth) {
		return new NetConfig(scale, in, inChannels, out, outChannels, width, depth, blocks, groups, recursions, residualScale, skip, mode);
	}

	/** @param blocks residual, dense or attention blocks (EDSR, RCAN groups' blocks, ...); 0 = the default */
	public NetConfig withBlocks(final int blocks) {
		return new NetConfig(scale, in, inChannels, out, outChannels, width, depth, blocks, groups, recursions, residualScale, skip, mode);
	}

	/** @param groups block groups (RCAN's residual groups) or convolution groups (CARN-M); 0 = the default */
	public NetConfig withGroups(final int groups) {
		return new NetConfig(scale, in, inChannels, out, outChannels, width, depth, blocks, groups, recursions, residualScale, skip, mode);
	}

	/** @param recursions how often a shared block is applied (DRCN, DRRN); 0 = the default */
	public NetConfig withRecursions(final int recursions) {
		return new NetConfig(scale, in, inChannels, out, outChannels, width, depth, blocks, groups, recursions, residualScale, skip, mode);
	}

	/** @param residualScale factor on each residual branch, in (0, 1] (EDSR 0.1, ESRGAN 0.2); 0 = the default */
	public NetConfig withResidualScale(final float residualScale) {
		return new NetConfig(scale, in, inChannels, out, outChannels, width, depth, blocks, groups, recursions, residualScale, skip, mode);
	}

	/**
	 * @param skip add the bicubic upscaled input to the output, so that the
	 *        layers learn only the missing detail (VDSR's global residual);
	 *        ESPCN and FSRCNN then start near bicubic and train faster
	 */
	public NetConfig withSkip(final boolean skip) {
		return new NetConfig(scale, in, inChannels, out, outChannels, width, depth, blocks, groups, recursions, residualScale, skip, mode);
	}

	/** @param mode what the graph is built for; inference by default */
	public NetConfig withMode(final Mode mode) {
		if (mode == null) throw new IllegalArgumentException("Mode must not be null.");
		return new NetConfig(scale, in, inChannels, out, outChannels, width, depth, blocks, groups, recursions, residualScale, skip, mode);
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

	/** Input channels (the network's input tensor is {@code [N,H,W,channels()]}). */
	public int channels() {
		return inChannels;
	}

	/** Output channels: {@link #channels()} unless the modes differ. */
	public int outChannels() {
		return outChannels;
	}

	public ChannelMode inMode() {
		return in;
	}

	public ChannelMode outMode() {
		return out;
	}

	/** @return the width, or {@code fallback} when none was set */
	public int widthOr(final int fallback) {
		return width > 0 ? width : fallback;
	}

	/** @return the depth, or {@code fallback} when none was set */
	public int depthOr(final int fallback) {
		return depth > 0 ? depth : fallback;
	}

	/** @return the number of blocks, or {@code fallback} when none was set */
	public int blocksOr(final int fallback) {
		return blocks > 0 ? blocks : fallback;
	}

	/** @return the number of groups, or {@code fallback} when none was set */
	public int groupsOr(final int fallback) {
		return groups > 0 ? groups : fallback;
	}

	/** @return the number of recursions, or {@code fallback} when none was set */
	public int recursionsOr(final int fallback) {
		return recursions > 0 ? recursions : fallback;
	}

	/** @return the residual scaling, or {@code fallback} when none was set */
	public float residualScaleOr(final float fallback) {
		return residualScale > 0 ? residualScale : fallback;
	}

	/** Everything that shapes the weights (checkpoints compare it): the mode is left out; options appear only when set. */
	@Override
	public String toString() {
		final String channels = in == ChannelMode.GREY && out == ChannelMode.GREY ? inChannels + " channel(s)" : in == out ? in.toString() : in + " to " + out;
		return "x" + scale + ", " + channels + ", width " + (width > 0 ? width : "default") + ", depth " + (depth > 0 ? depth : "default")
			+ (blocks > 0 ? ", blocks " + blocks : "") + (groups > 0 ? ", groups " + groups : "") + (recursions > 0 ? ", recursions " + recursions : "")
			+ (residualScale > 0 ? ", residual scale " + residualScale : "") + (skip ? ", bicubic skip" : "");
	}
}
