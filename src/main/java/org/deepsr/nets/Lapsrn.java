package org.deepsr.nets;

import java.util.Map;
import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * LapSRN (Lai et al., CVPR 2017) on the LR image, one pyramid level per x2:
 * conv 3x3/width leaky ReLU 0.2 ("input"); at level l ({@code level<l>}) the
 * feature branch, depth 3x3/width convolutions and a 4x4 stride-2
 * transposed convolution, each with leaky ReLU, then conv 3x3/C' (the
 * residual), and the image branch, a 4x4 stride-2 transposed convolution of
 * the previous level's image started as bilinear upsampling; the level's
 * image is their sum. Every level but the last is a side output
 * ({@code x2}, {@code x4}) for the multi-level (Charbonnier) loss. Levels do
 * not share weights (MS-LapSRN's recursion is not built). Defaults width 64,
 * depth 10. Reads width, depth. x2, x4, x8.
 */
public final class Lapsrn implements Architecture {

	private static final float SLOPE = 0.2f;

	@Override
	public String name() {
		return "lapsrn";
	}

	@Override
	public String paper() {
		return "Lai et al., CVPR 2017 (LapSRN)";
	}

	@Override
	public Set<Integer> scales() {
		return new java.util.TreeSet<>(Set.of(2, 4, 8));
	}

	@Override
	public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		return buildOutputs(tf, input, config, p).get(OUTPUT);
	}

	@Override
	public Map<String, Operand<TFloat32>> buildOutputs(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters p) {
		check(config);
		Vdsr.checkResidual("LapSRN", config);
		final int w = config.widthOr(64), depth = config.depthOr(10), levels = Integer.numberOfTrailingZeros(config.scale()), c = config.outChannels();
		final Layer net = Layer.root(tf, p), in = net.sub("input");
		Operand<TFloat32> feature = in.leakyRelu(in.conv(input, 3, w, Init.he()), SLOPE), image = input;
		for (int l = 1; l <= levels; l++) {
			final Layer level = net.sub("level" + l);
			for (int i = 1; i <= depth; i++) {
				final Layer conv = level.sub("conv" + i);
				feature = conv.leakyRelu(conv.conv(feature, 3, w, Init.he()), SLOPE);
			}
			final Layer up = level.sub("upsample");
			feature = up.leakyRelu(up.deconv(feature, 4, 2, w, Init.he()), SLOPE);
			final Operand<TFloat32> residual = level.sub("residual").conv(feature, 3, c, Init.he());
			image = level.add(level.sub("image").deconv(image, 4, 2, c, Lapsrn::bilinear), residual);
			if (l < levels) net.output("x" + (1 << l), image);
		}
		return net.outputs(image);
	}

	/** A 4x4 transposed-convolution kernel [4,4,C,C] that upsamples each channel bilinearly by 2 (off-diagonal zero). */
	private static float[] bilinear(final long[] shape, final java.util.Random rng) {
		final int k = (int) shape[0], out = (int) shape[2], in = (int) shape[3];
		final float[] v = new float[k * k * out * in];
		final double factor = (k + 1) / 2, centre = k % 2 == 1 ? factor - 1 : factor - 0.5;
		for (int y = 0; y < k; y++)
			for (int x = 0; x < k; x++)
				for (int ch = 0; ch < Math.min(in, out); ch++)
					v[((y * k + x) * out + ch) * in + ch] = (float) ((1 - Math.abs(y - centre) / factor) * (1 - Math.abs(x - centre) / factor));
		return v;
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		check(config);
		final int depth = config.depthOr(10), levels = Integer.numberOfTrailingZeros(config.scale());
		final int[] factors = new int[levels], radii = new int[levels];
		java.util.Arrays.fill(factors, 2);
		// a 4x4 stride-2 transposed convolution reaches one pixel at the new resolution; then depth convolutions, or the residual one at the last level
		for (int l = 0; l < levels; l++) radii[l] = 1 + (l < levels - 1 ? depth : 1);
		return Radius.upsampled(1 + depth, factors, radii);
	}
}
