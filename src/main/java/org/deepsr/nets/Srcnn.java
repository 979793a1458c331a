package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SRCNN (Dong et al. 2014), 9-1-5: the LR input is bicubic-upsampled inside
 * the graph, then conv 9x9/width ReLU, (depth-2) x conv 1x1/(width/2) ReLU,
 * conv 5x5/C'. Defaults width 64, depth 3 (the 9-1-5 network with 64/32 filters).
 */
public final class Srcnn implements Architecture {

	@Override
	public String name() {
		return "srcnn";
	}

	@Override
	public String paper() {
		return "Dong et al., TPAMI 2016 (SRCNN)";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		final int w = config.widthOr(64), w2 = Math.max(1, w / 2), depth = depth(config);
		final Layer net = Layer.root(tf, p);
		final Operand<TFloat32> up = net.sub("upsample").bicubic(input, config.scale());
		final Layer first = net.sub("conv1");
		Operand<TFloat32> x = first.relu(first.conv(up, 9, w, Init.he()));
		for (int i = 2; i < depth; i++) {
			final Layer hidden = net.sub("conv" + i);
			x = hidden.relu(hidden.conv(x, 1, w2, Init.he()));
		}
		final Operand<TFloat32> out = net.sub("conv" + depth).conv(x, 5, config.outChannels(), Init.xavier());
		return config.skip() ? net.sub("skip").add(out, up) : out;
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		depth(config);
		return Radius.bicubicThenConv(config.scale(), 4 + 2);
	}

	private int depth(final NetConfig config) {
		check(config);
		final int depth = config.depthOr(3);
		if (depth < 3) throw new IllegalArgumentException("SRCNN needs depth >= 3 (9x9, 1x1..., 5x5 layers), got " + depth + ".");
		return depth;
	}
}
