package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deepsr.benchmark.BlockData;
import org.deepsr.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepsr measure}, {@code benchmark} and {@code mos}: printed values against closed-form or scipy references. */
class QualityCliTest {

	@TempDir
	Path dir;

	private static String[] run(final String... args) {
		final StringWriter o = new StringWriter(), e = new StringWriter();
		final int code = Main.execute(new PrintWriter(o), new PrintWriter(e), args);
		return new String[] { Integer.toString(code), o.toString(), e.toString() };
	}

	private static double value(final String out, final String key) {
		final Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " +([-0-9.eE]+)").matcher(out);
		assertTrue(m.find(), key + " missing in\n" + out);
		return Double.parseDouble(m.group(1));
	}

	@Test
	void measurePrintsTheMetricsOfAConstantError() throws Exception {
		// A grey image and the same image + 3: MSE 9, so PSNR = 20 log10(255/3), MAE 3, NRMSE 3/255 (closed form).
		final ByteProcessor ref = new ByteProcessor(40, 30), test = new ByteProcessor(40, 30);
		for (int i = 0; i < 40 * 30; i++) {
			ref.set(i, 10 + (i * 7) % 200);
			test.set(i, ref.get(i) + 3);
		}
		ImageFiles.save(new ImagePlus("r", ref), dir.resolve("r.png"), false);
		ImageFiles.save(new ImagePlus("t", test), dir.resolve("t.png"), false);
		final String[] r = run("measure", "--test", dir.resolve("t.png").toString(), "--reference", dir.resolve("r.png")
			.toString(), "--shave", "2");
		assertEquals("0", r[0], r[2]);
		assertEquals(20 * Math.log10(255 / 3.0), value(r[1], "PSNR"), 1e-4);
		assertEquals(3, value(r[1], "MAE"), 1e-6);
		assertEquals(3 / 255.0, value(r[1], "NRMSE"), 1e-6);
		assertTrue(value(r[1], "SSIM") < 1 && value(r[1], "SSIM") > 0.99, r[1]);
		// a grey image is its own Y: no BT.601 conversion happened, and the convention says so
		assertTrue(r[1].contains("Convention: PSNR/SSIM on the grey values (a single channel is its own Y), border 2 px shaved, data range 255 (8-bit)\n"),
			r[1]);
		assertTrue(r[1].contains("dB"), r[1]);
	}

	@Test
	void measureRejectsAnUnknownChannelChoice() {
		final String[] r = run("measure", "--test", "a.png", "--reference", "b.png", "--channel", "lab");
		assertEquals("2", r[0]);
		assertEquals("deepsr: Invalid value for option '--channel': --channel must be y, rgb or each, got 'lab' (see 'deepsr "
			+ "measure --help')", r[2].trim());
	}

	@Test
	void benchmarkPrintsPerImageRowsTheMeanAndTheConvention() throws Exception {
		// LR files = HR blocks + 2: nearest x2 gives SR = HR + 2, i.e. 2 * 219/255 in studio Y for the RGB image
		// and 2 for the grey one (closed form, see BenchmarkTest).
		final Path root = BlockData.write(dir.resolve("set"), 2, 1, 2);
		final Path csv = dir.resolve("b.csv");
		final String[] r = run("benchmark", "--model", "nearest", "--data", root.toString(), "--scale", "2",
			"--lr-source", "folder", "--csv", csv.toString());
		assertEquals("0", r[0], r[2]);
		final double a = 20 * Math.log10(255 / (2 * 219.0 / 255)), b = 20 * Math.log10(255 / 2.0);
		assertEquals(a, value(r[1], "a"), 1e-4);
		assertEquals(b, value(r[1], "b"), 1e-4);
		assertEquals((a + b) / 2, value(r[1], "mean"), 1e-4);
		assertTrue(r[1].contains("Convention: nearest x2") && r[1].contains("given LR files"), r[1]);
		assertEquals(4, Files.readAllLines(csv).size());
		assertEquals("1", run("benchmark", "--model", "nearest", "--data", root.toString(), "--csv", csv.toString())[0],
			"an existing CSV is not replaced without --overwrite");
	}

	@Test
	void mosPrintsMeanAndConfidenceIntervalPerMethod() throws Exception {
		// Reference: numpy/scipy, mean and t.ppf(0.975, n-1) * std(ddof=1) / sqrt(n):
		// bicubic [2,3,2,1,3] -> 2.200 +- 1.039; espcn [4,4,5,3,4] -> 4.000 +- 0.878.
		final Path csv = dir.resolve("ratings.csv");
		final StringBuilder sb = new StringBuilder("rater,image,method,score\n");
		final int[] bicubic = { 2, 3, 2, 1, 3 }, espcn = { 4, 4, 5, 3, 4 };
		for (int i = 0; i < 5; i++)
			sb.append("ann,img").append(i).append(",bicubic,").append(bicubic[i]).append("\nann,img").append(i).append(
				",espcn,").append(espcn[i]).append('\n');
		Files.write(csv, sb.toString().getBytes(StandardCharsets.UTF_8));
		final String[] r = run("mos", "--ratings", csv.toString());
		assertEquals("0", r[0], r[2]);
		assertTrue(r[1].contains("bicubic: MOS 2.200 +- 1.039 (95% CI, n = 5)"), r[1]);
		assertTrue(r[1].contains("espcn: MOS 4.000 +- 0.878 (95% CI, n = 5)"), r[1]);
	}
}
