package org.deepsr.nets;

import java.util.Map;
import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MS-LapSRN (Lai et al., TPAMI 2018) on the LR image: LapSRN's pyramid of
 * x2 levels ({@link Lapsrn}) with one set of weights for every level, as the
 * reference code (init_MSLapSRN_model.m) builds it. Conv 3x3/width
 * ("input"); at each level a recursive block of depth pre-activated
 * convolutions (leaky ReLU 0.2, conv 3x3/width), applied recursions times
 * with shared weights, each application's output plus the level's input
 * (the shared-source local skip); leaky ReLU and a 3x3 stride-2 transposed
 * convolution to the next level's features; LapSRN's image branch
 * ({@link Lapsrn#reconstruct}). The block, the feature upsampling, the
 * residual and image layers are those of level 1 ({@code level1/...})
 * reused at every level ({@link Layer#again}), so x2, x4 and x8 share one
 * set of weights. Levels below the last are side outputs. Defaults width
 * 64, depth 5, recursions 8 (D5R8). Reads width, depth, recursions. x2, x4, x8.
 */
public final class MsLapsrn implements Architecture {

	private static final float SLOPE = 0.2f;

	@Override
	public String name() {
		return "ms-lapsrn";
	}

	@Override
	public String paper() {
		return "Lai et al., TPAMI 2018 (MS-LapSRN)";
	}

	@Override
	public Set<Integer> scales() {
		return new Lapsrn().scales();
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		return buildOutputs(tf, input, config, p).get(OUTPUT);
	}

	@Override
	public Map<String, Operand<TFloat32>> buildOutputs(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		Vdsr.checkResidual("MS-LapSRN", config);
		final int w = config.widthOr(64), depth = config.depthOr(5), recursions = config.recursionsOr(8), c = config.outChannels();
		final int levels = Integer.numberOfTrailingZeros(config.scale());
		final Layer net = Layer.root(tf, p);
		Operand<TFloat32> feature = net.sub("input").conv(input, 3, w, Init.he()), image = input;
		Layer block = null, upsample = null, residual = null, imageUp = null;
		for (int l = 1; l <= levels; l++) {
			final Layer level = net.sub("level" + l);
			final Operand<TFloat32> source = feature;
			for (int r = 1; r <= recursions; r++) {
				final Layer recursion = block == null ? (block = level.sub("recursion1")) : level.again("recursion" + r, block);
				Operand<TFloat32> x = feature;
				for (int d = 1; d <= depth; d++) {
					final Layer conv = recursion.sub("conv" + d);
					x = conv.conv(conv.leakyRelu(x, SLOPE), 3, w, Init.he());
				}
				feature = recursion.add(x, source);
			}
			final Layer up = l == 1 ? (upsample = level.sub("upsample")) : level.again("upsample", upsample);
			feature = up.deconv(up.leakyRelu(feature, SLOPE), 3, 2, w, Init.he());
			final Layer res = l == 1 ? (residual = level.sub("residual")) : level.again("residual", residual);
			final Layer img = l == 1 ? (imageUp = level.sub("image")) : level.again("image", imageUp);
			image = Lapsrn.reconstruct(net, level, img, res, image, feature, l, levels, c);
		}
		return net.outputs(image);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Lapsrn.radius(config.scale(), config.depthOr(5) * config.recursionsOr(8));
	}
}
