package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Parameter counts of the default configurations, from the variables the
 * graph asks for, against the papers. The papers count filter weights
 * ("kernel" parameters) and leave biases and PReLU slopes out.
 */
class ParameterCountTest {

	/** SRCNN (Dong et al., TPAMI 2016, Sec. 4.3): the 9-1-5 network with n1 = 64, n2 = 32 has 8,032 parameters (9*9*64 + 64*32 + 5*5*32). */
	@Test
	void srcnn915() {
		final Map<String, long[]> p = Nets.parameterShapes(NetRegistry.get("srcnn"), NetConfig.of(3, 1));
		assertEquals(8_032, count(p, "/kernel"));
		assertEquals(64 + 32 + 1, count(p, "/bias"));
	}

	/**
	 * FSRCNN (Dong et al., ECCV 2016, Sec. 3.3 and Table 1): d(2s + 106) +
	 * 9ms^2 weights, FSRCNN(56,12,4) = 12,464 (the 9x9 deconvolution counted
	 * for one output channel, as in the paper).
	 */
	@Test
	void fsrcnn56_12_4() {
		final Map<String, long[]> p = Nets.parameterShapes(NetRegistry.get("fsrcnn"), NetConfig.of(3, 1));
		assertEquals(12_464, count(p, "/kernel"));
		assertEquals(56 + 12 + 4 * 12 + 56, count(p, "/alpha"));
		assertEquals(56 + 12 + 4 * 12 + 56 + 1, count(p, "/bias"));
	}

	/**
	 * ESPCN (Shi et al., CVPR 2016, Sec. 3.1): (f1,n1) = (5,64), (f2,n2) =
	 * (3,32), f3 = 3 to r^2 channels; the paper gives the layers, not a count.
	 */
	@Test
	void espcnFollowsThePapersLayers() {
		for (int r = 2; r <= 4; r++) {
			final Map<String, long[]> p = Nets.parameterShapes(NetRegistry.get("espcn"), NetConfig.of(r, 1));
			assertEquals(5 * 5 * 64 + 3 * 3 * 64 * 32 + 3 * 3 * 32 * r * r, count(p, "/kernel"), "x" + r);
			assertEquals(64 + 32 + r * r, count(p, "/bias"), "x" + r);
		}
	}

	/** VDSR (Kim et al., CVPR 2016): 20 layers of 64 3x3 filters; later papers (DRCN, DRRN) list it at 665K parameters (weights and biases: 665,921). */
	@Test
	void vdsr665k() {
		final Map<String, long[]> p = Nets.parameterShapes(NetRegistry.get("vdsr"), NetConfig.of(3, 1));
		final long total = count(p, "");
		assertEquals(665, total / 1000, total + " parameters, in thousands");
		assertEquals(2 * 9 * 64 + 18 * 9 * 64 * 64, count(p, "/kernel"));
	}

	/** Values of the parameters whose names end with {@code suffix}. */
	private static long count(final Map<String, long[]> params, final String suffix) {
		long n = 0;
		for (final Map.Entry<String, long[]> e : params.entrySet()) {
			if (!e.getKey().endsWith(suffix)) continue;
			long size = 1;
			for (final long d : e.getValue()) size *= d;
			n += size;
		}
		return n;
	}
}
