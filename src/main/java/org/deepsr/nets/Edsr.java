package org.deepsr.nets;

import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * EDSR (Lim et al., CVPRW 2017) on the LR image: conv 3x3/width ("head"),
 * blocks residual blocks without batch norm (conv 3x3, ReLU, conv 3x3, the
 * branch scaled by the residual scale) and a 3x3 convolution ("body"), added
 * to the head's output; the sub-pixel upsampler ({@link Blocks#upsample}) and
 * conv 3x3/C' ("tail"). Defaults: the paper's EDSR (width 256, 32 blocks,
 * residual scale 0.1); {@link #baseline()} is its baseline (64, 16, 1).
 * Reads width, blocks, residual scale, skip. x2, x3, x4, x8.
 */
public final class Edsr implements Architecture {

	private final String name;
	private final int width, blocks;
	private final float residualScale;

	private Edsr(final String name, final int width, final int blocks, final float residualScale) {
		this.name = name;
		this.width = width;
		this.blocks = blocks;
		this.residualScale = residualScale;
	}

	/** EDSR: width 256, 32 blocks, residual scale 0.1. */
	public Edsr() {
		this("edsr", 256, 32, 0.1f);
	}

	/** EDSR's baseline ("edsr-baseline"): width 64, 16 blocks, no residual scaling. */
	public static Edsr baseline() {
		return new Edsr("edsr-baseline", 64, 16, 1);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public String paper() {
		return "Lim et al., CVPRW 2017 (EDSR" + (name.equals("edsr") ? ")" : ", baseline)");
	}

	@Override
	public NetConfig.ChannelMode paperChannels() {
		return NetConfig.ChannelMode.RGB;
	}

	@Override
	public Set<Integer> scales() {
		return Blocks.UPSAMPLE_SCALES;
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		final int w = config.widthOr(width);
		final Layer net = Layer.root(tf, p);
		final Operand<TFloat32> head = net.sub("head").conv(input, 3, w, Init.torch());
		final Operand<TFloat32> body = body(net.sub("body"), head, config.blocksOr(blocks), 3, config.residualScaleOr(residualScale));
		final Operand<TFloat32> up = Blocks.upsample(net.sub("upsample"), body, config.scale(), 1, Blocks.LINEAR, Init.torch());
		return Blocks.bicubicSkip(net, input, net.sub("tail").conv(up, 3, config.outChannels(), Init.torch()), config);
	}

	/** EDSR's and MDSR's body: {@code n} k x k residual blocks ({@code block1}, ...) and a 3x3 convolution ({@code conv}), plus x. */
	static Operand<TFloat32> body(final Layer body, final Operand<TFloat32> x, final int n, final int k, final float residualScale) {
		Operand<TFloat32> y = x;
		for (int i = 1; i <= n; i++)
			y = Blocks.residual(body.sub("block" + i), y, k, residualScale, Init.torch());
		final Layer end = body.sub("conv");
		return body.add(x, end.conv(y, 3, end.channels(x), Init.torch()));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Radius.withSkip(Radius.subPixel(1 + 2 * config.blocksOr(blocks) + 1, config.scale(), 1), config);
	}
}
