package org.deepsr.nets;

import java.util.Map;
import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SRResNet (Ledig et al., CVPR 2017, Fig. 4), SRGAN's generator, on the LR
 * image: conv 9x9/width PReLU ("head"); blocks residual blocks (conv 3x3,
 * batch norm, PReLU, conv 3x3, batch norm, plus x); conv 3x3, batch norm,
 * plus the head's output ("body"); the sub-pixel upsampler with PReLU after
 * each x2 stage; conv 9x9/C' ("tail"). Defaults width 64, 16 blocks. Batch
 * norm uses PyTorch's eps 1e-5; in {@link NetConfig.Mode#TRAIN} it
 * normalises by the batch and records its statistics. Reads width, blocks,
 * skip. x2, x3, x4, x8.
 */
public final class Srresnet implements Architecture {

	private static final float EPS = 1e-5f;

	@Override
	public String name() {
		return "srresnet";
	}

	@Override
	public String paper() {
		return "Ledig et al., CVPR 2017 (SRResNet/SRGAN)";
	}

	@Override
	public NetConfig.ChannelMode paperChannels() {
		return NetConfig.ChannelMode.RGB;
	}

	@Override
	public Set<Integer> scales() {
		return Blocks.UPSAMPLE_SCALES;
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		return buildOutputs(tf, input, config, p).get(OUTPUT);
	}

	@Override
	public Map<String, Operand<TFloat32>> buildOutputs(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		final NetConfig.Mode mode = config.mode();
		final int w = config.widthOr(64);
		final Layer net = Layer.root(tf, p), body = net.sub("body");
		final Layer head = net.sub("head");
		final Operand<TFloat32> first = head.prelu(head.conv(input, 9, w, Init.he()));
		Operand<TFloat32> x = first;
		for (int i = 1; i <= config.blocksOr(16); i++) {
			final Layer block = body.sub("block" + i);
			final Layer conv1 = block.sub("conv1"), norm1 = block.sub("norm1"), conv2 = block.sub("conv2"), norm2 = block.sub("norm2");
			final Operand<TFloat32> y = norm1.prelu(norm1.batchNorm(conv1.conv(x, 3, w, Init.he()), mode, EPS));
			x = block.add(x, norm2.batchNorm(conv2.conv(y, 3, w, Init.he()), mode, EPS));
		}
		x = body.add(first, body.sub("norm").batchNorm(body.sub("conv").conv(x, 3, w, Init.he()), mode, EPS));
		x = Blocks.upsample(net.sub("upsample"), x, config.scale(), 1, Layer::prelu, Init.he());
		return net.outputs(Blocks.bicubicSkip(net, input, net.sub("tail").conv(x, 9, config.outChannels(), Init.xavier()), config));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Radius.withSkip(Radius.subPixel(4 + 2 * config.blocksOr(16) + 1, config.scale(), 4), config);
	}
}
