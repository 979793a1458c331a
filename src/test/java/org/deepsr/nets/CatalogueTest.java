package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.EagerSession;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The networks of the catalogue beyond SRCNN, FSRCNN, ESPCN and VDSR: the
 * paper's configuration against the published parameter count (weights and
 * biases, as the papers' PyTorch code counts them; within 2%), the output
 * shape of small configurations at every scale, and the declared receptive
 * radius against what an impulse reaches. Multi-scale models (MDSR, CARN,
 * CARN-M) are counted as the union of their x2, x3 and x4 graphs, which
 * share the body's weights by name: the paper's one model.
 */
class CatalogueTest {

	/** EDSR x4, 43M (Lim et al., CVPRW 2017, Table 1); the reference code's layers give 43,089,923. */
	@Test
	void edsr() {
		assertNear(43.0e6, count("edsr", 4));
		// the reference code's x2 and x3 models (EDSR-PyTorch README): 40.7M and 43.7M
		assertNear(40.7e6, count("edsr", 2));
		assertNear(43.7e6, count("edsr", 3));
	}

	/** EDSR baseline: 1.5M at x4 (Lim et al., Table 1), 1.37M at x2 (EDSR-PyTorch README). */
	@Test
	void edsrBaseline() {
		assertNear(1.5e6, count("edsr-baseline", 4));
		assertNear(1.37e6, count("edsr-baseline", 2));
	}

	/** MDSR, 8.0M (Lim et al., Table 1), x2, x3 and x4 in one model; the reference code's layers give 7,953,987. */
	@Test
	void mdsr() {
		assertNear(8.0e6, count("mdsr", 2, 3, 4));
	}

	/** CARN 1,592K and CARN-M 412K (Ahn et al., ECCV 2018, Table 1 and Fig. 6), the multi-scale models (x2, x3, x4 upsamplers). */
	@Test
	void carn() {
		assertNear(1_592e3, count("carn", 2, 3, 4));
		assertNear(412e3, count("carn-m", 2, 3, 4));
	}

	/** RCAN x4, 15.6M (Zhang et al., ECCV 2018, Fig. 1 draws it at about 16M; later comparisons list 15.59M); the reference code's layers give 15,592,355. */
	@Test
	void rcan() {
		assertNear(15.6e6, count("rcan", 4));
	}

	/** CARN-M shares one efficient residual block inside each cascading block: its weights are asked for once, not depth times. */
	@Test
	void carnMobileSharesItsUnits() {
		final Map<String, long[]> p = shapes("carn-m", NetConfig.of(4, 3));
		assertTrue(p.containsKey("block1/unit1/conv1/kernel"));
		assertTrue(p.keySet().stream().noneMatch(n -> n.contains("unit2")), p.keySet().toString());
		assertArrayEquals(new long[] { 3, 3, 16, 64 }, p.get("block2/unit1/conv2/kernel"), "grouped by 4");
	}

	static Stream<Arguments> scales() {
		return Arrays.stream(SmallNets.NAMES).flatMap(n -> NetRegistry.get(n).scales().stream().map(s -> Arguments.of(n, s)));
	}

	@ParameterizedTest
	@MethodSource("scales")
	void outputIsScaleTimesInput(final String name, final int scale) {
		final long[][] shape = new long[1][];
		Nets.run(NetRegistry.get(name), SmallNets.config(name, scale, 3), ConstantParameters.seeded(5), Nets.random(5 * 7 * 3, 2), 5, 7, shape);
		assertArrayEquals(new long[] { 1, 5 * scale, 7 * scale, 3 }, shape[0], name + " x" + scale);
	}

	static Stream<Arguments> radii() {
		// RCAN's channel attention pools the whole input: no finite radius to probe
		return Arrays.stream(SmallNets.NAMES).filter(n -> !n.equals("rcan")).flatMap(n -> Stream.of(2, 3, 4).map(s -> Arguments.of(n, s)));
	}

	/** The declared radius is what an impulse reaches, exactly (as ArchitectureTest checks for the first four networks). */
	@ParameterizedTest
	@MethodSource("radii")
	void impulseReachesExactlyTheDeclaredRadius(final String name, final int scale) {
		final Architecture a = NetRegistry.get(name);
		// few layers: the reach of the farthest taps shrinks geometrically with depth, below float precision after ~12 layers
		final NetConfig config = name.startsWith("carn") ? SmallNets.config(name, scale, 1).withBlocks(1).withDepth(2) : SmallNets.config(name, scale, 1);
		final int r = a.receptiveRadius(config), n = 2 * r + 5, centre = n / 2;
		final float[] base = Nets.random(n * n, 7), probe = base.clone();
		probe[centre * n + centre] += 1f;
		final float[] o1 = Nets.run(a, config, ConstantParameters.seeded(11), base, n, n, null);
		final float[] o2 = Nets.run(a, config, ConstantParameters.seeded(11), probe, n, n, null);
		double max = 0;
		for (int i = 0; i < o1.length; i++) max = Math.max(max, Math.abs(o1[i] - o2[i]));
		assertTrue(max > 0, "the impulse changed nothing");
		int reach = 0;
		for (int y = 0; y < n * scale; y++)
			for (int x = 0; x < n * scale; x++)
				if (Math.abs(o1[y * n * scale + x] - o2[y * n * scale + x]) > 1e-7 * max)
					reach = Math.max(reach, Math.max(Math.abs(y / scale - centre), Math.abs(x / scale - centre)));
		assertEquals(r, reach, name + " x" + scale + ": impulse reach in LR pixels");
	}

	private static void assertNear(final double published, final long ours) {
		assertTrue(Math.abs(ours - published) <= 0.02 * published, ours + " parameters against the published " + (long) published);
	}

	/** Weights and biases of the default RGB configuration, over the union of the given scales' graphs. */
	static long count(final String name, final int... scales) {
		final Map<String, long[]> all = new LinkedHashMap<>();
		for (final int s : scales) all.putAll(shapes(name, NetConfig.of(s, NetConfig.ChannelMode.RGB, NetConfig.ChannelMode.RGB)));
		return all.values().stream().mapToLong(shape -> Arrays.stream(shape).reduce(1, (a, b) -> a * b)).sum();
	}

	/**
	 * The parameters the network asks for, built eagerly on zeros for a 4x4
	 * input: in a Graph every new name scope scans all earlier ops
	 * (TensorFlow Java's NameScope.importIdsFrom), which makes building RCAN's
	 * 200 blocks take tens of seconds; an eager session has no such scan.
	 */
	static Map<String, long[]> shapes(final String name, final NetConfig config) {
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		try (EagerSession eager = EagerSession.create()) {
			final Ops tf = Ops.create(eager);
			NetRegistry.get(name).build(tf, tf.zeros(tf.constant(new long[] { 1, 4, 4, config.channels() }), TFloat32.class), config, (scope, pname, shape, init) -> {
				if (shapes.put(pname, shape.clone()) != null) throw new AssertionError(pname + " asked for twice");
				return scope.zeros(scope.constant(shape), TFloat32.class);
			});
		}
		return shapes;
	}
}
