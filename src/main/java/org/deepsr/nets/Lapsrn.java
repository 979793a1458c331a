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
 * not share weights ({@link MsLapsrn} shares them). Defaults width 64,
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
			image = reconstruct(net, level, level.sub("image"), level.sub("residual"), image, feature, l, levels, c);
		}
		return net.outputs(image);
	}

	/**
	 * One pyramid level's image (LapSRN and MS-LapSRN): the previous level's
	 * image through {@code image}'s 4x4 stride-2 transposed convolution
	 * (started as bilinear upsampling) plus the residual that
	 * {@code residual}'s conv 3x3/C' predicts from the level's features;
	 * a side output {@code x<2^l>} below the last level.
	 */
	static Operand<TFloat32> reconstruct(final Layer net, final Layer level, final Layer image, final Layer residual, final Operand<TFloat32> previous,
		final Operand<TFloat32> feature, final int l, final int levels, final int c)
	{
		final Operand<TFloat32> sum = level.add(image.deconv(previous, 4, 2, c, Lapsrn::bilinear), residual.conv(feature, 3, c, Init.he()));
		return l < levels ? net.output("x" + (1 << l), sum) : sum;
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
		return radius(config.scale(), config.depthOr(10));
	}

	/** The radius of a pyramid of x2 levels up to {@code scale} with {@code convs} 3x3 convolutions per level after the input one. */
	static int radius(final int scale, final int convs) {
		final int levels = Integer.numberOfTrailingZeros(scale);
		final int[] factors = new int[levels], radii = new int[levels];
		java.util.Arrays.fill(factors, 2);
		// a stride-2 transposed convolution (4x4, or MS-LapSRN's 3x3) reaches one pixel at the new resolution on its far side;
		// then the next level's convolutions, or the residual one at the last level
		for (int l = 0; l < levels; l++) radii[l] = 1 + (l < levels - 1 ? convs : 1);
		return Radius.upsampled(1 + convs, factors, radii);
	}
}
