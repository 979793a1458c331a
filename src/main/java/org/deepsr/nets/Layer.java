package org.deepsr.nets;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBicubic;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One named layer of a network: its ops live in their own sub-scope and its
 * parameters are named {@code <scope path>/<leaf>}, e.g. op
 * {@code feature/Conv2D} beside parameters {@code feature/kernel} and
 * {@code feature/bias}. A layer's children have unique names (a repeat is an
 * error, never a silent {@code _1}), so op and parameter names agree.
 * Tensors are NHWC float; channel counts are read from the static shape.
 */
final class Layer {

	private static final List<Long> UNIT_STRIDES = Arrays.asList(1L, 1L, 1L, 1L);

	private final Ops tf;
	private final Parameters params;
	private final String path;
	/** Where this layer's parameters are named: {@link #path}, or the path of the layer whose weights it reuses. */
	private final String weights;
	private final Set<String> children = new HashSet<>();
	private final Map<String, Operand<TFloat32>> outputs;
	/** Every parameter asked for so far, by name, shared by the whole network: a reused layer finds its weights here. */
	private final Map<String, Operand<TFloat32>> made;

	private Layer(final Ops tf, final Parameters params, final String path, final String weights, final Map<String, Operand<TFloat32>> outputs, final Map<String, Operand<TFloat32>> made) {
		this.tf = tf;
		this.params = params;
		this.path = path;
		this.weights = weights;
		this.outputs = outputs;
		this.made = made;
	}

	/** The network itself: its children are scopes directly under {@code tf}'s. */
	static Layer root(final Ops tf, final Parameters params) {
		return new Layer(tf, params, "", "", new LinkedHashMap<>(), new HashMap<>());
	}

	/** A child layer in its own sub-scope; {@code name} must be new among this layer's children. */
	Layer sub(final String name) {
		checkNew(name);
		return new Layer(tf.withSubScope(name), params, qualify(name), join(weights, name), outputs, made);
	}

	/**
	 * A child layer in its own sub-scope {@code name} that reuses the weights
	 * of {@code original} (a layer built before, with the same sub-layers):
	 * recursive networks (DRCN, DRRN, CARN-M) apply one block several times.
	 * Its ops are its own; its parameters, and those of its sub-layers, are
	 * {@code original}'s, asked for once.
	 */
	Layer again(final String name, final Layer original) {
		checkNew(name);
		return new Layer(tf.withSubScope(name), params, qualify(name), original.weights, outputs, made);
	}

	private void checkNew(final String name) {
		if (name.isEmpty() || name.contains("/")) throw new IllegalArgumentException("Layer name '" + name + "' in " + this + " must be one non-empty segment, without '/'.");
		if (!children.add(name)) throw new IllegalStateException("Layer '" + qualify(name) + "' is built twice: give each layer its own name.");
	}

	private static String join(final String parent, final String leaf) {
		return parent.isEmpty() ? leaf : parent + "/" + leaf;
	}

	/** {@code primary} as "output" beside the side outputs recorded so far: what {@link Architecture#buildOutputs} returns. */
	Map<String, Operand<TFloat32>> outputs(final Operand<TFloat32> primary) {
		final Map<String, Operand<TFloat32>> all = new LinkedHashMap<>();
		all.put(Architecture.OUTPUT, primary);
		all.putAll(outputs);
		return all;
	}

	/** This layer's parameter {@code leaf}, e.g. "kernel": named {@code path/leaf}, its op in this scope. */
	Operand<TFloat32> param(final String leaf, final long[] shape, final Init init) {
		final String name = join(weights, leaf);
		final Operand<TFloat32> known = made.get(name);
		if (known != null) {
			if (!known.shape().hasUnknownDimension() && !Arrays.equals(known.shape().asArray(), shape)) throw new IllegalStateException("Layer '" + path + "' reuses '" + name + "' " + known.shape() + " as " + Arrays.toString(shape) + ".");
			return known;
		}
		final Operand<TFloat32> p = params.get(tf, name, shape, init);
		made.put(name, p);
		return p;
	}

	/**
	 * Records {@code x} as the side output {@code path/leaf} (batch statistics
	 * for the moving averages, intermediate predictions), shared by the whole
	 * network.
	 */
	Operand<TFloat32> output(final String leaf, final Operand<TFloat32> x) {
		if (outputs.putIfAbsent(qualify(leaf), x) != null) throw new IllegalStateException("Output '" + qualify(leaf) + "' is recorded twice.");
		return x;
	}

