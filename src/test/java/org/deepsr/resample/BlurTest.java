package org.deepsr.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;

/**
 * {@link Kernels}, {@link BlurKernel} and {@link Convolution} against scipy
 * ({@code ndimage.convolve(mode='reflect')}) and a bivariate-normal density
 * evaluated through the inverse covariance matrix ({@link BlurFixtures}, made
 * by src/test/python/degradation_reference.py), and physical invariants.
 */
class BlurTest {

	private static double sum(final float[] v) {
		double s = 0;
		for (final float x : v)
			s += x;
		return s;
	}

	@Test
	void anisotropicGaussianMatchesBivariateNormal() {
		final BlurKernel k = Kernels.anisotropicGaussian(2.0, 0.7, 0.6, 9);
		assertArrayEquals(BlurFixtures.GAUSS_2_07_06_9, k.values(), 1e-6f);
	}

	@Test
	void kernelsSumToOne() {
		assertEquals(1.0, sum(Kernels.gaussian(0.8).values()), 1e-6);
		assertEquals(1.0, sum(Kernels.gaussian(2.5, 7).values()), 1e-6);
		assertEquals(1.0, sum(Kernels.anisotropicGaussian(3, 0.5, 1.1).values()), 1e-6);
		assertEquals(1.0, sum(BlurKernel.of(new float[] { 1, 2, 3 }, 3, 1, "test").values()), 1e-6);
	}

	@Test
	void defaultSizeReachesThreeSigma() {
		assertEquals(2 * 5 + 1, Kernels.gaussian(1.6).width()); // ceil(4.8) = 5
		assertEquals(2 * 9 + 1, Kernels.anisotropicGaussian(3, 1, 0.3).height());
	}

	@Test
	void isotropicGaussianIsSeparable() {
		// exp(-(x^2 + y^2) / 2s^2) = g(x) g(y) with g the 1D Gaussian, normalised.
		final double s = 1.3;
		final BlurKernel k = Kernels.gaussian(s, 9);
		final double[] g = new double[9];
		double gs = 0;
		for (int i = 0; i < 9; i++)
			gs += g[i] = Math.exp(-(i - 4) * (i - 4) / (2 * s * s));
		for (int y = 0; y < 9; y++)
			for (int x = 0; x < 9; x++)
				assertEquals(g[x] * g[y] / (gs * gs), k.get(x, y), 1e-7);
	}

	@Test
	void quarterTurnSwapsTheAxes() {
		final BlurKernel a = Kernels.anisotropicGaussian(2.2, 0.9, 0, 11);
		final BlurKernel b = Kernels.anisotropicGaussian(2.2, 0.9, Math.PI / 2, 11);
		for (int y = 0; y < 11; y++)
			for (int x = 0; x < 11; x++)
				assertEquals(a.get(x, y), b.get(y, x), 1e-7);
	}

	@Test
	void secondMomentsAreTheCovariance() {
		// Covariance of the (well-sampled, barely truncated) Gaussian: R diag(sx^2, sy^2) R^T.
		final double sx = 3, sy = 1.5, t = 0.4, c = Math.cos(t), s = Math.sin(t);
		final BlurKernel k = Kernels.anisotropicGaussian(sx, sy, t, 2 * 17 + 1);
		double xx = 0, yy = 0, xy = 0;
		for (int y = 0; y < k.height(); y++)
			for (int x = 0; x < k.width(); x++) {
				final double dx = x - 17, dy = y - 17, v = k.get(x, y);
				xx += v * dx * dx;
				yy += v * dy * dy;
				xy += v * dx * dy;
			}
		assertEquals(c * c * sx * sx + s * s * sy * sy, xx, 0.01 * sx * sx);
		assertEquals(s * s * sx * sx + c * c * sy * sy, yy, 0.01 * sx * sx);
		assertEquals(c * s * (sx * sx - sy * sy), xy, 0.01 * sx * sx);
	}

	@Test
	void convolutionMatchesScipyWithSymmetricBorder() {
		final BlurKernel k = BlurKernel.of(BlurFixtures.KERNEL_5x3, 5, 3, "random");
		final float[] out = MatlabResizeTest.data(Convolution.convolve(ArrayImgs.floats(BlurFixtures.SRC_7x6.clone(), 7,
			6), k));
		assertArrayEquals(BlurFixtures.CONVOLVED, out, 2e-4f);
	}

	@Test
	void deltaKernelIsIdentityAndConstantStaysConstant() {
		final float[] delta = new float[9];
		delta[4] = 1;
		final float[] out = MatlabResizeTest.data(Convolution.convolve(ArrayImgs.floats(BlurFixtures.SRC_7x6.clone(), 7,
			6), BlurKernel.of(delta, 3, 3, "delta")));
		assertArrayEquals(BlurFixtures.SRC_7x6, out, 0);
		final float[] c = new float[5 * 4];
		Arrays.fill(c, 12.5f);
		for (final float v : MatlabResizeTest.data(Convolution.convolve(ArrayImgs.floats(c, 5, 4), Kernels
			.anisotropicGaussian(4, 1, 0.7))))
			assertEquals(12.5f, v, 1e-4f);
	}

	@Test
	void rejectsBadKernels() {
		assertThrows(IllegalArgumentException.class, () -> BlurKernel.of(new float[4], 2, 2, "even"));
		assertThrows(IllegalArgumentException.class, () -> BlurKernel.of(new float[9], 3, 3, "zero sum"));
		assertThrows(IllegalArgumentException.class, () -> BlurKernel.of(new float[8], 3, 3, "wrong length"));
		assertThrows(IllegalArgumentException.class, () -> Kernels.gaussian(0));
		assertThrows(IllegalArgumentException.class, () -> Kernels.gaussian(1, 4));
	}
}
