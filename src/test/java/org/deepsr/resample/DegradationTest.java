package org.deepsr.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/**
 * Degradation steps: geometry of decimation and downscaling, the
 * composition, repeatability with a seed, and noise statistics against their
 * definitions (sample mean and variance of many pixels, within a few
 * standard errors; Poisson frequencies against the exact pmf).
 */
class DegradationTest {

	private static ArrayImg<FloatType, FloatArray> constant(final int w, final int h, final float v) {
		final float[] d = new float[w * h];
		Arrays.fill(d, v);
		return ArrayImgs.floats(d, w, h);
	}

	private static float[] data(final ArrayImg<FloatType, FloatArray> img) {
		return MatlabResizeTest.data(img);
	}

	@Test
	void decimateKeepsTopLeftSampleOfEachBlock() {
		final float[] src = new float[7 * 5];
		for (int i = 0; i < src.length; i++)
			src[i] = i;
		final ArrayImg<FloatType, FloatArray> out = new Decimate(3).apply(ArrayImgs.floats(src, 7, 5), new Random(1));
		assertEquals(2, out.dimension(0));
		assertEquals(1, out.dimension(1));
		assertArrayEquals(new float[] { 0, 3 }, data(out), 0);
	}

	@Test
	void downscaleModcropsThenShrinksExactly() {
		final ArrayImg<FloatType, FloatArray> src = ArrayImgs.floats(ResizeFixtures.SRC_6x5.clone(), 6, 5);
		final ArrayImg<FloatType, FloatArray> m = new Downscale(2, Downscale.Style.MATLAB).apply(src, new Random(1));
		assertEquals(3, m.dimension(0));
		assertEquals(2, m.dimension(1));
		final var cropped = Views.interval(src, new long[] { 0, 0 }, new long[] { 5, 3 });
		assertArrayEquals(data(MatlabResize.resize(cropped, 0.5, Interpolation.BICUBIC)), data(m), 1e-5f);
		assertArrayEquals(data(OpenCvResize.resize(cropped, 3, 2)), data(new Downscale(2, Downscale.Style.OPENCV).apply(
			src, new Random(1))), 1e-5f);
		for (final float v : data(new Downscale(3, Downscale.Style.MATLAB_UINT8).apply(constant(10, 7, 77), null)))
			assertEquals(77, v, 0);
	}

	@Test
	void chainComposesAndDescribesItsSteps() {
		final BlurKernel k = Kernels.gaussian(1.2);
		final Chain chain = Chain.blurDownsampleNoise(k, 2, new GaussianNoise(0));
		final ArrayImg<FloatType, FloatArray> src = ArrayImgs.floats(BlurFixtures.SRC_7x6.clone(), 7, 6);
		final ArrayImg<FloatType, FloatArray> out = chain.apply(src, new Random(3));
		assertArrayEquals(data(new Decimate(2).apply(Convolution.convolve(src, k), null)), data(out), 0);
		assertEquals(3, out.dimension(0));
		assertEquals(3, out.dimension(1));
		assertEquals("blur (gaussian sigma=1.200 9x9, symmetric border) -> decimate x2 (top-left sample of each block)" +
			" -> gaussian noise sigma=0.0000", chain.description());
		assertThrows(IllegalArgumentException.class, Chain::of);
	}

	@Test
	void sameSeedSameNoiseOtherSeedOtherNoise() {
		final Degradation d = Chain.of(new PoissonGaussianNoise(0.5, 2), new GaussianNoise(3));
		final float[] a = data(d.apply(constant(32, 16, 40), new Random(42)));
		final float[] b = data(d.apply(constant(32, 16, 40), new Random(42)));
		final float[] c = data(d.apply(constant(32, 16, 40), new Random(43)));
		assertArrayEquals(a, b, 0);
		assertFalse(Arrays.equals(a, c));
	}

	/** {mean, variance} of the values. */
	private static double[] meanVariance(final float[] v) {
		double s = 0, s2 = 0;
		for (final float x : v)
			s += x;
		final double mean = s / v.length;
		for (final float x : v)
			s2 += (x - mean) * (x - mean);
		return new double[] { mean, s2 / (v.length - 1) };
	}

	@Test
	void gaussianNoiseHasTheRequestedMeanAndVariance() {
		// n = 262144: standard error of the mean 5/512 ~ 0.01, of the variance 25*sqrt(2/n) ~ 0.07.
		final double[] mv = meanVariance(data(new GaussianNoise(5).apply(constant(512, 512, 100), new Random(11))));
		assertEquals(100, mv[0], 0.05);
		assertEquals(25, mv[1], 0.4);
	}

	@Test
	void poissonGaussianVarianceIsGainTimesSignalPlusReadVariance() {
		final double gain = 2, read = 3;
		// Signals 0.5, 10 and 300 give photon means 0.25 and 5 (Knuth) and 150 (PTRS).
		for (final float signal : new float[] { 0.5f, 10, 300 }) {
			final double[] mv = meanVariance(data(new PoissonGaussianNoise(gain, read).apply(constant(512, 512, signal),
				new Random(5))));
			final double var = gain * signal + read * read;
			assertEquals(signal, mv[0], 5 * Math.sqrt(var / (512 * 512)), "mean at " + signal);
			assertEquals(var, mv[1], 6 * var * Math.sqrt(2.0 / (512 * 512)), "variance at " + signal);
		}
	}

