package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ESPCN (Shi et al. 2016) on the LR image: conv 5x5/width tanh,
 * (depth-2) x conv 3x3/(width/2) tanh, conv 3x3/(s^2*C), depth-to-space by s.
 * Defaults width 64, depth 3.
 */
public final class Espcn implements Architecture {

	@Override
	public String name() {
		return "espcn";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int c = config.channels(), s = config.scale(), w = config.widthOr(64), w2 = Math.max(1, w / 2), depth = depth(config);
		Operand<TFloat32> x = tf.math.tanh(Layers.conv(tf, p, "conv1", input, 5, c, w, Init.xavier(25 * c, 25 * w)));
		int in = w;
		for (int i = 2; i < depth; i++) {
			x = tf.math.tanh(Layers.conv(tf, p, "conv" + i, x, 3, in, w2, Init.xavier(9 * in, 9 * w2)));
			in = w2;
		}
		x = Layers.conv(tf, p, "conv" + depth, x, 3, in, s * s * c, Init.xavier(9 * in, 9 * s * s * c));
		return Layers.withSkip(tf, input, tf.nn.depthToSpace(x, (long) s), config);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return Layers.withSkipRadius(2 + (depth(config) - 1), config);
	}

	private static int depth(final NetConfig config) {
		final int depth = config.depthOr(3);
		if (depth < 2) throw new IllegalArgumentException("ESPCN needs depth >= 2 (5x5 and 3x3 output layers), got " + depth + ".");
		return depth;
	}
}