	/** k x k convolution, zero ("SAME") padding, with bias; parameters {@code kernel [k,k,in,out]}, {@code bias [out]}. */
	Operand<TFloat32> conv(final Operand<TFloat32> x, final int k, final int out, final Init init) {
		return conv(x, k, out, 1, 1, init);
	}

	/**
	 * Grouped, dilated k x k convolution ("SAME", stride 1, with bias): the
	 * input's channels split into {@code groups} consecutive groups, group g
	 * giving outputs [g*out/groups, (g+1)*out/groups) (PyTorch's {@code groups});
	 * kernel {@code [k,k,in/groups,out]}, taps {@code dilation} pixels apart.
	 */
	Operand<TFloat32> conv(final Operand<TFloat32> x, final int k, final int out, final int groups, final int dilation, final Init init) {
		final int in = channels(x);
		if (groups < 1 || in % groups != 0 || out % groups != 0) throw new IllegalArgumentException("Layer '" + path + "': " + groups + " groups do not divide " + in + " input and " + out + " output channels.");
		if (dilation < 1) throw new IllegalArgumentException("Layer '" + path + "': dilation must be at least 1, got " + dilation + ".");
		final Operand<TFloat32> kernel = param("kernel", new long[] { k, k, in / groups, out }, init);
		final Operand<TFloat32> bias = param("bias", new long[] { out }, Init.constant(0));
		return tf.nn.biasAdd(tf.withName("Conv2D").nn.conv2d(x, dilation == 1 ? kernel : dilate(kernel, k, dilation), UNIT_STRIDES, "SAME"), bias);
	}

	/**
	 * Strided k x k convolution with PyTorch's padding: {@code pad} zeros on
	 * every side, then "VALID" windows {@code stride} apart ({@code nn.Conv2d(in,
	 * out, k, stride, pad, bias)}; TensorFlow's "SAME" pads stride-2 windows on
	 * one side only); kernel {@code [k,k,in,out]}, a bias only when asked (a
	 * convolution before batch norm has none).
	 */
	Operand<TFloat32> conv(final Operand<TFloat32> x, final int k, final int out, final int stride, final int pad, final boolean bias, final Init init) {
		final Operand<TFloat32> kernel = param("kernel", new long[] { k, k, channels(x), out }, init);
		final Operand<TFloat32> padded = pad == 0 ? x : tf.pad(x, tf.withName("padding").constant(new int[][] { { 0, 0 }, { pad, pad }, { pad, pad }, { 0, 0 } }), tf.withName("zero").constant(0f));
		final Operand<TFloat32> y = tf.withName("Conv2D").nn.conv2d(padded, kernel, Arrays.asList(1L, (long) stride, (long) stride, 1L), "VALID");
		return bias ? tf.nn.biasAdd(y, param("bias", new long[] { out }, Init.constant(0))) : y;
	}

	/**
	 * Fully connected layer on x flattened to {@code [N, in]} in NHWC order
	 * (a [N,H,W,C] tensor needs its static H, W and C); kernel {@code [in,out]},
	 * bias [out]; returns [N, out].
	 */
	Operand<TFloat32> dense(final Operand<TFloat32> x, final int out, final Init init) {
		long in = 1;
		for (int i = 1; i < x.shape().numDimensions(); i++) in *= x.shape().size(i);
		if (in < 1) throw new IllegalStateException("Layer '" + path + "' needs its input's static shape, but " + x.op().name() + " has shape " + x.shape() + ".");
		final Operand<TFloat32> flat = tf.withName("flatten").reshape(x, tf.withName("flat_shape").constant(new int[] { -1, Math.toIntExact(in) }));
		final Operand<TFloat32> kernel = param("kernel", new long[] { in, out }, init);
		return tf.nn.biasAdd(tf.withName("MatMul").linalg.matMul(flat, kernel), param("bias", new long[] { out }, Init.constant(0)));
	}

	/**
	 * The kernel with dilation-1 zeros between its taps, (k-1)*d+1 wide.
	 * The gradient that Graph.addGradients builds for Conv2D's own
	 * dilations is wrong (11.10 against 8.00 by finite differences in
	 * LayerGradientTest; TensorFlow's C++ Conv2D gradient seems to drop the
	 * dilations), so the zeros are spelled out: (k-1)*d+1 squared taps
	 * instead of k squared.
	 */
	private Operand<TFloat32> dilate(final Operand<TFloat32> kernel, final int k, final int d) {
		final int in = (int) kernel.shape().size(2), out = (int) kernel.shape().size(3), wide = (k - 1) * d + 1;
		// int32 shapes: the gradient of Slice subtracts its begin from an int32 shape
		final Operand<TFloat32> taps = tf.withName("taps").reshape(kernel, tf.withName("taps_shape").constant(new int[] { k, 1, k, 1, in, out }));
		final Operand<TFloat32> spaced = tf.pad(taps, tf.withName("spacing").constant(new int[][] { { 0, 0 }, { 0, d - 1 }, { 0, 0 }, { 0, d - 1 }, { 0, 0 }, { 0, 0 } }), tf.withName("zero").constant(0f));
		final Operand<TFloat32> grid = tf.withName("grid").reshape(spaced, tf.withName("grid_shape").constant(new int[] { k * d, k * d, in, out }));
		return tf.withName("dilated").slice(grid, tf.withName("origin").constant(new int[] { 0, 0, 0, 0 }), tf.withName("extent").constant(new int[] { wide, wide, in, out }));
	}

