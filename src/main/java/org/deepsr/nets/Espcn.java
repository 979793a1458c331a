package org.deepsr.nets;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ESPCN (Shi et al. 2016) on the LR image: conv 5x5/width tanh,
 * (depth-2) x conv 3x3/(width/2) tanh, conv 3x3/(s^2*C'), sub-pixel by s.
 * Defaults width 64, depth 3 (the paper's (f1,n1) = (5,64), (f2,n2) = (3,32), f3 = 3).
 */
public final class Espcn implements Architecture {

	@Override
	public String name() {
		return "espcn";
	}

	@Override
	public String paper() {
		return "Shi et al., CVPR 2016 (ESPCN)";
	}

	/** x2 to x16: the sub-pixel layer (TensorFlow's DepthToSpace) needs a block of at least 2. */
	@Override
	public Set<Integer> scales() {
		return IntStream.rangeClosed(2, 16).boxed().collect(Collectors.toCollection(TreeSet::new));
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int s = config.scale(), w = config.widthOr(64), w2 = Math.max(1, w / 2), depth = depth(config);
		final Layer net = Layer.root(tf, p);
		final Layer first = net.sub("conv1");
		Operand<TFloat32> x = first.tanh(first.conv(input, 5, w, Init.xavier()));
		for (int i = 2; i < depth; i++) {
			final Layer hidden = net.sub("conv" + i);
			x = hidden.tanh(hidden.conv(x, 3, w2, Init.xavier()));
		}
		x = net.sub("conv" + depth).conv(x, 3, s * s * config.outChannels(), Init.xavier());
		return Blocks.bicubicSkip(net, input, net.sub("upsample").subPixel(x, s), config);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		return Radius.withSkip(2 + (depth(config) - 1), config);
	}

	private int depth(final NetConfig config) {
		check(config);
		final int depth = config.depthOr(3);
		if (depth < 2) throw new IllegalArgumentException("ESPCN needs depth >= 2 (5x5 and 3x3 output layers), got " + depth + ".");
		return depth;
	}
}
