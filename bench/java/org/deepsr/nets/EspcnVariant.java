package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Bench-only ESPCN (64/32, tanh, 3 layers) with two knobs for the plateau
 * experiments: a constant subtracted from the input before the first tanh
 * layer (and added back to the output), and a factor on the last layer's
 * initial weights.
 */
public final class EspcnVariant implements Architecture {

	private final String name;
	private final float inputShift;
	private final float lastInitScale;

	public EspcnVariant(final String name, final float inputShift, final float lastInitScale) {
		this.name = name;
		this.inputShift = inputShift;
		this.lastInitScale = lastInitScale;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int c = config.channels(), s = config.scale(), w = config.widthOr(64), w2 = w / 2;
		final Operand<TFloat32> shift = tf.constant(inputShift);
		Operand<TFloat32> x = tf.math.tanh(Layers.conv(tf, p, "conv1", tf.math.sub(input, shift), 5, c, w, Init.xavier(25 * c, 25 * w)));
		x = tf.math.tanh(Layers.conv(tf, p, "conv2", x, 3, w, w2, Init.xavier(9 * w, 9 * w2)));
		final Init last = Init.xavier(9 * w2, 9 * s * s * c);
		x = Layers.conv(tf, p, "conv3", x, 3, w2, s * s * c, (n, rng) -> {
			final float[] v = last.values(n, rng);
			for (int i = 0; i < n; i++) v[i] *= lastInitScale;
			return v;
		});
		return tf.math.add(tf.nn.depthToSpace(x, (long) s), shift);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return 4;
	}
}
