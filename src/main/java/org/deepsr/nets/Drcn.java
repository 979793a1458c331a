package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * DRCN (Kim et al., CVPR 2016): the LR input is bicubic-upsampled inside the
 * graph; an embedding net (two 3x3/width convolutions with ReLU), one 3x3
 * convolution with ReLU applied recursions times with shared weights
 * ({@code infer/step1}, reused by {@code step2}, ...), and after every
 * recursion the shared reconstruction net (conv 3x3/width ReLU, conv 3x3/C')
 * plus the upsampled input: prediction y_d, a side output
 * {@code recursion<d>} for recursive supervision. The output is the
 * ensemble sum of w_d y_d, w_d learnt from 1/recursions
 * ({@code ensemble/w<d>}). Defaults width 256, 16 recursions. Reads width,
 * recursions. Train it with gradient clipping.
 */
public final class Drcn implements Architecture {

	@Override
	public String name() {
		return "drcn";
	}

	@Override
	public String paper() {
		return "Kim et al., CVPR 2016 (DRCN)";
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		return buildOutputs(tf, input, config, p).get(OUTPUT);
	}

	@Override
	public java.util.Map<String, Operand<TFloat32>> buildOutputs(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		Vdsr.checkResidual(name(), config);
		final int w = config.widthOr(256), depth = config.recursionsOr(16);
		final Layer net = Layer.root(tf, p), embed = net.sub("embed"), infer = net.sub("infer"), reconstruct = net.sub("reconstruct"), ensemble = net.sub("ensemble");
		final Operand<TFloat32> up = net.sub("upsample").bicubic(input, config.scale());
		final Layer e1 = embed.sub("conv1"), e2 = embed.sub("conv2");
		Operand<TFloat32> h = e2.relu(e2.conv(e1.relu(e1.conv(up, 3, w, Init.he())), 3, w, Init.he()));
		Layer step1 = null, rec1 = null;
		final java.util.List<Operand<TFloat32>> predictions = new java.util.ArrayList<>();
		for (int d = 1; d <= depth; d++) {
			final Layer step = d == 1 ? (step1 = infer.sub("step1")) : infer.again("step" + d, step1);
			h = step.relu(step.conv(h, 3, w, Init.he()));
			final Layer rec = d == 1 ? (rec1 = reconstruct.sub("at1")) : reconstruct.again("at" + d, rec1);
			final Layer r1 = rec.sub("conv1"), r2 = rec.sub("conv2");
			predictions.add(rec.output("recursion" + d, rec.add(up, r2.conv(r1.relu(r1.conv(h, 3, w, Init.he())), 3, config.outChannels(), Init.he()))));
		}
		return net.outputs(Blocks.ensemble(ensemble, predictions));
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		return Radius.bicubicThenConv(config.scale(), 2 + config.recursionsOr(16) + 2);
	}
}
