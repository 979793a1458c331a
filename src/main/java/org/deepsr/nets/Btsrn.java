package org.deepsr.nets;

import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * BTSRN (Fan et al., CVPRW 2017), as its reference code builds it
 * (ychfan/sr_ntire2017, model_resnet_up.py): conv 1x1/width ("input"); an
 * LR stage of blocks projection-convolution blocks ({@code lr<i>}: x plus
 * conv 3x3/width of leaky ReLU of a 1x1 projection to width/2 of leaky ReLU
 * of x); upsampling as the sum of nearest-neighbour upsampling and an s x s
 * stride-s transposed convolution of leaky ReLU of x (x4: two x2 stages with
 * a block between them, {@code up1}, {@code between}, {@code up2}); an HR
 * stage of depth blocks ({@code hr<i>}); leaky ReLU and conv 1x1/C'
 * ("exit"), added to the bicubic upscaled input (the code trains on the
 * residual). Leaky ReLU 0.2. The code's convolutions are "valid" and crop
 * the skips; here they are zero padded, like every network of the catalogue.
 * Defaults width 128, blocks 6, depth 4. Reads width, blocks, depth. x2, x3, x4.
 */
public final class Btsrn implements Architecture {

	private static final float SLOPE = 0.2f;

	@Override
	public String name() {
		return "btsrn";
	}

	@Override
	public String paper() {
		return "Fan et al., CVPRW 2017 (BTSRN)";
	}

	@Override
	public NetConfig.ChannelMode paperChannels() {
		return NetConfig.ChannelMode.RGB;
	}

	@Override
	public Set<Integer> scales() {
		return new java.util.TreeSet<>(Set.of(2, 3, 4));
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int w = width(config), s = config.scale();
		final Layer net = Layer.root(tf, p);
		Operand<TFloat32> x = net.sub("input").conv(input, 1, w, Init.torch());
		for (int i = 1; i <= config.blocksOr(6); i++) x = block(net.sub("lr" + i), x);
		if (s == 4) {
			x = upsample(net.sub("up1"), x, 2);
			x = block(net.sub("between"), x);
			x = upsample(net.sub("up2"), x, 2);
		} else {
			x = upsample(net.sub("up"), x, s);
		}
		for (int i = 1; i <= config.depthOr(4); i++) x = block(net.sub("hr" + i), x);
		final Layer out = net.sub("exit"), skip = net.sub("skip");
		return skip.add(out.conv(out.leakyRelu(x, SLOPE), 1, config.outChannels(), Init.torch()), skip.bicubic(input, s));
	}

	/** The projection convolution block: x + conv3x3(lrelu(conv1x1(lrelu(x)))), the 1x1 projecting to half the channels. */
	private static Operand<TFloat32> block(final Layer block, final Operand<TFloat32> x) {
		final int c = block.channels(x);
		final Layer project = block.sub("project"), filter = block.sub("filter");
		final Operand<TFloat32> y = project.conv(project.leakyRelu(x, SLOPE), 1, c / 2, Init.torch());
		return block.add(x, filter.conv(filter.leakyRelu(y, SLOPE), 3, c, Init.torch()));
	}

	/** Nearest-neighbour upsampling plus a learnt s x s stride-s transposed convolution (each output pixel from its own input pixel). */
	private static Operand<TFloat32> upsample(final Layer up, final Operand<TFloat32> x, final int s) {
		return up.add(up.nearest(x, s), up.deconv(up.leakyRelu(x, SLOPE), s, s, up.channels(x), Init.torch()));
	}

	private int width(final NetConfig config) {
		check(config);
		Vdsr.checkResidual("BTSRN", config);
		final int w = config.widthOr(128);
		if (w % 2 != 0) throw new IllegalArgumentException("BTSRN projects to half its width: give an even width, not " + w + ".");
		return w;
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		width(config);
		final int s = config.scale(), hr = config.depthOr(4);
		// every block has one 3x3 convolution; the 1x1 ones and the upsampling reach no further
		final int r = s == 4 ? Radius.upsampled(config.blocksOr(6), new int[] { 2, 2 }, new int[] { 1, hr }) : Radius.upsampled(config.blocksOr(6), new int[] { s }, new int[] { hr });
		return Math.max(r, Radius.bicubicThenConv(s, 0));
	}
}
