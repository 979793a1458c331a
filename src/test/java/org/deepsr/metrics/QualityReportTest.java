package org.deepsr.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;

/** Identical rows apart from the mean, and NaN data refused on the ImgLib2 path; hand values. */
class QualityReportTest {

	private static QualityRow row(final String label, final double psnr, final double mae) {
		return new QualityRow(label, psnr, 1 - mae / 100, Double.NaN, mae / 255, mae);
	}

	@Test
	void meanLeavesIdenticalRowsOutUnlessAllAre() {
		final QualityReport some = new QualityReport(MetricOptions.DEFAULT.withDataRange(255), List.of(row("z1", 30, 4), row("z2", Double.POSITIVE_INFINITY, 0), row("z3", 40, 2)));
		assertEquals(35, some.mean().psnr(), 0);
		assertEquals(3, some.mean().mae(), 0);
		assertEquals(0.97, some.mean().ssim(), 1e-15);
		assertEquals(List.of("z2"), some.identical());
		assertEquals("PSNR/SSIM on Y (BT.601 studio range, MATLAB rgb2ycbcr), no border shaved, data range 255; 1 of 3 rows identical (PSNR infinite), left out of the mean: z2", some.describe());
		assertTrue(some.toCsv().contains("\nmean,35.000000,0.970000,nan,"), some.toCsv());

		final QualityReport all = new QualityReport(MetricOptions.DEFAULT.withDataRange(255), List.of(row("z1", Double.POSITIVE_INFINITY, 0), row("z2", Double.POSITIVE_INFINITY, 0)));
		assertEquals(Double.POSITIVE_INFINITY, all.mean().psnr());
		assertEquals(0, all.mean().mae());
		assertTrue(all.describe().endsWith("; every row identical (PSNR infinite)"), all.describe());
	}

	@Test
	void nanPlanesAreRefused() {
		final float[] ref = new float[16 * 16], test = new float[16 * 16];
		test[17] = Float.NaN;
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageQuality.evaluatePlanes(List.of(ArrayImgs.floats(ref, 16, 16)),
			List.of(ArrayImgs.floats(test, 16, 16)), MetricOptions.DEFAULT.withDataRange(1), Progress.NONE));
		assertEquals("Test plane 1 has a NaN pixel at x 1, y 1: measure finite data only (e.g. Process > Math > Remove NaNs, or crop the undefined part away).", e.getMessage());
	}

	@Test
	void dataRangeMustBeANumber() {
		for (final double bad : new double[] { Double.NaN, -1, Double.POSITIVE_INFINITY, 0 })
			assertThrows(IllegalArgumentException.class, () -> MetricOptions.DEFAULT.withDataRange(bad), "range " + bad);
		assertTrue(MetricOptions.DEFAULT.withDataRangeOption(0).automaticRange());
		assertEquals(4095, MetricOptions.DEFAULT.withDataRangeOption(4095).dataRange(), 0);
		assertThrows(IllegalArgumentException.class, () -> MetricOptions.DEFAULT.withDataRangeOption(Double.NaN));
	}
}
