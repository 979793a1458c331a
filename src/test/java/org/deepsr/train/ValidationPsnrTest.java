package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Validation PSNR clamps predictions to [0,1] (the range a model's output is
 * cast to) and shaves the border, computed by hand: the inner 2x2 of a 4x4
 * prediction {1.5, -0.5, 0.75, 0.5} against 0.5 everywhere clamps to errors
 * {0.5, -0.5, 0.25, 0}, MSE 0.5625 / 4 = 0.140625, PSNR 10 log10(1 / 0.140625)
 * = 8.5194 dB (unclamped it would be 10 log10(4 / 2.0625) = 2.877 dB); the
 * border holds 100s that the shave must drop. numpy agrees:
 * {@code 10*np.log10(1/np.mean((np.clip(p,0,1)[1:3,1:3]-0.5)**2))} = 8.519374645445623.
 */
class ValidationPsnrTest {

	@Test
	void clampsPredictionsAndShavesTheBorder() {
		final float[] p = new float[16], t = new float[16];
		java.util.Arrays.fill(p, 100);
		java.util.Arrays.fill(t, 0.5f);
		p[5] = 1.5f;
		p[6] = -0.5f;
		p[9] = 0.75f;
		p[10] = 0.5f;
		assertEquals(8.519374645445623, Trainer.psnr(new FloatImage(4, 4, 1, p), new FloatImage(4, 4, 1, t), 1), 1e-9);
	}

	/** An infinite or NaN prediction is a diverged network: the PSNR is NaN, not the finite value clamping would give (+inf to 1). */
	@Test
	void nonFinitePredictionsGiveNaN() {
		final float[] t = new float[16];
		java.util.Arrays.fill(t, 0.5f);
		for (final float bad : new float[] { Float.POSITIVE_INFINITY, Float.NaN }) {
			final float[] p = t.clone();
			p[5] = bad;
			assertEquals(Double.NaN, Trainer.psnr(new FloatImage(4, 4, 1, p), new FloatImage(4, 4, 1, t), 1), "prediction " + bad);
		}
	}
}