	/**
	 * Transposed k x k convolution with stride {@code scale}, TF "SAME"
	 * padding: [N,H,W,in] to [N,sH,sW,out]; kernel {@code [k,k,out,in]}, bias [out].
	 */
	Operand<TFloat32> deconv(final Operand<TFloat32> x, final int k, final int scale, final int out, final Init init) {
		final Operand<TFloat32> kernel = param("kernel", new long[] { k, k, out, channels(x) }, init);
		final Operand<TFloat32> bias = param("bias", new long[] { out }, Init.constant(0));
		// output shape = input shape * [1,s,s,0] + [0,0,0,out]
		final Operand<TInt32> shape = tf.math.add(tf.math.mul(tf.shape(x), tf.withName("stride").constant(new int[] { 1, scale, scale, 0 })),
			tf.withName("channels").constant(new int[] { 0, 0, 0, out }));
		final long s = scale;
		return tf.nn.biasAdd(tf.withName("Conv2DBackpropInput").nn.conv2dBackpropInput(shape, kernel, x, Arrays.asList(1L, s, s, 1L), "SAME"), bias);
	}

	/** {@link #deconvSubPixel} for training, {@link #deconv} for inference: the same parameters, the same output. */
	Operand<TFloat32> deconv(final Operand<TFloat32> x, final int k, final int scale, final int out, final Init init, final NetConfig.Mode mode) {
		return mode == NetConfig.Mode.TRAIN ? deconvSubPixel(x, k, scale, out, init) : deconv(x, k, scale, out, init);
	}

	/**
	 * {@link #deconv} computed as its exact sub-pixel equivalent, for
	 * training (the same parameters, so the exported inference graph keeps
	 * the transposed form, which backend.SubPixelRewrite turns into this one
	 * when a model loads): the kernel is gathered into a stride-1
	 * convolution on the LR grid with s*s*out outputs, zero where a phase has
	 * no tap, then DepthToSpace. TensorFlow's Conv2DBackpropInput scatters
	 * every k x k tap of every LR pixel and its gradient does the same; the
	 * gather-style convolution is oneDNN's fast path (FSRCNN x3, batch 16 of 48x48 HR:
	 * 5.3 steps/s transposed, 35-41 sub-pixel, `bench/run TrainSpeed fsrcnn 3 16 48 2 100`
	 * under a load of 16-23). Output phase i of an axis reads LR offsets c_i - m against tap
	 * s*m + r_i (r_i, c_i: remainder and quotient of i + pad by s, pad =
	 * max(k - s, 0) / 2, TensorFlow's split of "SAME" padding), as in
	 * SubPixelRewrite, which backend keeps for frozen graphs.
	 */
	Operand<TFloat32> deconvSubPixel(final Operand<TFloat32> x, final int k, final int scale, final int out, final Init init) {
		final int in = channels(x), s = scale, ss = s * s;
		final Operand<TFloat32> kernel = param("kernel", new long[] { k, k, out, in }, init);
		final Operand<TFloat32> bias = param("bias", new long[] { out }, Init.constant(0));
		final int[][] taps = subPixelTaps(k, s);
		final int n = taps[0].length, zero = k * k * out * in;
		// W[ty][tx][c][(i*s + j)*out + o] = K[ay][ax][o][c], or the appended zero
		final int[] index = new int[n * n * in * ss * out];
		int w = 0;
		for (int ty = 0; ty < n; ty++) for (int tx = 0; tx < n; tx++) for (int c = 0; c < in; c++)
			for (int i = 0; i < s; i++) for (int j = 0; j < s; j++) for (int o = 0; o < out; o++) {
				final int ay = taps[i][ty], ax = taps[j][tx];
				index[w++] = ay < 0 || ax < 0 ? zero : ((ay * k + ax) * out + o) * in + c;
			}
		final Operand<TFloat32> flat = tf.concat(Arrays.asList(tf.withName("flat").reshape(kernel, tf.withName("flat_shape").constant(new int[] { -1 })), tf.withName("zero").constant(new float[] { 0 })), tf.withName("axis").constant(0));
		final Operand<TFloat32> gathered = tf.withName("gather").gather(flat, tf.withName("taps").constant(index), tf.withName("gather_axis").constant(0));
		final Operand<TFloat32> sub = tf.withName("subpixel_kernel").reshape(gathered, tf.withName("subpixel_shape").constant(new int[] { n, n, in, ss * out }));
		final Operand<TFloat32> conv = tf.withName("subpixel_conv").nn.conv2d(x, sub, UNIT_STRIDES, "SAME");
		return tf.nn.biasAdd(tf.nn.depthToSpace(conv, (long) s), bias);
	}

