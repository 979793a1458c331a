package org.deepsr.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.deepsr.Prerequisites;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default protocol with bicubic upscaling reproduces the published
 * bicubic rows (SRCNN/VDSR papers; ../shared/data/README.md): PSNR on Set5
 * 33.66 / 30.39 / 28.42 dB and Set14 30.24 / 27.55 / 26.00 dB at x2/x3/x4
 * within 0.05 dB, SSIM on Set5 0.9299 / 0.8682 / 0.8104 within 0.001 (VDSR,
 * Table 3), both with LR made here from the HR images and with the MATLAB-made
 * LR_bicubic files. Skipped where the shared data is absent.
 */
class PublishedBicubicTest {

	private static final Map<String, String> TABLE = new TreeMap<>();

	static Path benchmarkDir() {
		return Prerequisites.sharedData().resolve(
			"benchmark");
	}

	@ParameterizedTest(name = "{0} x{1} {2}")
	@CsvSource({ "Set5, 2, matlab, 33.66, 0.9299", "Set5, 3, matlab, 30.39, 0.8682", "Set5, 4, matlab, 28.42, 0.8104",
		"Set5, 2, folder, 33.66, 0.9299", "Set5, 3, folder, 30.39, 0.8682", "Set5, 4, folder, 28.42, 0.8104",
		"Set14, 2, matlab, 30.24, NaN", "Set14, 3, matlab, 27.55, NaN", "Set14, 4, matlab, 26.00, NaN",
		"Set14, 2, folder, 30.24, NaN", "Set14, 3, folder, 27.55, NaN", "Set14, 4, folder, 26.00, NaN" })
	void bicubicReproducesPublishedRow(final String set, final int scale, final String lr, final double psnr,
		final double ssim) throws Exception
	{
		final Path root = benchmarkDir().resolve(set);
		Prerequisites.need(root.resolve("HR"));
		final BenchmarkReport report;
		try (Upscaler bicubic = Upscaler.open(new UpscaleSettings().method("bicubic").scale(scale), new ModelRegistry(
			null, root), Progress.NONE))
		{
			report = Benchmark.run(bicubic, root, new BenchmarkOptions().lrSource(LrSource.parse(lr)), Progress.NONE);
		}
		TABLE.put(set + " x" + scale + " " + lr, String.format(Locale.ROOT, "%-6s x%d  %-7s %8.3f  %.4f", set, scale,
			lr, report.mean().psnr(), report.mean().ssim()));
		assertEquals(psnr, report.mean().psnr(), 0.05, report.describe() + "\n" + report.format());
		if (!Double.isNaN(ssim)) assertEquals(ssim, report.mean().ssim(), 0.001, report.format());
	}

	@AfterAll
	static void printTable() {
		if (TABLE.isEmpty()) return;
		System.out.println("set    scale LR      PSNR(dB)  SSIM   (bicubic, Y, shave = scale)");
		TABLE.values().forEach(System.out::println);
	}
}
