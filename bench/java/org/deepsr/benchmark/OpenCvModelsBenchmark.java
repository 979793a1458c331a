package org.deepsr.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.deepsr.model.ModelRegistry;
import org.deepsr.model.OpenCvModels;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;

/**
 * Not a unit test (minutes of CPU): prints Set5/Set14 PSNR/SSIM of the OpenCV
 * FSRCNN and ESPCN models and of bicubic at x2/x3/x4, with MATLAB-bicubic and
 * with OpenCV-bicubic LR inputs, for docs/benchmark.md. Usage, from the
 * project root: {@code bench/run OpenCvModelsBenchmark [data=../shared/data]}.
 */
public final class OpenCvModelsBenchmark {

	private OpenCvModelsBenchmark() {}

	public static void main(final String... args) throws Exception {
		final Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
		final Path models = Files.createTempDirectory("deepsr-bench-models");
		final ModelRegistry registry = new ModelRegistry(null, models);
		System.out.println("| method | scale | LR | Set5 PSNR / SSIM | Set14 PSNR / SSIM |");
		System.out.println("|---|---|---|---|---|");
		for (final String family : new String[] { "bicubic", "FSRCNN", "ESPCN" })
			for (int s = 2; s <= 4; s++) {
				final String method;
				if (family.equals("bicubic")) method = "bicubic";
				else method = OpenCvModels.importModel(data.resolve("models/opencv/" + family + "_x" + s + ".pb"), models
					.resolve(family + "_x" + s + ".zip"), true, Progress.NONE).toString();
				try (Upscaler up = Upscaler.open(new UpscaleSettings().method(method).scale(s), registry, Progress.NONE)) {
					for (final LrSource lr : new LrSource[] { LrSource.MATLAB, LrSource.OPENCV }) {
						final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | x%d | %s |", family, s,
							lr.name().toLowerCase(Locale.ROOT)));
						for (final String set : new String[] { "Set5", "Set14" }) {
							final BenchmarkReport r = Benchmark.run(up, data.resolve("benchmark").resolve(set),
								new BenchmarkOptions().lrSource(lr), Progress.NONE);
							row.append(String.format(Locale.ROOT, " %.2f / %.4f |", r.mean().psnr(), r.mean().ssim()));
						}
						System.out.println(row);
					}
				}
			}
	}
}
