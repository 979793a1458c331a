package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * FSRCNN (Dong et al. 2016) on the LR image: conv 5x5/d PReLU (feature
 * extraction), 1x1/s PReLU (shrinking), m x 3x3/s PReLU (mapping), 1x1/d
 * PReLU (expanding), 9x9 transposed conv with stride = scale to C channels.
 * Width = d (default 56), depth = m (default 4); s = 12.
 */
public final class Fsrcnn implements Architecture {

	private static final int SHRINK = 12;
	private static final int DECONV = 9;

	@Override
	public String name() {
		return "fsrcnn";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int c = config.channels(), d = config.widthOr(56), m = config.depthOr(4);
		Operand<TFloat32> x = Layers.prelu(tf, p, "feature", Layers.conv(tf, p, "feature", input, 5, c, d, Init.he(25 * c)), d);
		x = Layers.prelu(tf, p, "shrink", Layers.conv(tf, p, "shrink", x, 1, d, SHRINK, Init.he(d)), SHRINK);
		for (int i = 1; i <= m; i++)
			x = Layers.prelu(tf, p, "map" + i, Layers.conv(tf, p, "map" + i, x, 3, SHRINK, SHRINK, Init.he(9 * SHRINK)), SHRINK);
		x = Layers.prelu(tf, p, "expand", Layers.conv(tf, p, "expand", x, 1, SHRINK, d, Init.he(SHRINK)), d);
		// the paper draws the deconvolution from N(0, 0.001^2)
		return Layers.withSkip(tf, input, Layers.deconv(tf, p, "deconv", x, DECONV, config.scale(), d, c, Init.normal(1e-3)), config);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return Layers.withSkipRadius(2 + config.depthOr(4) + Layers.deconvRadius(DECONV, config.scale()), config);
	}
}
