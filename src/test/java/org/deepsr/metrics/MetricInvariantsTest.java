package org.deepsr.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import java.util.List;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;

/**
 * Physical invariants (identical images, affine changes of units) and the
 * documented conventions and error messages; no reference numbers needed.
 */
class MetricInvariantsTest {

	private static float[] pattern(final int w, final int h, final double phase) {
		final float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (100 + 50 * Math.sin(0.3 * (i % w) + phase) * Math.cos(0.2 * (i / w)) + (i * 7919 % 13));
		return v;
	}

	private static ArrayImg<FloatType, FloatArray> img(final float[] v, final int w, final int h) {
		return ArrayImgs.floats(v, w, h);
	}

	@Test
	void identicalImagesArePerfect() {
		final float[] a = pattern(180, 176, 0);
		assertEquals(Double.POSITIVE_INFINITY, Psnr.psnr(img(a, 180, 176), img(a.clone(), 180, 176), 255));
		assertEquals(1.0, Ssim.ssim(img(a, 180, 176), img(a, 180, 176), 255), 1e-12);
		assertEquals(1.0, MsSsim.msSsim(img(a, 180, 176), img(a, 180, 176), 255), 1e-12);
		assertEquals(0.0, PixelErrors.mae(img(a, 180, 176), img(a, 180, 176)));
	}

	/** SSIM and PSNR depend on intensities only relative to the data range: scale images and range by k. */
	@Test
	void metricsAreInvariantToUnitsWhenTheRangeFollows() {
		final int w = 40, h = 30;
		final float[] a = pattern(w, h, 0), b = pattern(w, h, 0.2);
		final float[] a4 = new float[a.length], b4 = new float[b.length];
		for (int i = 0; i < a.length; i++) {
			a4[i] = 4 * a[i]; // exact in float; an offset would change the luminance term
			b4[i] = 4 * b[i];
		}
		assertEquals(Psnr.psnr(img(a, w, h), img(b, w, h), 200), Psnr.psnr(img(a4, w, h), img(b4, w, h), 800), 1e-9);
		assertEquals(Ssim.ssim(img(a, w, h), img(b, w, h), 200), Ssim.ssim(img(a4, w, h), img(b4, w, h), 800), 1e-9);
		// 20 log10(2) dB gained by doubling the peak
		assertEquals(Psnr.psnr(img(a, w, h), img(b, w, h), 200) + 20 * Math.log10(2), Psnr.psnr(img(a, w, h), img(b,
			w, h), 400), 1e-9);
	}

