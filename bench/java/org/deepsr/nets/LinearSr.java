package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Bench-only floor model: one 5x5 convolution to s^2*C channels and
 * depth-to-space, i.e. the best purely linear (shift-invariant, per phase)
 * upscaler with a 5x5 LR support. A nonlinear network must beat it.
 */
public final class LinearSr implements Architecture {

	@Override
	public String name() {
		return "linear-sr";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int c = config.channels(), s = config.scale();
		final Layer net = Layer.root(tf, p);
		return net.sub("upsample").subPixel(net.sub("conv1").conv(input, 5, s * s * c, Init.xavier()), s);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return 2;
	}
}
