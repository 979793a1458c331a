package org.deepsr.zeroshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.metrics.Psnr;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.MatlabResize;
import org.deepsr.train.FloatImage;
import org.junit.jupiter.api.Test;

/** Zero-shot training and inference on a small crop of the sample image. */
class ZeroShotTest {

	private static final Progress QUIET = new Progress() {};

	private static FloatImage shrink(final FloatImage hr, final int s) {
		return new FloatImage(hr.height() / s, hr.width() / s, 1, MatlabResize.resize(ArrayImgs.floats(hr.data().clone(), hr.width(), hr.height()),
			hr.width() / s, hr.height() / s, Interpolation.BICUBIC).update(null).getCurrentStorageArray());
	}

	private static double psnr(final FloatImage truth, final FloatImage test, final int shave) {
		final FloatImage a = truth.crop(shave, shave, truth.height() - 2 * shave, truth.width() - 2 * shave);
		final FloatImage b = test.crop(shave, shave, test.height() - 2 * shave, test.width() - 2 * shave);
		return Psnr.psnr(ArrayImgs.floats(a.data(), a.width(), a.height()), ArrayImgs.floats(b.data(), b.width(), b.height()), 1);
	}

	@Test
	void aShortRunBeatsBicubicOnTheSample() {
		final FloatImage hr = SelfExamplesTest.astronaut(20, 160, 128, 128); // face and helmet edges
		final FloatImage lr = shrink(hr, 2);
		final ZeroShotOptions o = new ZeroShotOptions();
		o.steps = 150;
		o.width = 32;
		o.patch = 32;
		final FloatImage bicubic = new FloatImage(128, 128, 1, MatlabResize.resize(ArrayImgs.floats(lr.data().clone(), 64, 64), 2, Interpolation.BICUBIC)
			.update(null).getCurrentStorageArray());
		try (ZeroShot z = ZeroShot.train(List.of(lr), o, QUIET)) {
			final FloatImage sr = z.apply(lr, QUIET);
			assertEquals(128, sr.width());
			assertEquals(128, sr.height());
			final double pb = psnr(hr, bicubic, 2), pz = psnr(hr, sr, 2);
			assertTrue(pz > pb + 0.3, String.format("zero-shot %.2f dB against bicubic %.2f dB", pz, pb));
		}
	}

	@Test
	void theSameSeedGivesTheSameNetworkAndAnotherSeedAnother() {
		final FloatImage lr = SelfExamplesTest.astronaut(0, 0, 40, 40);
		final ZeroShotOptions o = new ZeroShotOptions();
		o.steps = 3;
		o.width = 8;
		o.depth = 3;
		o.patch = 16;
		o.threads = 1;
		final Map<String, float[]> a, b, c;
		final float[] outA, outB;
		try (ZeroShot z = ZeroShot.train(List.of(lr), o, QUIET)) {
			a = z.weights();
			outA = z.apply(lr, QUIET).data();
		}
		try (ZeroShot z = ZeroShot.train(List.of(lr), o, QUIET)) {
			b = z.weights();
			outB = z.apply(lr, QUIET).data();
		}
		o.seed = 2;
		try (ZeroShot z = ZeroShot.train(List.of(lr), o, QUIET)) {
			c = z.weights();
		}
		assertEquals(a.keySet(), b.keySet());
		for (final String k : a.keySet())
			assertArrayEquals(a.get(k), b.get(k), k);
		assertArrayEquals(outA, outB);
		assertFalse(a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), c.get(k))), "another seed, other weights");
	}

	@Test
	void theEnsembleAveragesEightPassesOfTheSameNetwork() {
		final FloatImage lr = SelfExamplesTest.astronaut(50, 50, 24, 30);
		final ZeroShotOptions o = new ZeroShotOptions();
		o.steps = 2;
		o.width = 8;
		o.depth = 3;
		o.patch = 16;
		o.scale = 3;
		try (ZeroShot z = ZeroShot.train(List.of(lr), o, QUIET)) {
			final FloatImage one = z.apply(lr, QUIET);
			assertEquals(72, one.height());
			assertEquals(90, one.width());
			o.ensemble = true;
			final FloatImage eight = z.apply(lr, QUIET);
			assertEquals(72, eight.height());
			assertEquals(90, eight.width());
			double diff = 0;
			for (int i = 0; i < one.data().length; i++)
				diff = Math.max(diff, Math.abs(one.data()[i] - eight.data()[i]));
			assertTrue(diff > 0 && diff < 0.2, "the ensemble differs a little from one pass: " + diff);
		}
	}

	@Test
	void cancellingStopsTheRunWithNoResultAndStatusLinesSayWhatLearns() {
		final FloatImage lr = SelfExamplesTest.astronaut(0, 0, 40, 40);
		final ZeroShotOptions o = new ZeroShotOptions();
		o.steps = 100000;
		o.width = 8;
		o.depth = 3;
		o.patch = 16;
		final java.util.List<String> status = new java.util.ArrayList<>();
		final Progress cancelAfterTwo = new Progress() {

			private long done;

			@Override
			public void status(final String message) {
				status.add(message);
			}

			@Override
			public void progress(final long d, final long total) {
				done = d;
			}

			@Override
			public boolean cancelled() {
				return done >= 2 || status.size() > 0;
			}
		};
		final long start = System.nanoTime();
		org.junit.jupiter.api.Assertions.assertThrows(org.deepsr.progress.CancelledException.class, () -> ZeroShot.train(List.of(lr), o, cancelAfterTwo));
		assertTrue((System.nanoTime() - start) / 1e9 < 60, "cancelled long before 100000 steps");
		assertFalse(status.isEmpty(), "a status line before the cancel");
		assertTrue(status.stream().allMatch(m -> m.startsWith("Zero-shot x2 learning")), status.toString());
	}
}
