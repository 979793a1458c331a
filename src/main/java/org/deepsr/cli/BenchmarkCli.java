package org.deepsr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.deepsr.benchmark.Benchmark;
import org.deepsr.benchmark.BenchmarkOptions;
import org.deepsr.benchmark.BenchmarkReport;
import org.deepsr.benchmark.LrSource;
import org.deepsr.image.StagedFile;
import org.deepsr.model.ModelRegistry;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deepsr benchmark --model M --data DIR --scale S}: PSNR/SSIM per image and mean, published protocol. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
	description = "PSNR/SSIM of a method on a benchmark set: modcrop, bicubic LR, Y channel, scale shaved.")
final class BenchmarkCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private MethodOptions method;


	@Option(names = "--data", required = true, description = "HR image folder, or a root with HR/ and LR_bicubic/X<s>/")
	private Path data;


	@Option(names = "--lr", description = "LR folder (<name>.png or <name>x<s>.png) or a root with LR_bicubic/X<s>/")
	private Path lr;

	@Option(names = "--lr-source", defaultValue = "matlab",
		description = "matlab (imresize bicubic, default), opencv (INTER_CUBIC) or folder (LR_bicubic/X<s> beside HR/)")
	private String lrSource;

	@Option(names = "--csv", description = "Also write the per-image rows and the mean to this CSV file")
	private Path csv;

	@Option(names = "--overwrite", description = "Replace an existing CSV file")
	private boolean overwrite;


	@Override
	public Integer call() throws Exception {
		final UpscaleSettings settings = method.settings();
		final ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
		if (csv != null) StagedFile.requireWritable(csv, overwrite); // before the model loads and the images run
		try (Upscaler upscaler = Upscaler.open(settings, ModelRegistry.fromEnvironment(), progress)) {
			final BenchmarkReport report = Benchmark.run(upscaler, data, new BenchmarkOptions().lrSource(LrSource
				.parse(lrSource)).lrFolder(lr), progress);
			if (csv != null) report.writeCsv(csv, overwrite);
			final PrintWriter out = spec.commandLine().getOut();
			out.print(report.format());
			out.println("Convention: " + report.describe());
			return 0;
		}
	}
}
