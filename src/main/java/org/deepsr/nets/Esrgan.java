package org.deepsr.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ESRGAN's generator, RRDBNet (Wang et al., ECCV Workshops 2018), on the LR
 * image: conv 3x3/width ("head"); blocks residual-in-residual dense blocks
 * ({@code rrdb<i>}: three residual dense blocks, each five 3x3 convolutions
 * densely connected, growth width/2, leaky ReLU 0.2 after the first four,
 * the fifth back to width, the block's output scaled by the residual scale
 * and added to its input; the three together scaled and added again) and a
 * 3x3 convolution, plus the head's output ("body"); upsampling stages of
 * nearest-neighbour x2 (x3 once for x3) and conv 3x3 leaky ReLU; conv 3x3
 * leaky ReLU ("hr"), conv 3x3/C' ("tail"). Defaults width 64, 23 blocks,
 * residual scale 0.2; weights He-initialised and scaled by 0.1 in the blocks,
 * as in the reference code. Reads width, blocks, residual scale, skip.
 * x2, x3, x4, x8 (the paper trains x4).
 */
public final class Esrgan implements Architecture {

	private static final float SLOPE = 0.2f;

	@Override
	public String name() {
		return "esrgan";
	}

	@Override
	public String paper() {
		return "Wang et al., ECCV Workshops 2018 (ESRGAN)";
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
		check(config);
		final int w = config.widthOr(64), growth = Math.max(1, w / 2);
		final float beta = config.residualScaleOr(0.2f);
		final Layer net = Layer.root(tf, p), body = net.sub("body");
		final Operand<TFloat32> head = net.sub("head").conv(input, 3, w, Init.he());
		Operand<TFloat32> x = head;
		for (int i = 1; i <= config.blocksOr(23); i++) {
			final Layer rrdb = body.sub("rrdb" + i);
			Operand<TFloat32> y = x;
			for (int j = 1; j <= 3; j++)
				y = denseBlock(rrdb.sub("rdb" + j), y, growth, beta);
			x = rrdb.add(x, rrdb.scale(y, beta));
		}
		x = body.add(head, body.sub("conv").conv(x, 3, w, Init.he()));
		final int[] stages = Blocks.upsampleStages(config.scale());
		final Layer up = net.sub("upsample");
		for (int i = 0; i < stages.length; i++) {
			final Layer conv = up.sub("conv" + (i + 1));
			x = conv.leakyRelu(conv.conv(conv.nearest(x, stages[i]), 3, w, Init.he()), SLOPE);
		}
		final Layer hr = net.sub("hr");
		x = hr.leakyRelu(hr.conv(x, 3, w, Init.he()), SLOPE);
		return Blocks.bicubicSkip(net, input, net.sub("tail").conv(x, 3, config.outChannels(), Init.he()), config);
	}

	/** x + beta * conv5([x, y1..y4]), y_k = lrelu(conv_k([x, y1..y_{k-1}])) with growth channels. */
	private static Operand<TFloat32> denseBlock(final Layer block, final Operand<TFloat32> x, final int growth, final float beta) {
		final Init small = Init.he().times(0.1);
		final List<Operand<TFloat32>> features = new ArrayList<>();
		features.add(x);
		for (int k = 1; k <= 4; k++) {
			final Layer conv = block.sub("conv" + k);
			final Operand<TFloat32> in = k == 1 ? x : conv.concat(new ArrayList<>(features));
			features.add(conv.leakyRelu(conv.conv(in, 3, growth, small), SLOPE));
		}
		final Layer last = block.sub("conv5");
		return block.add(x, block.scale(last.conv(last.concat(features), 3, block.channels(x), small), beta));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		final int[] stages = Blocks.upsampleStages(config.scale()), radii = new int[stages.length];
		java.util.Arrays.fill(radii, 1);
		radii[radii.length - 1] = 3; // the last stage's conv, "hr" and "tail" at full resolution
		return Radius.withSkip(Radius.upsampled(1 + 15 * config.blocksOr(23) + 1, stages, radii), config);
	}
}
