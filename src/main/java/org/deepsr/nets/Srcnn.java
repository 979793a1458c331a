package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SRCNN (Dong et al. 2014), 9-1-5: the LR input is bicubic-upsampled inside
 * the graph, then conv 9x9/width ReLU, (depth-2) x conv 1x1/(width/2) ReLU,
 * conv 5x5/C. Defaults width 64, depth 3 (the 9-1-5 network with 64/32 filters).
 */
public final class Srcnn implements Architecture {

	@Override
	public String name() {
		return "srcnn";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int c = config.channels(), w = config.widthOr(64), w2 = Math.max(1, w / 2), depth = depth(config);
		final Operand<TFloat32> up = Layers.upsampleBicubic(tf, input, config.scale());
		Operand<TFloat32> x = tf.nn.relu(Layers.conv(tf, p, "conv1", up, 9, c, w, Init.he(81 * c)));
		int in = w;
		for (int i = 2; i < depth; i++) {
			x = tf.nn.relu(Layers.conv(tf, p, "conv" + i, x, 1, in, w2, Init.he(in)));
			in = w2;
		}
		final Operand<TFloat32> out = Layers.conv(tf, p, "conv" + depth, x, 5, in, c, Init.xavier(25 * in, 25 * c));
		return config.skip() ? tf.math.add(out, up) : out;
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		depth(config);
		return Layers.bicubicThenConvRadius(config.scale(), 4 + 2);
	}

	private static int depth(final NetConfig config) {
		final int depth = config.depthOr(3);
		if (depth < 3) throw new IllegalArgumentException("SRCNN needs depth >= 3 (9x9, 1x1..., 5x5 layers), got " + depth + ".");
		return depth;
	}
}
