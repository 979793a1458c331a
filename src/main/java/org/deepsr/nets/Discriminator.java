package org.deepsr.nets;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A GAN's discriminator: HR images NHWC {@code [N,S,S,C]} in, one logit per
 * image {@code [N,1]} out (real &gt; 0; the losses apply the sigmoid, so the
 * papers' final sigmoid is not in the graph). Both are VGG-style stacks of
 * 3x3 stride-1 and strided convolutions, channels doubling from width to
 * 8 x width over four stages, batch norm (eps 1e-5, PyTorch's) after every
 * convolution but the first, which alone has a bias, leaky ReLU 0.2, then
 * two dense layers; PyTorch's default initialisation. The dense layers fix
 * the image side S, which must be a multiple of 16 ({@code srgan}) or 32
 * ({@code esrgan}).
 * <ul>
 * <li>{@code srgan}: SRGAN's discriminator (Ledig et al., CVPR 2017, Fig. 4):
 * conv 3x3/w; seven conv 3x3 alternately stride 2 and 1 (w s2, 2w, 2w s2, 4w,
 * 4w s2, 8w, 8w s2; padding 1); dense 16w (1024), leaky ReLU, dense 1.</li>
 * <li>{@code esrgan}: ESRGAN's, BasicSR's {@code VGGStyleDiscriminator128}
 * ({@code basicsr/archs/discriminator_arch.py}): five stages of conv 3x3
 * stride 1 and conv 4x4 stride 2 (padding 1), w, 2w, 4w, 8w, 8w; dense 100,
 * leaky ReLU, dense 1. At 128 x 128 as in the paper.</li>
 * </ul>
 * In {@link NetConfig.Mode#TRAIN} batch norm normalises by the batch and
 * records its statistics as side outputs, as the generators' does.
 */
public final class Discriminator {

	/** The names {@link #byName} knows. */
	public static final List<String> NAMES = List.of("srgan", "esrgan");
	/** Base width of the papers' configuration. */
	public static final int WIDTH = 64;
	private static final float SLOPE = 0.2f, EPS = 1e-5f;

	private final String name;

	private Discriminator(final String name) {
		this.name = name;
	}

	/** "srgan" or "esrgan", case-insensitive. */
	public static Discriminator byName(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		if (!NAMES.contains(n)) throw new IllegalArgumentException("Unknown discriminator '" + name + "': use " + String.join(" or ", NAMES) + ".");
		return new Discriminator(n);
	}

	public String name() {
		return name;
	}

	/** The image side the paper trains at: 96 (SRGAN), 128 (ESRGAN). */
	public int paperSize() {
		return "srgan".equals(name) ? 96 : 128;
	}

	/** What the image side must be a multiple of: 2 to the number of stride-2 convolutions. */
	public int sizeStep() {
		return "srgan".equals(name) ? 16 : 32;
	}

	/** Refuses an image side or width it cannot be built for, in one line. */
	public void check(final int size, final int width) {
		if (width < 1) throw new IllegalArgumentException("The " + name + " discriminator's width must be >= 1, got " + width + ".");
		if (size < sizeStep() || size % sizeStep() != 0)
			throw new IllegalArgumentException("The " + name + " discriminator needs HR patches whose side is a multiple of " + sizeStep() + ", got " + size + ": choose the LR patch so that patch x scale is one (" + name + " trains at " + paperSize() + ").");
	}

	/**
	 * @param images NHWC {@code [N,S,S,C]} with C static (S may be unknown in the graph: it is reshaped to {@code size})
	 * @param size the image side S
	 * @param width base width (the papers' 64)
	 * @param mode {@link NetConfig.Mode#TRAIN}: batch statistics, recorded as side outputs "X/batch_mean" and "X/batch_variance"
	 * @return "output", the logits [N,1], then the side outputs
	 */
	public Map<String, Operand<TFloat32>> buildOutputs(final Ops tf, final Operand<TFloat32> images, final int size, final int width, final NetConfig.Mode mode, final Parameters p) {
		check(size, width);
		final Layer net = Layer.root(tf, p);
		final int c = net.channels(images);
		Operand<TFloat32> x = tf.withName("images").reshape(images, tf.withName("image_shape").constant(new int[] { -1, size, size, c }));
		final Layer first = net.sub("conv0");
		x = first.leakyRelu(first.conv(x, 3, width, 1, 1, true, Init.torch()), SLOPE);
		// (kernel, stride, channels) of the convolutions after the first, each with batch norm
		final int[][] convs = "srgan".equals(name)
			? new int[][] { { 3, 2, 1 }, { 3, 1, 2 }, { 3, 2, 2 }, { 3, 1, 4 }, { 3, 2, 4 }, { 3, 1, 8 }, { 3, 2, 8 } }
			: new int[][] { { 4, 2, 1 }, { 3, 1, 2 }, { 4, 2, 2 }, { 3, 1, 4 }, { 4, 2, 4 }, { 3, 1, 8 }, { 4, 2, 8 }, { 3, 1, 8 }, { 4, 2, 8 } };
		for (int i = 0; i < convs.length; i++) {
			final Layer conv = net.sub("conv" + (i + 1));
			x = conv.leakyRelu(conv.batchNorm(conv.conv(x, convs[i][0], convs[i][2] * width, convs[i][1], 1, false, Init.torch()), mode, EPS), SLOPE);
		}
		final Layer dense1 = net.sub("dense1"), dense2 = net.sub("dense2");
		x = dense1.leakyRelu(dense1.dense(x, "srgan".equals(name) ? 16 * width : 100, Init.torch()), SLOPE);
		return net.outputs(dense2.dense(x, 1, Init.torch()));
	}

	@Override
	public String toString() {
		return name;
	}
}
