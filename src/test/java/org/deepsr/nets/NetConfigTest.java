package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.function.Supplier;

import org.deepsr.nets.NetConfig.ChannelMode;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Bad configurations are refused in one line that names the problem; good ones say what they hold. */
class NetConfigTest {

	@Test
	void badOptionsAreRefusedInOneLine() {
		final NetConfig c = NetConfig.of(2, 1);
		refused(() -> NetConfig.of(0, 1), "Scale");
		refused(() -> NetConfig.of(17, 1), "Scale");
		refused(() -> NetConfig.of(2, 0), "Channels");
		refused(() -> NetConfig.of(2, null, ChannelMode.Y), "Input channel mode");
		refused(() -> NetConfig.of(2, ChannelMode.Y, null), "Output channel mode");
		refused(() -> c.withWidth(-1), "Width and depth");
		refused(() -> c.withDepth(-3), "Width and depth");
		refused(() -> c.withBlocks(-1), "Blocks");
		refused(() -> c.withGroups(-2), "Groups");
		refused(() -> c.withRecursions(-1), "Recursions");
		refused(() -> c.withResidualScale(-0.1f), "Residual scaling");
		refused(() -> c.withResidualScale(1.5f), "Residual scaling");
		refused(() -> c.withResidualScale(Float.NaN), "Residual scaling");
		refused(() -> c.withMode(null), "Mode");
	}

	@Test
	void optionsFallBackToTheArchitecturesDefaults() {
		final NetConfig c = NetConfig.of(4, ChannelMode.RGB, ChannelMode.RGB);
		assertEquals(16, c.blocksOr(16));
		assertEquals(10, c.groupsOr(10));
		assertEquals(9, c.recursionsOr(9));
		assertEquals(0.1f, c.residualScaleOr(0.1f));
		final NetConfig set = c.withBlocks(32).withGroups(4).withRecursions(3).withResidualScale(0.2f).withWidth(256);
		assertEquals(32, set.blocksOr(16));
		assertEquals(4, set.groupsOr(10));
		assertEquals(3, set.recursionsOr(9));
		assertEquals(0.2f, set.residualScaleOr(0.1f));
		assertEquals(3, set.channels());
		assertEquals(3, set.outChannels());
		assertEquals("x4, RGB, width 256, depth default, blocks 32, groups 4, recursions 3, residual scale 0.2", set.toString());
	}

	/** Checkpoints compare configurations by toString: one written before the new options must still match. */
	@Test
	void greyConfigurationsKeepTheirNames() {
		assertEquals("x3, 1 channel(s), width 8, depth 2, bicubic skip", NetConfig.of(3, 1).withWidth(8).withDepth(2).withSkip(true).toString());
		assertEquals("x2, Y to RGB, width default, depth default", NetConfig.of(2, ChannelMode.Y, ChannelMode.RGB).toString());
	}

	/** Y in, RGB out: the networks that predict their output freely give three channels; those that add their input refuse. */
	@Test
	void channelModesInAndOut() {
		final NetConfig yToRgb = NetConfig.of(2, ChannelMode.Y, ChannelMode.RGB).withWidth(8).withDepth(3);
		final long[][] shape = new long[1][];
		Nets.run(NetRegistry.get("espcn"), yToRgb, ConstantParameters.seeded(1), Nets.random(6 * 5, 1), 6, 5, shape);
		assertArrayEquals(new long[] { 1, 12, 10, 3 }, shape[0]);
		Nets.run(NetRegistry.get("fsrcnn"), yToRgb.withDepth(1), ConstantParameters.seeded(1), Nets.random(6 * 5, 1), 6, 5, shape);
		assertArrayEquals(new long[] { 1, 12, 10, 3 }, shape[0]);
		refused(() -> NetRegistry.get("vdsr").receptiveRadius(yToRgb), "VDSR adds its bicubic input");
		refused(() -> NetRegistry.get("espcn").receptiveRadius(yToRgb.withSkip(true)), "bicubic skip");
	}

	/** An architecture's supported scales and channel modes are enforced by its check. */
	@Test
	void checkRefusesWhatTheArchitectureDoesNotSupport() {
		final Architecture pyramid = new Architecture() {
			@Override
			public String name() {
				return "pyramid";
			}

			@Override
			public Set<Integer> scales() {
				return Set.of(2, 4, 8);
			}

			@Override
			public Set<ChannelMode> inputModes() {
				return Set.of(ChannelMode.Y);
			}

			@Override
			public Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters params) {
				check(config);
				return input;
			}

			@Override
			public int receptiveRadius(final NetConfig config) {
				return 0;
			}
		};
		pyramid.check(NetConfig.of(4, ChannelMode.Y, ChannelMode.Y));
		assertTrue(refused(() -> pyramid.check(NetConfig.of(3, ChannelMode.Y, ChannelMode.Y)), "cannot upscale x3").contains("x2, x4, x8"));
		refused(() -> pyramid.check(NetConfig.of(2, ChannelMode.RGB, ChannelMode.RGB)), "does not take RGB input");
		assertEquals(16, NetRegistry.get("fsrcnn").scales().size(), "the classic networks take every scale");
		// but ESPCN's sub-pixel layer (DepthToSpace) needs a block of 2 or more
		assertTrue(refused(() -> NetRegistry.get("espcn").check(NetConfig.of(1, 1)), "cannot upscale x1").contains("x2, x3"));
	}

	/** A layer name used twice in one scope is an error, never a silent "_1". */
	@Test
	void layerNamesAreUnique() {
		try (Graph g = new Graph()) {
			final Layer root = Layer.root(Ops.create(g), ConstantParameters.seeded(1));
			root.sub("conv1");
			final IllegalStateException e = assertThrows(IllegalStateException.class, () -> root.sub("conv1"));
			assertTrue(e.getMessage().contains("'conv1' is built twice"), e.getMessage());
			root.sub("block1").sub("conv1");
		}
	}

	private static String refused(final Supplier<?> or, final String names) {
		return refused((Runnable) or::get, names);
	}

	private static String refused(final Runnable r, final String names) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
		assertTrue(e.getMessage().contains(names), e.getMessage());
		assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
		return e.getMessage();
	}
}
