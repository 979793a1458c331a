package org.deepsr.nets;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * CARN and CARN-M (Ahn et al., ECCV 2018) on the LR image: conv 3x3/width
 * ("entry"), blocks cascading blocks with global cascading (block i's output
 * concatenated with the entry and every earlier output, fused by a 1x1
 * convolution and ReLU, {@code fuse<i>}), the sub-pixel upsampler with ReLU
 * after every stage ({@code up<s>}, named by scale: the paper's multi-scale
 * model holds one per scale beside a shared body) and conv 3x3/C' ("exit").
 * A cascading block cascades depth units the same way (local fusions
 * {@code fuse<j>}). CARN's unit is a residual block (conv 3x3, ReLU, conv
 * 3x3, plus x, ReLU); CARN-M's is an efficient residual block (two grouped
 * 3x3 convolutions with ReLU, a 1x1 convolution, plus x, ReLU), one shared by
 * the block's depth recursions, and its upsampler's convolutions are grouped
 * too. Defaults width 64, 3 blocks, depth 3, groups 4 (CARN-M). Reads
 * width, blocks, depth, groups (CARN-M), skip. x2, x3, x4, x8.
 */
public final class Carn implements Architecture {

	private final boolean mobile;

	private Carn(final boolean mobile) {
		this.mobile = mobile;
	}

	/** CARN, residual units. */
	public static Carn carn() {
		return new Carn(false);
	}

	/** CARN-M ("carn-m"), grouped efficient residual units shared within a block. */
	public static Carn mobile() {
		return new Carn(true);
	}

	@Override
	public String name() {
		return mobile ? "carn-m" : "carn";
	}

	@Override
	public String paper() {
		return mobile ? "Ahn et al., ECCV 2018 (CARN-M)" : "Ahn et al., ECCV 2018 (CARN)";
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
		final int groups = groups(config), depth = config.depthOr(3), s = config.scale();
		final Layer net = Layer.root(tf, p);
		final Operand<TFloat32> entry = net.sub("entry").conv(input, 3, config.widthOr(64), Init.torch());
		final Operand<TFloat32> x = cascade(net, entry, config.blocksOr(3), (layer, in, i) -> block(layer.sub("block" + i), in, depth, groups));
		final Operand<TFloat32> up = Blocks.upsample(net.sub("up" + s), x, s, groups, Layer::relu, Init.torch());
		return Blocks.bicubicSkip(net, input, net.sub("exit").conv(up, 3, config.outChannels(), Init.torch()), config);
	}

	private interface Unit {
		Operand<TFloat32> apply(Layer parent, Operand<TFloat32> x, int index);
	}

	/** n units in {@code parent}, each output concatenated with x and the earlier ones and fused by 1x1 + ReLU ({@code fuse<i>}). */
	private static Operand<TFloat32> cascade(final Layer parent, final Operand<TFloat32> x, final int n, final Unit unit) {
		final int c = parent.channels(x);
		final List<Operand<TFloat32>> features = new ArrayList<>();
		features.add(x);
		Operand<TFloat32> o = x;
		for (int i = 1; i <= n; i++) {
			features.add(unit.apply(parent, o, i));
			final Layer fuse = parent.sub("fuse" + i);
			o = fuse.relu(fuse.conv(fuse.concat(new ArrayList<>(features)), 1, c, Init.torch()));
		}
		return o;
	}

	private Operand<TFloat32> block(final Layer block, final Operand<TFloat32> x, final int depth, final int groups) {
		if (!mobile) return cascade(block, x, depth, (layer, in, j) -> residual(layer.sub("unit" + j), in));
		// CARN-M: one efficient residual block, applied depth times (unit2, unit3 reuse unit1's weights)
		final Layer[] first = new Layer[1];
		return cascade(block, x, depth, (layer, in, j) -> efficient(j == 1 ? (first[0] = layer.sub("unit1")) : layer.again("unit" + j, first[0]), in, groups));
	}

	private static Operand<TFloat32> residual(final Layer unit, final Operand<TFloat32> x) {
		final int c = unit.channels(x);
		final Layer conv1 = unit.sub("conv1"), conv2 = unit.sub("conv2");
		return unit.relu(unit.add(x, conv2.conv(conv1.relu(conv1.conv(x, 3, c, Init.torch())), 3, c, Init.torch())));
	}

	private static Operand<TFloat32> efficient(final Layer unit, final Operand<TFloat32> x, final int groups) {
		final int c = unit.channels(x);
		final Layer conv1 = unit.sub("conv1"), conv2 = unit.sub("conv2"), conv3 = unit.sub("conv3");
		Operand<TFloat32> y = conv1.relu(conv1.conv(x, 3, c, groups, 1, Init.torch()));
		y = conv2.relu(conv2.conv(y, 3, c, groups, 1, Init.torch()));
		return unit.relu(unit.add(x, conv3.conv(y, 1, c, Init.torch())));
	}

	private int groups(final NetConfig config) {
		check(config);
		if (!mobile && config.groupsOr(1) != 1) throw new IllegalArgumentException("CARN has no grouped convolutions: use carn-m for groups.");
		return mobile ? config.groupsOr(4) : 1;
	}

	@Override
	public int receptiveRadius(final NetConfig config) {
		groups(config);
		// entry 1; each unit two 3x3 convolutions; exit 1 at HR
		return Radius.withSkip(Radius.subPixel(1 + 2 * config.depthOr(3) * config.blocksOr(3), config.scale(), 1), config);
	}
}
