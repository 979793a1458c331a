package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Losses against hand-computed numbers for p = (0.5, 0.2, 0.9, 0.0),
 * t = (0.1, 0.2, 0.6, 0.4), i.e. d = (0.4, 0, 0.3, -0.4):
 * L1 = 1.1/4 = 0.275; L2 = (0.16+0.09+0.16)/4 = 0.1025; Charbonnier =
 * (2 sqrt(0.16+1e-6) + sqrt(1e-6) + sqrt(0.09+1e-6))/4 = 0.27525104
 * (src/test/python/loss_reference.py prints the same with numpy).
 */
class LossTest {

	private static final float[] P = { 0.5f, 0.2f, 0.9f, 0.0f };
	private static final float[] T = { 0.1f, 0.2f, 0.6f, 0.4f };

	@Test
	void valuesMatchHandComputation() {
		assertEquals(0.275, eval(Loss.L1), 1e-6);
		assertEquals(0.1025, eval(Loss.L2), 1e-6);
		assertEquals(0.27525104, eval(Loss.CHARBONNIER), 1e-6);
	}

	@Test
	void byName() {
		assertEquals(Loss.CHARBONNIER, Loss.byName("Charbonnier"));
		assertEquals(Loss.L2, Loss.byName("mse"));
		assertThrows(IllegalArgumentException.class, () -> Loss.byName("ssim"));
	}

	private static double eval(final Loss loss) {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			try (TFloat32 p = Tensors.of(P, 1, 2, 2, 1); TFloat32 t = Tensors.of(T, 1, 2, 2, 1); Session s = new Session(g)) {
				final org.tensorflow.Operand<TFloat32> l = loss.build(tf, tf.constantOf(p), tf.constantOf(t));
				try (Result r = s.runner().fetch(l).run()) {
					return ((TFloat32) r.get(0)).getFloat();
				}
			}
		}
	}
}
