package org.deepsr.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * CMSC (Hu et al., 2018, cascaded multi-scale cross network): the LR input
 * is bicubic-upsampled inside the graph; a feature net (two 3x3/width
 * convolutions with ReLU, "feature") gives h_0; blocks cascaded stages, stage
 * k a stack of depth multi-scale cross modules over h_{k-1} plus h_0 (the
 * residual features), h_k; after every stage the shared reconstruction
 * (conv 3x3/C', "reconstruct/at1" reused) plus the upsampled input gives a
 * prediction, a side output {@code stage<k>} for cascaded supervision; the
 * output is their learnt weighted sum ({@link Blocks#ensemble}). A module
 * has two branches of different receptive fields, 3x3 convolutions and
 * 3x3 convolutions dilated by 2 (5x5), two layers each with ReLU, crossed by
 * merge-and-run (after each layer both branches continue from the mean of
 * their inputs plus their own output); it returns the branches' mean.
 * Defaults width 64, 4 stages of 2 modules. Reads width, blocks (stages),
 * depth (modules per stage).
 */
public final class Cmsc implements Architecture {

	@Override
	public String name() {
		return "cmsc";
	}

	@Override
	public String paper() {
		return "Hu et al., arXiv 2018 (CMSC)";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		return buildOutputs(tf, input, config, p).get(OUTPUT);
	}

	@Override
	public Map<String, Operand<TFloat32>> buildOutputs(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		Vdsr.checkResidual("CMSC", config);
		final int w = config.widthOr(64), modules = config.depthOr(2);
		final Layer net = Layer.root(tf, p), feature = net.sub("feature"), reconstruct = net.sub("reconstruct");
		final Operand<TFloat32> up = net.sub("upsample").bicubic(input, config.scale());
		final Layer f1 = feature.sub("conv1"), f2 = feature.sub("conv2");
		final Operand<TFloat32> h0 = f2.relu(f2.conv(f1.relu(f1.conv(up, 3, w, Init.he())), 3, w, Init.he()));
		final List<Operand<TFloat32>> predictions = new ArrayList<>();
		Operand<TFloat32> h = h0;
		Layer first = null;
		for (int k = 1; k <= config.blocksOr(4); k++) {
			final Layer stage = net.sub("stage" + k);
			Operand<TFloat32> x = h;
			for (int m = 1; m <= modules; m++) x = cross(stage.sub("module" + m), x);
			h = stage.add(h0, x);
			final Layer rec = k == 1 ? (first = reconstruct.sub("at1")) : reconstruct.again("at" + k, first);
			predictions.add(rec.output("stage" + k, rec.add(up, rec.conv(h, 3, config.outChannels(), Init.he()))));
		}
		return net.outputs(Blocks.ensemble(net.sub("ensemble"), predictions));
	}

	/** One multi-scale cross module: branches a (3x3) and b (3x3 dilated by 2), two layers each, merge-and-run between them. */
	private static Operand<TFloat32> cross(final Layer module, final Operand<TFloat32> x) {
		final int c = module.channels(x);
		Operand<TFloat32> a = x, b = x;
		for (int i = 1; i <= 2; i++) {
			final Layer la = module.sub("a" + i), lb = module.sub("b" + i), merge = module.sub("merge" + i);
			final Operand<TFloat32> mean = i == 1 ? x : merge.scale(merge.add(a, b), 0.5f);
			final Operand<TFloat32> fa = la.relu(la.conv(a, 3, c, Init.he())), fb = lb.relu(lb.conv(b, 3, c, 1, 2, Init.he()));
			a = merge.add(mean, fa);
			b = merge.add(mean, fb);
		}
		final Layer out = module.sub("mean");
		return out.scale(out.add(a, b), 0.5f);
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		// feature 2, each module two dilated 3x3 layers (2 each), reconstruction 1, at HR
		return Radius.bicubicThenConv(config.scale(), 2 + 4 * config.blocksOr(4) * config.depthOr(2) + 1);
	}
}
