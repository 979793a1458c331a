package org.deepsr.nets;

import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MDSR (Lim et al., CVPRW 2017), the multi-scale EDSR: conv 3x3/width
 * ("head"), a scale-specific head of two 5x5 residual blocks
 * ({@code x<s>/pre1}, {@code x<s>/pre2}), the shared body of blocks 3x3
 * residual blocks and a convolution (as EDSR's, no residual scaling), a
 * scale-specific sub-pixel upsampler ({@code x<s>/upsample}) and the shared
 * conv 3x3/C' ("tail"). A graph is built for one scale and holds that
 * scale's branches; the weights of the shared layers are named alike at every
 * scale, so one checkpoint serves x2, x3 and x4 (the paper's model is the
 * union). Defaults width 64, 80 blocks. Reads width, blocks, skip.
 */
public final class Mdsr implements Architecture {

	private static final Set<Integer> SCALES = Set.of(2, 3, 4);

	@Override
	public String name() {
		return "mdsr";
	}

	@Override
	public String paper() {
		return "Lim et al., CVPRW 2017 (EDSR/MDSR)";
	}

	@Override
	public NetConfig.ChannelMode paperChannels() {
		return NetConfig.ChannelMode.RGB;
	}

	@Override
	public Set<Integer> scales() {
		return new java.util.TreeSet<>(SCALES);
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		final int s = config.scale();
		final Layer net = Layer.root(tf, p), branch = net.sub("x" + s);
		Operand<TFloat32> x = net.sub("head").conv(input, 3, config.widthOr(64), Init.torch());
		for (int i = 1; i <= 2; i++)
			x = Blocks.residual(branch.sub("pre" + i), x, 5, 1, Init.torch());
		x = Edsr.body(net.sub("body"), x, config.blocksOr(80), 3, 1);
		x = Blocks.upsample(branch.sub("upsample"), x, s, 1, Blocks.LINEAR, Init.torch());
		return Blocks.bicubicSkip(net, input, net.sub("tail").conv(x, 3, config.outChannels(), Init.torch()), config);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Radius.withSkip(Radius.subPixel(1 + 2 * 4 + 2 * config.blocksOr(80) + 1, config.scale(), 1), config);
	}
}
