package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * DRRN (Tai et al., CVPR 2017): the LR input is bicubic-upsampled inside the
 * graph; blocks recursive blocks, each an entry convolution (after ReLU from
 * the second block on) and recursions residual units that share one pair of
 * weights ({@code block<b>/unit1}, reused by {@code unit2}, ...): h_u = h_0 +
 * conv(relu(conv(relu(h_{u-1})))), all 3x3/width; conv 3x3/C' after ReLU,
 * added to the upsampled input. Pre-activation without batch norm (the
 * paper's Caffe model normalises; shared weights would need per-recursion
 * statistics). Defaults width 128, 1 block, 25 recursions (DRRN_B1U25).
 * Reads width, blocks, recursions. Train it with gradient clipping.
 */
public final class Drrn implements Architecture {

	@Override
	public String name() {
		return "drrn";
	}

	@Override
	public String paper() {
		return "Tai et al., CVPR 2017 (DRRN)";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		Vdsr.checkResidual(name(), config);
		final int w = config.widthOr(128), units = config.recursionsOr(25);
		final Layer net = Layer.root(tf, p);
		final Operand<TFloat32> up = net.sub("upsample").bicubic(input, config.scale());
		Operand<TFloat32> x = up;
		for (int b = 1; b <= config.blocksOr(1); b++) {
			final Layer block = net.sub("block" + b), entry = block.sub("entry");
			final Operand<TFloat32> h0 = entry.conv(b == 1 ? x : entry.relu(x), 3, w, Init.he());
			Layer first = null;
			x = h0;
			for (int u = 1; u <= units; u++) {
				final Layer unit = u == 1 ? (first = block.sub("unit1")) : block.again("unit" + u, first);
				final Layer conv1 = unit.sub("conv1"), conv2 = unit.sub("conv2");
				x = unit.add(h0, conv2.conv(conv2.relu(conv1.conv(conv1.relu(x), 3, w, Init.he())), 3, w, Init.he()));
			}
		}
		final Layer last = net.sub("reconstruct");
		return net.sub("skip").add(up, last.conv(last.relu(x), 3, config.outChannels(), Init.he()));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Radius.bicubicThenConv(config.scale(), config.blocksOr(1) * (1 + 2 * config.recursionsOr(25)) + 1);
	}
}
