package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * IDN (Hui et al., CVPR 2018) on the LR image: feature extraction (two 3x3/
 * width convolutions, leaky ReLU 0.05); blocks information distillation
 * blocks, each an enhancement unit (3x3 convolutions to width-d, width-2d
 * in 4 groups, width; its first d channels concatenated with the block's
 * input, the other width-d through 3x3 to width, width-d in 4 groups,
 * width+d; the two summed) and a 1x1 compression back to width, every
 * convolution followed by leaky ReLU; a 17x17 transposed convolution by the
 * scale to C', added to the bicubic upscaled input. d = width/4 (16).
 * Defaults width 64, 4 blocks. Reads width, blocks.
 */
public final class Idn implements Architecture {

	private static final float SLOPE = 0.05f;
	private static final int DECONV = 17, GROUPS = 4;

	@Override
	public String name() {
		return "idn";
	}

	@Override
	public String paper() {
		return "Hui et al., CVPR 2018 (IDN)";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int w = width(config), d = w / 4;
		final Layer net = Layer.root(tf, p), feature = net.sub("feature");
		Operand<TFloat32> x = conv(feature.sub("conv1"), input, 3, w, 1);
		x = conv(feature.sub("conv2"), x, 3, w, 1);
		for (int b = 1; b <= config.blocksOr(4); b++) {
			final Layer block = net.sub("block" + b);
			Operand<TFloat32> y = conv(block.sub("conv1"), x, 3, w - d, 1);
			y = conv(block.sub("conv2"), y, 3, w - 2 * d, GROUPS);
			y = conv(block.sub("conv3"), y, 3, w, 1);
			final Layer split = block.sub("split");
			final Operand<TFloat32> kept = split.channelSlice(y, 0, d), rest = split.channelSlice(y, d, w - d);
			Operand<TFloat32> z = conv(block.sub("conv4"), rest, 3, w, 1);
			z = conv(block.sub("conv5"), z, 3, w - d, GROUPS);
			z = conv(block.sub("conv6"), z, 3, w + d, 1);
			final Operand<TFloat32> enhanced = block.add(block.sub("concat").concat(java.util.Arrays.asList(x, kept)), z);
			x = conv(block.sub("compress"), enhanced, 1, w, 1);
		}
		final Operand<TFloat32> out = net.sub("deconv").deconv(x, DECONV, config.scale(), config.outChannels(), Init.normal(1e-3), config.mode());
		final Layer skip = net.sub("skip");
		return skip.add(out, skip.bicubic(input, config.scale()));
	}

	private static Operand<TFloat32> conv(final Layer layer, final Operand<TFloat32> x, final int k, final int out, final int groups) {
		return layer.leakyRelu(layer.conv(x, k, out, groups, 1, Init.he()), SLOPE);
	}

	private int width(final NetConfig config) {
		check(config);
		Vdsr.checkResidual("IDN", config);
		final int w = config.widthOr(64);
		if (w % 16 != 0) throw new IllegalArgumentException("IDN needs a width divisible by 16 (a quarter distilled, groups of 4), got " + w + ".");
		return w;
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		width(config);
		return Math.max(2 + 6 * config.blocksOr(4) + Radius.deconv(DECONV, config.scale()), Radius.bicubicThenConv(config.scale(), 0));
	}
}
