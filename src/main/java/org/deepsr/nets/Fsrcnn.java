package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * FSRCNN (Dong et al. 2016) on the LR image: conv 5x5/d PReLU (feature
 * extraction), 1x1/s PReLU (shrinking), m x 3x3/s PReLU (mapping), 1x1/d
 * PReLU (expanding), 9x9 transposed conv with stride = scale to C' channels.
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
	public String paper() {
		return "Dong et al., ECCV 2016 (FSRCNN)";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		final int d = config.widthOr(56), m = config.depthOr(4);
		final Layer net = Layer.root(tf, p);
		Operand<TFloat32> x = convPrelu(net.sub("feature"), input, 5, d);
		x = convPrelu(net.sub("shrink"), x, 1, SHRINK);
		for (int i = 1; i <= m; i++)
			x = convPrelu(net.sub("map" + i), x, 3, SHRINK);
		x = convPrelu(net.sub("expand"), x, 1, d);
		// the paper draws the deconvolution from N(0, 0.001^2)
		return Blocks.bicubicSkip(net, input, net.sub("deconv").deconv(x, DECONV, config.scale(), config.outChannels(), Init.normal(1e-3), config.mode()), config);
	}

	private static Operand<TFloat32> convPrelu(final Layer layer, final Operand<TFloat32> x, final int k, final int out) {
		return layer.prelu(layer.conv(x, k, out, Init.he()));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Radius.withSkip(2 + config.depthOr(4) + Radius.deconv(DECONV, config.scale()), config);
	}
}