	@Test
	void tooSmallImagesAreRejectedWithTheMinimumSize() {
		final float[] a = pattern(175, 200, 0);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsSsim.msSsim(img(a,
			175, 200), img(a, 175, 200), 255));
		assertTrue(e.getMessage().contains("176x176"), e.getMessage());
		final float[] s = pattern(10, 12, 0);
		final IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> Ssim.ssim(img(s, 10,
			12), img(s, 10, 12), 255));
		assertTrue(f.getMessage().contains("11x11"), f.getMessage());
	}

	@Test
	void sizeMismatchAndBadRangeAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> Psnr.psnr(img(pattern(20, 20, 0), 20, 20), img(pattern(
			20, 21, 0), 20, 21), 255));
		assertThrows(IllegalArgumentException.class, () -> MetricOptions.DEFAULT.withDataRange(0));
		assertThrows(IllegalArgumentException.class, () -> MetricOptions.DEFAULT.withShave(-1));
	}

	@Test
	void describeStatesTheConvention() {
		assertEquals("PSNR/SSIM on Y (BT.601 studio range, MATLAB rgb2ycbcr), border 4 px shaved, data range 255",
			MetricOptions.DEFAULT.withShave(4).withDataRange(255).describe());
	}

	/** A float stack: one row per slice, automatic range = max-min over the whole stack, the mean row is the mean. */
	@Test
	void stacksGiveOneRowPerSliceAndAMean() {
		final int w = 30, h = 20;
		final ImageStack ref = new ImageStack(w, h), test = new ImageStack(w, h);
		for (int z = 0; z < 3; z++) {
			final float[] a = pattern(w, h, z);
			final float[] b = pattern(w, h, z + 0.1);
			if (z == 2) a[0] = 1000; // widens the stack's range beyond the other slices
			ref.addSlice(new FloatProcessor(w, h, a));
			test.addSlice(new FloatProcessor(w, h, b));
		}
		final double[] sliceRange = { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
		for (int z = 1; z <= 3; z++)
			for (final float v : (float[]) ref.getPixels(z)) {
				sliceRange[0] = Math.min(sliceRange[0], v);
				sliceRange[1] = Math.max(sliceRange[1], v);
			}
		final QualityReport r = ImageQuality.evaluate(new ImagePlus("ref", ref), new ImagePlus("test", test),
			MetricOptions.DEFAULT, Progress.NONE);
		assertEquals(sliceRange[1] - sliceRange[0], r.options().dataRange(), 1e-3);
		assertEquals(List.of("z1", "z2", "z3"), r.rows().stream().map(QualityRow::label).collect(
			java.util.stream.Collectors.toList()));
		for (int z = 0; z < 3; z++) {
			final float[] a = (float[]) ref.getPixels(z + 1), b = (float[]) test.getPixels(z + 1);
			assertEquals(Psnr.psnr(img(a, w, h), img(b, w, h), r.options().dataRange()), r.rows().get(z).psnr(), 1e-9);
		}
		assertEquals((r.rows().get(0).ssim() + r.rows().get(1).ssim() + r.rows().get(2).ssim()) / 3, r.mean().ssim(),
			1e-12);
		assertTrue(Double.isNaN(r.mean().msSsim()), "MS-SSIM is NaN below 176 px");
		assertTrue(r.toCsv().startsWith("label,psnr,ssim,msssim,nrmse,mae\nz1,"), r.toCsv());
	}

	/** A 2-channel 16-bit hyperstack: EACH gives a row per channel and z, RGB one per z, Y is refused. */
	@Test
	void hyperstackChannelsFollowTheConvention() {
		final int w = 20, h = 16;
		final ImageStack ref = new ImageStack(w, h), test = new ImageStack(w, h);
		for (int i = 0; i < 4; i++) { // c fastest: c1z1, c2z1, c1z2, c2z2
			ref.addSlice(new FloatProcessor(w, h, pattern(w, h, i)).convertToShortProcessor(false));
			test.addSlice(new FloatProcessor(w, h, pattern(w, h, i + 0.3)).convertToShortProcessor(false));
		}
		final ImagePlus r = new ImagePlus("ref", ref), t = new ImagePlus("test", test);
		r.setDimensions(2, 2, 1);
		t.setDimensions(2, 2, 1);
		final MetricOptions each = MetricOptions.DEFAULT.withChannels(MetricOptions.Channels.EACH).withDataRange(200);
		final QualityReport e = ImageQuality.evaluate(r, t, each, Progress.NONE);
		assertEquals(List.of("z1 c1", "z1 c2", "z2 c1", "z2 c2"), e.rows().stream().map(QualityRow::label).collect(
			java.util.stream.Collectors.toList()));
		final QualityReport joint = ImageQuality.evaluate(r, t, each.withChannels(MetricOptions.Channels.RGB),
			Progress.NONE);
		assertEquals(2, joint.rows().size());
		// channels together: MSE is the mean of the channels' MSEs, SSIM the mean of their SSIMs
		final double mse = (Math.pow(10, -e.rows().get(0).psnr() / 10) + Math.pow(10, -e.rows().get(1).psnr() / 10)) /
			2 * 200 * 200;
		assertEquals(10 * Math.log10(200 * 200 / mse), joint.rows().get(0).psnr(), 1e-9);
		assertEquals((e.rows().get(2).ssim() + e.rows().get(3).ssim()) / 2, joint.rows().get(1).ssim(), 1e-12);
		final IllegalArgumentException y = assertThrows(IllegalArgumentException.class, () -> ImageQuality.evaluate(r,
			t, MetricOptions.DEFAULT, Progress.NONE));
		assertTrue(y.getMessage().contains("RGB image"), y.getMessage());
	}
}
