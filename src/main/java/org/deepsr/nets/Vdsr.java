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
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int c = config.channels(), w = config.widthOr(64), depth = depth(config);
		final Operand<TFloat32> up = Layers.upsampleBicubic(tf, input, config.scale());
		Operand<TFloat32> x = tf.nn.relu(Layers.conv(tf, p, "conv1", up, 3, c, w, Init.he(9 * c)));
		for (int i = 2; i < depth; i++)
			x = tf.nn.relu(Layers.conv(tf, p, "conv" + i, x, 3, w, w, Init.he(9 * w)));
		final Operand<TFloat32> residual = Layers.conv(tf, p, "conv" + depth, x, 3, w, c, Init.he(9 * w));
		return tf.math.add(up, residual);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return Layers.bicubicThenConvRadius(config.scale(), depth(config));
	}

	private static int depth(final NetConfig config) {
		final int depth = config.depthOr(20);
		if (config.skip()) throw new IllegalArgumentException("VDSR always adds its bicubic input: leave the bicubic skip off.");
		if (depth < 2) throw new IllegalArgumentException("VDSR needs depth >= 2, got " + depth + ".");
		return depth;
	}
}
