package org.deepsr.nets;

import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * EnhanceNet's generator (Sajjadi et al., ICCV 2017, Table 1) on the LR
 * image: conv 3x3/width ReLU ("head"); blocks residual blocks (conv 3x3,
 * ReLU, conv 3x3, plus x); upsampling stages of nearest-neighbour x2 (x3
 * once for x3) and conv 3x3/width ReLU; conv 3x3/width ReLU ("hr"), conv
 * 3x3/C' ("tail"), added to the bicubic upscaled input. Defaults width 64,
 * 10 blocks. Reads width, blocks. x2, x3, x4, x8 (the paper trains x4).
 */
public final class Enhancenet implements Architecture {

	@Override
	public String name() {
		return "enhancenet";
	}

	@Override
	public String paper() {
		return "Sajjadi et al., ICCV 2017 (EnhanceNet)";
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
		Vdsr.checkResidual("EnhanceNet", config);
		final int w = config.widthOr(64);
		final Layer net = Layer.root(tf, p), head = net.sub("head"), body = net.sub("body");
		Operand<TFloat32> x = head.relu(head.conv(input, 3, w, Init.he()));
		for (int i = 1; i <= config.blocksOr(10); i++)
			x = Blocks.residual(body.sub("block" + i), x, 3, 1, Init.he());
		final int[] stages = Blocks.upsampleStages(config.scale());
		final Layer up = net.sub("upsample");
		for (int i = 0; i < stages.length; i++) {
			final Layer conv = up.sub("conv" + (i + 1));
			x = conv.relu(conv.conv(conv.nearest(x, stages[i]), 3, w, Init.he()));
		}
		final Layer hr = net.sub("hr");
		x = hr.relu(hr.conv(x, 3, w, Init.he()));
		final Layer skip = net.sub("skip");
		return skip.add(net.sub("tail").conv(x, 3, config.outChannels(), Init.he()), skip.bicubic(input, config.scale()));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		final int[] stages = Blocks.upsampleStages(config.scale()), radii = new int[stages.length];
		java.util.Arrays.fill(radii, 1);
		radii[radii.length - 1] = 3; // the last stage's conv, "hr" and "tail" at full resolution
		return Math.max(Radius.upsampled(1 + 2 * config.blocksOr(10), stages, radii), Radius.bicubicThenConv(config.scale(), 0));
	}
}
