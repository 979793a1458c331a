package org.deepsr.nets;

import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Test-only network with batch norm right on the input, so that its batch
 * statistics are those of the LR pixels: "norm" batch norm (eps
 * {@link #EPS}), "feature" 1x1 conv to width (default 8) ReLU, "shuffle" 1x1
 * conv to s^2*C', "upsample" sub-pixel by s. Every layer is pixelwise
 * (receptive radius 0), so a hand computation needs no padding. Not
 * registered: {@link NetRegistry} is shared by the whole test run.
 */
public final class BatchNormNet implements Architecture {

	public static final float EPS = 1e-3f;

	@Override
	public String name() {
		return "batchnormnet";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters params) {
		return buildOutputs(tf, input, config, params).get(OUTPUT);
	}

	@Override
	public Map<String, Operand<TFloat32>> buildOutputs(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters params) {
		check(config);
		final int s = config.scale();
		final Layer net = Layer.root(tf, params);
		Operand<TFloat32> x = net.sub("norm").batchNorm(input, config.mode(), EPS);
		final Layer feature = net.sub("feature");
		x = feature.relu(feature.conv(x, 1, config.widthOr(8), Init.xavier()));
		x = net.sub("shuffle").conv(x, 1, s * s * config.outChannels(), Init.xavier());
		return net.outputs(net.sub("upsample").subPixel(x, s));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return 0;
	}
}