	@Test
	void poissonFrequenciesFollowThePmf() {
		// Exact pmf by the recurrence p(k) = p(k-1) * mean / k; each frequency within 5 binomial standard errors.
		final int n = 200_000;
		for (final double mean : new double[] { 3, 30, 1000 }) {
			final Random r = new Random(9);
			final int lo = (int) Math.max(0, mean - 6 * Math.sqrt(mean)), hi = (int) (mean + 6 * Math.sqrt(mean));
			final int[] counts = new int[hi + 1];
			for (int i = 0; i < n; i++) {
				final long k = PoissonSampler.sample(mean, r);
				if (k <= hi) counts[(int) k]++;
			}
			double p = Math.exp(-mean / 2); // split exp(-mean) to avoid underflow at mean = 1000
			final double half = Math.exp(-mean / 2);
			for (int k = 0; k <= hi; k++) {
				if (k > 0) p *= mean / k;
				if (k < lo) continue;
				final double pk = p * half;
				assertEquals(n * pk, counts[k], 5 * Math.sqrt(n * pk * (1 - pk)) + 1, "mean " + mean + " k " + k);
			}
		}
	}

	@Test
	void logFactorialSeriesMatchesTheSum() {
		double exact = 0;
		for (int k = 1; k <= 500; k++) {
			exact += Math.log(k);
			assertEquals(exact, PoissonSampler.logFactorial(k), 1e-10 * exact);
		}
	}

	@Test
	void rejectsBadParameters() {
		assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(-1));
		assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(0, 1));
		assertThrows(IllegalArgumentException.class, () -> new Decimate(0));
		assertThrows(IllegalArgumentException.class, () -> new Downscale(4, Downscale.Style.OPENCV).apply(constant(3, 8,
			1), null));
	}

	/** Binning is the block mean, worked by hand on a 4x3 image (its odd last column, a partial block, dropped). */
	@Test
	void binningIsTheBlockMean() {
		final float[] v = { 1, 2, 3, 4, 5, //
			5, 6, 7, 8, 9, //
			0, 0, 0, 0, 0, //
			4, 4, 8, 8, 0 };
		final float[] out = new Bin(2).apply(ArrayImgs.floats(v, 5, 4), null).update(null).getCurrentStorageArray();
		assertArrayEquals(new float[] { (1 + 2 + 5 + 6) / 4f, (3 + 4 + 7 + 8) / 4f, 2, 4 }, out, 1e-6f);
	}

	/**
	 * Gaussian sampling at block centres: a linear ramp v = x + 3y (which any
	 * normalised symmetric kernel leaves unchanged away from the borders) is
	 * sampled at the block centre (2i + 0.5, 2j + 0.5) at f = 2 and at (3i + 1,
	 * 3j + 1) at f = 3; at odd f it equals Blur then Decimate shifted to the
	 * block centre.
	 */
	@Test
	void gaussianSamplingHitsTheBlockCentre() {
		final int w = 48, h = 36;
		final float[] ramp = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) ramp[y * w + x] = x + 3 * y;
		final float[] two = new GaussianSample(1.0, 2).apply(ArrayImgs.floats(ramp.clone(), w, h), null).update(null).getCurrentStorageArray();
		for (int j = 3; j < h / 2 - 3; j++) for (int i = 3; i < w / 2 - 3; i++)
			assertEquals(2 * i + 0.5 + 3 * (2 * j + 0.5), two[j * (w / 2) + i], 1e-3);
		final float[] three = new GaussianSample(1.2, 3).apply(ArrayImgs.floats(ramp.clone(), w, h), null).update(null).getCurrentStorageArray();
		for (int j = 2; j < h / 3 - 2; j++) for (int i = 2; i < w / 3 - 2; i++)
			assertEquals(3 * i + 1 + 3 * (3 * j + 1), three[j * (w / 3) + i], 1e-3);
		// odd factor: the same as a Gaussian blur sampled at the centre pixel (random image, interior)
		final Random random = new Random(3);
		final float[] noise = new float[w * h];
		for (int i = 0; i < noise.length; i++) noise[i] = random.nextFloat();
		final float[] sampled = new GaussianSample(1.2, 3).apply(ArrayImgs.floats(noise.clone(), w, h), null).update(null).getCurrentStorageArray();
		final float[] blurred = new Blur(Kernels.gaussian(1.2, 13)).apply(ArrayImgs.floats(noise.clone(), w, h), null).update(null).getCurrentStorageArray();
		for (int j = 2; j < h / 3 - 2; j++) for (int i = 2; i < w / 3 - 2; i++)
			assertEquals(blurred[(3 * j + 1) * w + 3 * i + 1], sampled[j * (w / 3) + i], 1e-4);
	}
}
