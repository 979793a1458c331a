package org.deepsr.nets;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Composite blocks of the SR literature, each built inside the layer it is
 * given (its sub-layers are scopes below that one). Kernels are "SAME"
 * padded, so every block keeps H and W.
 */
final class Blocks {

	private Blocks() {}

	/**
	 * EDSR's residual block (no batch norm): x + residualScale *
	 * conv2(relu(conv1(x))), both k x k with C = x's channels; sub-layers
	 * {@code conv1}, {@code conv2}. EDSR scales by 0.1 in its wide models.
	 */
	static Operand<TFloat32> residual(final Layer block, final Operand<TFloat32> x, final int k, final float residualScale, final Init init) {
		final int c = block.channels(x);
		final Layer conv1 = block.sub("conv1"), conv2 = block.sub("conv2");
		final Operand<TFloat32> body = conv2.conv(conv1.relu(conv1.conv(x, k, c, init)), k, c, init);
		return block.add(x, residualScale == 1 ? body : block.scale(body, residualScale));
	}

	/**
	 * RCAN's channel attention: x * sigmoid(up(relu(down(mean_HW(x))))), down
	 * a 1x1 convolution to C/reduction channels and up one back to C;
	 * sub-layers {@code down}, {@code up}. RCAN uses reduction 16.
	 */
	static Operand<TFloat32> channelAttention(final Layer block, final Operand<TFloat32> x, final int reduction, final Init init) {
		final int c = block.channels(x);
		if (reduction < 1 || c % reduction != 0) throw new IllegalArgumentException("Channel attention in " + block + ": reduction " + reduction + " does not divide " + c + " channels.");
		final Layer down = block.sub("down"), up = block.sub("up");
		final Operand<TFloat32> squeezed = down.relu(down.conv(block.globalAveragePool(x), 1, c / reduction, init));
		return block.mul(x, up.sigmoid(up.conv(squeezed, 1, c, init)));
	}

	/**
	 * A dense block (DenseNet, RDN, ESRGAN's RRDB): layer i (sub-layer
	 * {@code conv<i>}, i from 1) is a k x k convolution to {@code growth}
	 * channels plus ReLU over the concatenation of x and every earlier
	 * layer's output; the block returns the concatenation [x, out_1, ...,
	 * out_n], C + n*growth channels.
	 */
	static Operand<TFloat32> dense(final Layer block, final Operand<TFloat32> x, final int layers, final int growth, final int k, final Init init) {
		final List<Operand<TFloat32>> features = new ArrayList<>();
		features.add(x);
		for (int i = 1; i <= layers; i++) {
			final Layer conv = block.sub("conv" + i);
			final Operand<TFloat32> in = features.size() == 1 ? x : block.sub("concat" + i).concat(features);
			features.add(conv.relu(conv.conv(in, k, growth, init)));
		}
		return block.sub("concat").concat(features);
	}

	/**
	 * DRCN's and CMSC's ensemble of predictions: the sum of w_i y_i, each
	 * w_i ({@code w<i>/weight}, i from 1) a learnt scalar started at 1/n.
	 */
	static Operand<TFloat32> ensemble(final Layer ensemble, final List<Operand<TFloat32>> predictions) {
		final int n = predictions.size();
		Operand<TFloat32> sum = null;
		for (int i = 1; i <= n; i++) {
			final Layer weight = ensemble.sub("w" + i);
			final Operand<TFloat32> weighted = weight.mul(predictions.get(i - 1), weight.param("weight", new long[] { 1 }, Init.constant(1f / n)));
			sum = sum == null ? weighted : weight.add(sum, weighted);
		}
		return sum;
	}

	/** An activation applied inside a layer, e.g. {@code Layer::relu}; {@link #LINEAR} for none. */
	@FunctionalInterface
	interface Activation {
		Operand<TFloat32> apply(Layer layer, Operand<TFloat32> x);
	}

	static final Activation LINEAR = (layer, x) -> x;

	/** The scales {@link #upsample} builds: powers of two up to 8 and 3. */
	static final java.util.Set<Integer> UPSAMPLE_SCALES = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(java.util.Arrays.asList(2, 3, 4, 8)));

	/**
	 * EDSR's sub-pixel upsampler at C = x's channels: for x3 one 3x3
	 * convolution to 9C then sub-pixel by 3, for x2, x4, x8 log2(s) stages of
	 * a 3x3 convolution to 4C then sub-pixel by 2 (sub-layers {@code conv1},
	 * {@code conv2}, ...), each stage followed by {@code act} (CARN: ReLU,
	 * SRResNet: PReLU on the C shuffled channels; EDSR: none). The
	 * convolutions split into {@code groups} (CARN-M).
	 */
	static Operand<TFloat32> upsample(final Layer up, final Operand<TFloat32> x, final int scale, final int groups, final Activation act, final Init init) {
		final int c = up.channels(x);
		final int[] stages = upsampleStages(scale);
		Operand<TFloat32> y = x;
		for (int i = 0; i < stages.length; i++) {
			final Layer conv = up.sub("conv" + (i + 1));
			y = act.apply(conv, conv.subPixel(conv.conv(y, 3, stages[i] * stages[i] * c, groups, 1, init), stages[i]));
		}
		return y;
	}

	/** The sub-pixel factors of {@link #upsample}'s stages: {3} or log2(s) times 2. */
	static int[] upsampleStages(final int scale) {
		if (!UPSAMPLE_SCALES.contains(scale)) throw new IllegalArgumentException("The sub-pixel upsampler builds x2, x3, x4 and x8, not x" + scale + ".");
		if (scale == 3) return new int[] { 3 };
		final int[] stages = new int[Integer.numberOfTrailingZeros(scale)];
		java.util.Arrays.fill(stages, 2);
		return stages;
	}

	/**
	 * The global skip: {@code out} plus the bicubic upscaled input in layer
	 * {@code skip} when the configuration asks for it (ESPCN and FSRCNN then
	 * start near bicubic), {@code out} itself otherwise.
	 */
	static Operand<TFloat32> bicubicSkip(final Layer net, final Operand<TFloat32> input, final Operand<TFloat32> out, final NetConfig config) {
		if (!config.skip()) return out;
		final Layer skip = net.sub("skip");
		return skip.add(out, skip.bicubic(input, config.scale()));
	}
}
