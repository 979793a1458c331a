package org.deepsr.nets;

import java.util.Arrays;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBicubic;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Building blocks shared by the architectures, and their receptive-field arithmetic. */
final class Layers {

	private static final java.util.List<Long> UNIT_STRIDES = Arrays.asList(1L, 1L, 1L, 1L);

	private Layers() {}

	/** k x k convolution, zero ("SAME") padding, with bias; variables {@code name/kernel}, {@code name/bias}. */
	static Operand<TFloat32> conv(final Ops tf, final Parameters p, final String name, final Operand<TFloat32> x,
		final int k, final int in, final int out, final Init init)
	{
		final Operand<TFloat32> kernel = p.get(tf, name + "/kernel", new long[] { k, k, in, out }, init);
		final Operand<TFloat32> bias = p.get(tf, name + "/bias", new long[] { out }, Init.constant(0));
		return tf.nn.biasAdd(tf.nn.conv2d(x, kernel, UNIT_STRIDES, "SAME"), bias);
	}

	/** PReLU written as relu(x) - a*relu(-x), so that it needs no custom gradient; slopes start at 0.25. */
	static Operand<TFloat32> prelu(final Ops tf, final Parameters p, final String name, final Operand<TFloat32> x, final int channels) {
		final Operand<TFloat32> alpha = p.get(tf, name + "/alpha", new long[] { channels }, Init.constant(0.25f));
		return tf.math.sub(tf.nn.relu(x), tf.math.mul(alpha, tf.nn.relu(tf.math.neg(x))));
	}

	/** TensorFlow's bicubic resize (Keys a = -0.5, half-pixel centres) by an integer factor. */
	static Operand<TFloat32> upsampleBicubic(final Ops tf, final Operand<TFloat32> x, final int scale) {
		final Operand<TInt32> hw = tf.slice(tf.shape(x), tf.constant(new int[] { 1 }), tf.constant(new int[] { 2 }));
		return tf.image.resizeBicubic(x, tf.math.mul(hw, tf.constant(scale)), ResizeBicubic.halfPixelCenters(true));
	}

	/** {@code out} plus the bicubic upscaled input when the configuration asks for the skip; {@code out} otherwise. */
	static Operand<TFloat32> withSkip(final Ops tf, final Operand<TFloat32> input, final Operand<TFloat32> out, final NetConfig config) {
		return config.skip() ? tf.math.add(out, upsampleBicubic(tf, input, config.scale())) : out;
	}

	/** A post-upsampling network's radius {@code radius}, widened to the bicubic taps when the skip is on. */
	static int withSkipRadius(final int radius, final NetConfig config) {
		return config.skip() ? Math.max(radius, bicubicThenConvRadius(config.scale(), 0)) : radius;
	}

	/** Transposed k x k convolution with stride {@code scale}: [N,H,W,in] to [N,sH,sW,out]. */
	static Operand<TFloat32> deconv(final Ops tf, final Parameters p, final String name, final Operand<TFloat32> x,
		final int k, final int scale, final int in, final int out, final Init init)
	{
		final Operand<TFloat32> kernel = p.get(tf, name + "/kernel", new long[] { k, k, out, in }, init);
		final Operand<TFloat32> bias = p.get(tf, name + "/bias", new long[] { out }, Init.constant(0));
		// output shape = input shape * [1,s,s,0] + [0,0,0,out]
		final Operand<TInt32> shape = tf.math.add(tf.math.mul(tf.shape(x), tf.constant(new int[] { 1, scale, scale, 0 })),
			tf.constant(new int[] { 0, 0, 0, out }));
		final long s = scale;
		return tf.nn.biasAdd(tf.nn.conv2dBackpropInput(shape, kernel, x, Arrays.asList(1L, s, s, 1L), "SAME"), bias);
	}

	/**
	 * LR radius of bicubic upsampling by {@code scale} followed by convolutions
	 * of total HR radius {@code hrRadius}: the HR pixels of LR block 0 are
	 * [0, s-1]; widened by the convolutions they need the LR taps of HR pixels
	 * -hrRadius .. s-1+hrRadius (all of them: taps are not monotonic in j,
	 * since a pixel that falls exactly on an LR centre uses that centre only).
	 */
	static int bicubicThenConvRadius(final int scale, final int hrRadius) {
		int radius = 0;
		for (int j = -hrRadius; j <= scale - 1 + hrRadius; j++)
			radius = Math.max(radius, Math.max(-bicubicFirstTap(j, scale), bicubicLastTap(j, scale)));
		return radius;
	}

	/** LR radius of a stride-{@code scale} transposed convolution with a k x k kernel and TF "SAME" padding. */
	static int deconvRadius(final int k, final int scale) {
		// HR j receives LR i where j = s*i + t - padBefore, t in [0,k).
		final int padBefore = Math.max(k - scale, 0) / 2;
		final int first = Math.floorDiv(k - 1 - padBefore, scale); // = -ceil((j+pb-k+1)/s) at j = 0
		final int last = Math.floorDiv(scale - 1 + padBefore, scale);
		return Math.max(first, last);
	}

	// HR pixel j samples LR position x = (j+0.5)/s - 0.5 with taps floor(x)-1..floor(x)+2;
	// at integer x the cubic kernel is zero at all other taps.
	private static int bicubicFirstTap(final int j, final int s) {
		final int num = 2 * j + 1 - s, den = 2 * s;
		final int floor = Math.floorDiv(num, den);
		return Math.floorMod(num, den) == 0 ? floor : floor - 1;
	}

	private static int bicubicLastTap(final int j, final int s) {
		final int num = 2 * j + 1 - s, den = 2 * s;
		final int floor = Math.floorDiv(num, den);
		return Math.floorMod(num, den) == 0 ? floor : floor + 2;
	}
}
