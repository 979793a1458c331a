package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * VDSR (Kim et al. 2016): the LR input is bicubic-upsampled inside the graph,
 * then depth 3x3 convolutions (width maps, ReLU between) predict a residual
 * added to the upsampled image. Defaults width 64, depth 20. Train it with
 * gradient clipping ({@code TrainingConfig.clipNorm}).
 */
public final class Vdsr implements Architecture {

	@Override
	public String name() {
		return "vdsr";
	}

	@Override
	public String paper() {
		return "Kim et al., CVPR 2016 (VDSR)";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int w = config.widthOr(64), depth = depth(config);
		final Layer net = Layer.root(tf, p);
		final Operand<TFloat32> up = net.sub("upsample").bicubic(input, config.scale());
		Operand<TFloat32> x = up;
		for (int i = 1; i < depth; i++) {
			final Layer hidden = net.sub("conv" + i);
			x = hidden.relu(hidden.conv(x, 3, w, Init.he()));
		}
		final Operand<TFloat32> residual = net.sub("conv" + depth).conv(x, 3, config.outChannels(), Init.he());
		return net.sub("skip").add(up, residual);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return Radius.bicubicThenConv(config.scale(), depth(config));
	}

	private int depth(final NetConfig config) {
		check(config);
		final int depth = config.depthOr(20);
		checkResidual("VDSR", config);
		if (depth < 2) throw new IllegalArgumentException("VDSR needs depth >= 2, got " + depth + ".");
		return depth;
	}

	/** For the networks that add their bicubic input themselves (VDSR, DRRN, DRCN): no second skip, the same channels in and out. */
	static void checkResidual(final String name, final NetConfig config) {
		if (config.skip()) throw new IllegalArgumentException(name + " always adds its bicubic input: leave the bicubic skip off.");
		if (config.channels() != config.outChannels()) throw new IllegalArgumentException(name + " adds its bicubic input to the output: it needs the same channels in and out, not " + config.inMode() + " to " + config.outMode() + ".");
	}
}