	/**
	 * For one axis of a k-tap transposed convolution with stride s: for each
	 * output phase i and each position t of the sub-pixel convolution's
	 * window ("SAME", so offsets -(n-1)/2 .. n/2), the transposed kernel's
	 * tap, or -1 where there is none.
	 */
	static int[][] subPixelTaps(final int k, final int s) {
		final int pad = Math.max(k - s, 0) / 2;
		int min = 0, max = 0;
		for (int i = 0; i < s; i++) {
			final int r = (i + pad) % s, c = (i + pad) / s;
			if (r >= k) continue; // this phase gets no tap (k < s)
			min = Math.min(min, c - (k - 1 - r) / s);
			max = Math.max(max, c);
		}
		int n = 1;
		while ((n - 1) / 2 < -min || n / 2 < max) n++;
		final int[][] taps = new int[s][n];
		for (int i = 0; i < s; i++) for (int t = 0; t < n; t++) {
			final int r = (i + pad) % s, m = (i + pad) / s - (t - (n - 1) / 2), a = s * m + r;
			taps[i][t] = m >= 0 && a < k ? a : -1;
		}
		return taps;
	}

	/**
	 * Sub-pixel upsampling, TensorFlow's DepthToSpace order: output pixel
	 * (s*y+i, s*x+j) channel c is input (y, x) channel (i*s + j)*C + c.
	 * PyTorch's {@code pixel_shuffle} reads channel c*s*s + i*s + j instead:
	 * the two agree for C = 1 only.
	 */
	Operand<TFloat32> subPixel(final Operand<TFloat32> x, final int scale) {
		return tf.nn.depthToSpace(x, (long) scale);
	}

	/** TensorFlow's bicubic resize (Keys a = -0.5, half-pixel centres, borders clamped) by an integer factor. */
	Operand<TFloat32> bicubic(final Operand<TFloat32> x, final int scale) {
		final Operand<TInt32> hw = tf.slice(tf.shape(x), tf.withName("begin").constant(new int[] { 1 }), tf.withName("size").constant(new int[] { 2 }));
		return tf.image.resizeBicubic(x, tf.math.mul(hw, tf.withName("size_factor").constant(scale)), ResizeBicubic.halfPixelCenters(true));
	}

	Operand<TFloat32> relu(final Operand<TFloat32> x) {
		return tf.nn.relu(x);
	}

	/** Leaky ReLU: x for x >= 0, {@code slope * x} below (ESRGAN, SRGAN's discriminator: 0.2). */
	Operand<TFloat32> leakyRelu(final Operand<TFloat32> x, final float slope) {
		return tf.nn.leakyRelu(x, LeakyRelu.alpha(slope));
	}

	/**
	 * Nearest-neighbour upsampling by an integer factor: each pixel repeated
	 * in an s x s block, as {@code s*s} copies concatenated and put in place
	 * by DepthToSpace (copy (i*s + j) fills offset (i, j)), so that no resize
	 * op's half-pixel convention enters.
	 */
	Operand<TFloat32> nearest(final Operand<TFloat32> x, final int scale) {
		return tf.nn.depthToSpace(concat(java.util.Collections.nCopies(scale * scale, x)), (long) scale);
	}

	Operand<TFloat32> tanh(final Operand<TFloat32> x) {
		return tf.math.tanh(x);
	}

	Operand<TFloat32> sigmoid(final Operand<TFloat32> x) {
		return tf.math.sigmoid(x);
	}

	/** PReLU written as relu(x) - a*relu(-x), so that it needs no custom gradient; parameter {@code alpha [C]} starts at 0.25. */
	Operand<TFloat32> prelu(final Operand<TFloat32> x) {
		final Operand<TFloat32> alpha = param("alpha", new long[] { channels(x) }, Init.constant(0.25f));
		return tf.math.sub(tf.nn.relu(x), tf.math.mul(alpha, tf.withName("ReluNeg").nn.relu(tf.math.neg(x))));
	}

