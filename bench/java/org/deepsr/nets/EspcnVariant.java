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
		final Layer net = Layer.root(tf, p), conv1 = net.sub("conv1"), conv2 = net.sub("conv2");
		Operand<TFloat32> x = conv1.tanh(conv1.conv(tf.math.sub(input, shift), 5, w, Init.xavier()));
		x = conv2.tanh(conv2.conv(x, 3, w2, Init.xavier()));
		x = net.sub("conv3").conv(x, 3, s * s * c, Init.xavier().times(lastInitScale));
		return tf.math.add(net.sub("upsample").subPixel(x, s), shift);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return 4;
	}
}
