package org.deepsr.nets;

import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SelNet (Choi and Kim, CVPR Workshops 2017) on the LR image: depth 3x3/width
 * convolutions, each followed by a selection unit ({@code conv<i>/select}:
 * ReLU, then that times sigmoid(1x1 convolution of it), a learnt gate per
 * pixel and channel); conv 3x3/(s^2 C'), sub-pixel by s, added to the
 * bicubic upscaled input. Defaults width 64, depth 22. Reads width, depth.
 * x2, x3, x4, x8.
 */
public final class Selnet implements Architecture {

	@Override
	public String name() {
		return "selnet";
	}

	@Override
	public String paper() {
		return "Choi and Kim, CVPRW 2017 (SelNet)";
	}

	@Override
	public Set<Integer> scales() {
		return Blocks.UPSAMPLE_SCALES;
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		Vdsr.checkResidual("SelNet", config);
		final int w = config.widthOr(64), s = config.scale();
		final Layer net = Layer.root(tf, p);
		Operand<TFloat32> x = input;
		for (int i = 1; i <= config.depthOr(22); i++) {
			final Layer conv = net.sub("conv" + i), select = conv.sub("select");
			final Operand<TFloat32> on = select.relu(conv.conv(x, 3, w, Init.he()));
			x = select.mul(on, select.sigmoid(select.conv(on, 1, w, Init.xavier())));
		}
		x = net.sub("shuffle").conv(x, 3, s * s * config.outChannels(), Init.xavier());
		final Layer skip = net.sub("skip");
		return skip.add(net.sub("upsample").subPixel(x, s), skip.bicubic(input, s));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Math.max(config.depthOr(22) + 1, Radius.bicubicThenConv(config.scale(), 0));
	}
}