	/** Elementwise sum. */
	Operand<TFloat32> add(final Operand<TFloat32> a, final Operand<TFloat32> b) {
		return tf.math.add(a, b);
	}

	/** {@code x * factor}. */
	Operand<TFloat32> scale(final Operand<TFloat32> x, final float factor) {
		return tf.math.mul(x, tf.withName("factor").constant(factor));
	}

	/** Channels [from, from + count) of x (IDN's distillation split). */
	Operand<TFloat32> channelSlice(final Operand<TFloat32> x, final int from, final int count) {
		// int32 begin and size: the gradient of Slice subtracts its begin from an int32 shape; shape inference keeps the channel count
		return tf.slice(x, tf.withName("begin").constant(new int[] { 0, 0, 0, from }), tf.withName("size").constant(new int[] { -1, -1, -1, count }));
	}

	/** Concatenation along channels, in the order given. */
	Operand<TFloat32> concat(final List<Operand<TFloat32>> xs) {
		return tf.concat(xs, tf.withName("axis").constant(3));
	}

	/**
	 * Batch normalisation over N, H, W per channel: (x - m) / sqrt(v + eps) * gamma + beta,
	 * parameters {@code gamma} (1) and {@code beta} (0), statistics
	 * ({@link Parameters#statistic}) {@code moving_mean} (0) and
	 * {@code moving_variance} (1). In {@link NetConfig.Mode#TRAIN} m and v are
	 * the batch's mean and biased variance, recorded as side outputs
	 * {@code path/batch_mean} and {@code path/batch_variance} for the trainer's
	 * moving averages; in {@link NetConfig.Mode#INFERENCE} they are the moving
	 * statistics. PyTorch's {@code BatchNorm2d} uses eps 1e-5, Keras 1e-3.
	 */
	Operand<TFloat32> batchNorm(final Operand<TFloat32> x, final NetConfig.Mode mode, final float eps) {
		final long[] c = { channels(x) };
		final Operand<TFloat32> gamma = param("gamma", c, Init.constant(1));
		final Operand<TFloat32> beta = param("beta", c, Init.constant(0));
		if (!weights.equals(path)) throw new IllegalStateException("Layer '" + path + "': batch norm in a reused layer would need its statistics per application.");
		final Operand<TFloat32> movingMean = params.statistic(tf, qualify("moving_mean"), c, Init.constant(0));
		final Operand<TFloat32> movingVariance = params.statistic(tf, qualify("moving_variance"), c, Init.constant(1));
		final Operand<TFloat32> mean, variance;
		if (mode == NetConfig.Mode.TRAIN) {
			final Operand<TInt32> axes = tf.withName("axes").constant(new int[] { 0, 1, 2 });
			mean = output("batch_mean", tf.withName("batch_mean").math.mean(x, axes));
			variance = output("batch_variance", tf.withName("batch_variance").math.mean(tf.math.squaredDifference(x, mean), axes));
		} else {
			mean = movingMean;
			variance = movingVariance;
		}
		final Operand<TFloat32> inv = tf.withName("inv").math.mul(tf.math.rsqrt(tf.withName("stabilised").math.add(variance, tf.withName("eps").constant(eps))), gamma);
		return tf.withName("BatchNorm").math.add(tf.withName("normalised").math.mul(tf.math.sub(x, mean), inv), beta);
	}

	/** Mean over H and W, keeping them: [N,H,W,C] to [N,1,1,C]. */
	Operand<TFloat32> globalAveragePool(final Operand<TFloat32> x) {
		return tf.math.mean(x, tf.withName("axes").constant(new int[] { 1, 2 }), Mean.keepDims(true));
	}

	/** Elementwise (broadcasting) product. */
	Operand<TFloat32> mul(final Operand<TFloat32> a, final Operand<TFloat32> b) {
		return tf.math.mul(a, b);
	}

	/** The static channel count (last dimension) of {@code x}. */
	int channels(final Operand<TFloat32> x) {
		final long c = x.shape().numDimensions() == 4 ? x.shape().size(3) : -1;
		if (c < 1) throw new IllegalStateException("Layer '" + path + "' needs its input's channel count, but " + x.op().name() + " has shape " + x.shape() + ".");
		return (int) c;
	}

	@Override
	public String toString() {
		return path.isEmpty() ? "the network" : path;
	}

	private String qualify(final String leaf) {
		return path.isEmpty() ? leaf : path + "/" + leaf;
	}
}
