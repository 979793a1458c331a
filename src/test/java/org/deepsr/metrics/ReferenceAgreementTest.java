package org.deepsr.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Agreement with independent implementations. The expected values in
 * expected.csv come from src/test/python/metrics_fixtures.py: PSNR and SSIM
 * from scikit-image 0.19 (peak_signal_noise_ratio; structural_similarity with
 * gaussian_weights=True, sigma=1.5, use_sample_covariance=False), MS-SSIM from
 * a separate numpy implementation written from Wang et al. 2003, NRMSE/MAE from
 * numpy, and the Y channel from MATLAB rgb2ycbcr's formula. Images: 48x40 and
 * 180x176, 8-bit, 16-bit, float and RGB, smooth content plus noise.
 */
class ReferenceAgreementTest {

	private static final double PSNR_TOL = 1e-4, SSIM_TOL = 1e-5, ERR_TOL = 1e-9;

	/** One case of expected.csv: a convention on a fixture pair, with its expected rows. */
	private static final class Case {
		String name, type, channels, rangeOption;
		int h, w, c, shave;
		double dataRange;
		final List<double[]> rows = new ArrayList<>();

		String title() {
			return name + " " + channels + " shave " + shave + " range " + rangeOption;
		}

		MetricOptions options() {
			final MetricOptions o = MetricOptions.DEFAULT.withChannels(MetricOptions.Channels.valueOf(channels))
				.withShave(shave);
			return rangeOption.equals("auto") ? o : o.withDataRange(Double.parseDouble(rangeOption));
		}

		ImagePlus image(final String which) {
			return Fixtures.image(name + "_" + which + ".raw.gz", type, h, w, c);
		}
	}

	@TestFactory
	Stream<DynamicTest> imagePlusAgreesWithReference() throws IOException {
		return cases().stream().map(k -> DynamicTest.dynamicTest(k.title(), () -> {
			final QualityReport report = ImageQuality.evaluate(k.image("ref"), k.image("test"), k.options(),
				Progress.NONE);
			assertEquals(k.dataRange, report.options().dataRange(), ERR_TOL, "resolved data range");
			assertRows(k, report.rows());
		}));
	}

	/** The ImgLib2 entry points on the same data: plane lists and the single-metric classes. */
	@TestFactory
	Stream<DynamicTest> imglib2PlanesAgreeWithReference() throws IOException {
		return cases().stream().map(k -> DynamicTest.dynamicTest(k.title(), () -> {
			final List<RandomAccessibleInterval<? extends RealType<?>>> ref = planes(k.image("ref")), test = planes(k
				.image("test"));
			final QualityReport report = ImageQuality.evaluatePlanes(ref, test, k.options(), Progress.NONE);
			assertEquals(k.dataRange, report.options().dataRange(), ERR_TOL, "resolved data range");
			assertRows(k, report.rows());
			if (k.c == 1 && k.shave == 0) {
				final double[] e = k.rows.get(0);
				assertEquals(e[0], Psnr.psnr(ref.get(0), test.get(0), k.dataRange), PSNR_TOL, "Psnr.psnr");
				assertEquals(e[1], Ssim.ssim(ref.get(0), test.get(0), k.dataRange), SSIM_TOL, "Ssim.ssim");
				assertEquals(e[3], PixelErrors.nrmse(ref.get(0), test.get(0), k.dataRange), ERR_TOL, "nrmse");
				assertEquals(e[4], PixelErrors.mae(ref.get(0), test.get(0)), ERR_TOL * e[4], "mae");
				if (!Double.isNaN(e[2])) assertEquals(e[2], MsSsim.msSsim(ref.get(0), test.get(0), k.dataRange),
					SSIM_TOL, "MsSsim.msSsim");
			}
		}));
	}

	private static void assertRows(final Case k, final List<QualityRow> rows) {
		assertEquals(k.rows.size(), rows.size(), "rows");
		for (int i = 0; i < rows.size(); i++) {
			final double[] e = k.rows.get(i);
			final QualityRow r = rows.get(i);
			assertEquals(e[0], r.psnr(), PSNR_TOL, "psnr row " + i);
			assertEquals(e[1], r.ssim(), SSIM_TOL, "ssim row " + i);
			if (Double.isNaN(e[2])) assertTrue(Double.isNaN(r.msSsim()), "ms-ssim NaN below 176 px, row " + i);
			else assertEquals(e[2], r.msSsim(), SSIM_TOL, "ms-ssim row " + i);
			assertEquals(e[3], r.nrmse(), ERR_TOL, "nrmse row " + i);
			assertEquals(e[4], r.mae(), ERR_TOL * Math.max(1, e[4]), "mae row " + i);
		}
	}

	/** Unsigned bytes for 8-bit and RGB channels, unsigned shorts, floats: as a caller would wrap them. */
	private static List<RandomAccessibleInterval<? extends RealType<?>>> planes(final ImagePlus imp) {
		final ImageProcessor ip = imp.getProcessor();
		final int w = ip.getWidth(), h = ip.getHeight();
		final List<RandomAccessibleInterval<? extends RealType<?>>> planes = new ArrayList<>();
		final Object px = ip.getPixels();
		if (px instanceof int[]) for (int shift = 16; shift >= 0; shift -= 8) {
			final byte[] channel = new byte[w * h];
			for (int i = 0; i < channel.length; i++)
				channel[i] = (byte) (((int[]) px)[i] >> shift);
			planes.add(ArrayImgs.unsignedBytes(channel, w, h));
		}
		else if (px instanceof byte[]) planes.add(ArrayImgs.unsignedBytes((byte[]) px, w, h));
		else if (px instanceof short[]) planes.add(ArrayImgs.unsignedShorts((short[]) px, w, h));
		else planes.add(ArrayImgs.floats((float[]) px, w, h));
		return planes;
	}

	private static List<Case> cases() throws IOException {
		final Map<String, Case> cases = new LinkedHashMap<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(ReferenceAgreementTest.class
			.getResourceAsStream("expected.csv"), StandardCharsets.UTF_8)))
		{
			in.readLine(); // header
			for (String line; (line = in.readLine()) != null;) {
				final String[] f = line.split(",");
				final Case k = cases.computeIfAbsent(f[0] + "|" + f[5] + "|" + f[6] + "|" + f[7], key -> new Case());
				k.name = f[0];
				k.type = f[1];
				k.h = Integer.parseInt(f[2]);
				k.w = Integer.parseInt(f[3]);
				k.c = Integer.parseInt(f[4]);
				k.channels = f[5];
				k.shave = Integer.parseInt(f[6]);
				k.rangeOption = f[7];
				k.dataRange = Double.parseDouble(f[8]);
				final double[] row = new double[5];
				for (int j = 0; j < 5; j++)
					row[j] = f[10 + j].equals("nan") ? Double.NaN : Double.parseDouble(f[10 + j]);
				k.rows.add(row);
			}
		}
		return new ArrayList<>(cases.values());
	}
}
