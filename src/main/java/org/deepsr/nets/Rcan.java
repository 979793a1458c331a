package org.deepsr.nets;

import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RCAN (Zhang et al., ECCV 2018) on the LR image: conv 3x3/width ("head");
 * groups residual groups ({@code group<g>}: blocks residual channel-attention
 * blocks, conv 3x3, ReLU, conv 3x3, {@link Blocks#channelAttention} with
 * reduction 16, plus x (short skip), then a 3x3 convolution, plus the
 * group's input) and a 3x3 convolution, plus the head's output (long skip);
 * the sub-pixel upsampler and conv 3x3/C' ("tail"). Defaults width 64, 10
 * groups of 20 blocks. Reads width, groups, blocks, skip. x2, x3, x4, x8.
 * Channel attention averages over the whole input, so a tile's output
 * depends a little on all of the tile: {@link #receptiveRadius} is that of
 * the convolutions.
 */
public final class Rcan implements Architecture {

	private static final int REDUCTION = 16;

	@Override
	public String name() {
		return "rcan";
	}

	@Override
	public String paper() {
		return "Zhang et al., ECCV 2018 (RCAN)";
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
		final int w = config.widthOr(64), blocks = config.blocksOr(20);
		// the paper's reduction, halved until it divides a narrow width (down to one channel per feature)
		int reduction = REDUCTION;
		while (w % reduction != 0) reduction /= 2;
		final Layer net = Layer.root(tf, p), body = net.sub("body");
		final Operand<TFloat32> head = net.sub("head").conv(input, 3, w, Init.torch());
		Operand<TFloat32> x = head;
		for (int g = 1; g <= config.groupsOr(10); g++) {
			final Layer group = body.sub("group" + g);
			Operand<TFloat32> y = x;
			for (int b = 1; b <= blocks; b++)
				y = block(group.sub("block" + b), y, reduction);
			x = group.add(x, group.sub("conv").conv(y, 3, w, Init.torch()));
		}
		x = body.add(head, body.sub("conv").conv(x, 3, w, Init.torch()));
		x = Blocks.upsample(net.sub("upsample"), x, config.scale(), 1, Blocks.LINEAR, Init.torch());
		return Blocks.bicubicSkip(net, input, net.sub("tail").conv(x, 3, config.outChannels(), Init.torch()), config);
	}

	/** RCAB: x + CA(conv2(relu(conv1(x)))). */
	private static Operand<TFloat32> block(final Layer block, final Operand<TFloat32> x, final int reduction) {
		final int c = block.channels(x);
		final Layer conv1 = block.sub("conv1"), conv2 = block.sub("conv2");
		final Operand<TFloat32> body = conv2.conv(conv1.relu(conv1.conv(x, 3, c, Init.torch())), 3, c, Init.torch());
		return block.add(x, Blocks.channelAttention(block.sub("attention"), body, reduction, Init.torch()));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Radius.withSkip(Radius.subPixel(1 + config.groupsOr(10) * (2 * config.blocksOr(20) + 1) + 1, config.scale(), 1), config);
	}
}
