package org.deepsr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.image.ImageFiles;
import org.deepsr.metrics.ImageQuality;
import org.deepsr.metrics.MetricOptions;
import org.deepsr.metrics.QualityReport;
import org.deepsr.metrics.QualityRow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr measure --test T --reference R}: image quality of one file
 * against another; refuses NaN pixels, a NaN or negative data range, and
 * images of different types whose values are not in the same units.
 */
@Command(name = "measure", mixinStandardHelpOptions = true,
	description = "PSNR, SSIM, MS-SSIM, NRMSE and MAE of a test image against a reference (means over slices/channels).")
final class MeasureCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--test", required = true, description = "The image to judge")
	private Path test;

	@Option(names = "--reference", required = true, description = "The ground truth, same size and layout")
	private Path reference;

	@Option(names = "--channel", defaultValue = "y", converter = OptionValues.Channel.class,
		description = "y (BT.601 studio luma, default), rgb or each")
	private MetricOptions.Channels channel;

	@Option(names = "--shave", defaultValue = "0", description = "Border pixels removed per side (default 0)")
	private int shave;

	@Option(names = "--data-range", defaultValue = "0", converter = OptionValues.DataRange.class, description = "PSNR/SSIM peak; 0 = automatic (default)")
	private double dataRange;

	@Option(names = "--rows", description = "Also print the per-slice/channel table")
	private boolean rows;

	@Override
	public Integer call() throws Exception {
		final MetricOptions options = MetricOptions.DEFAULT.withChannels(channel).withShave(shave).withDataRangeOption(dataRange);
		final QualityReport report = ImageQuality.evaluate(ImageFiles.open(reference), ImageFiles.open(test), options,
			new ConsoleProgress(spec.commandLine().getErr()));
		final PrintWriter out = spec.commandLine().getOut();
		if (rows) out.print(report.toCsv());
		final QualityRow m = report.mean();
		out.println(String.format(Locale.ROOT, "PSNR %.4f dB%nSSIM %.6f%nMS-SSIM %.6f%nNRMSE %.6f%nMAE %.6f", m.psnr(), m
			.ssim(), m.msSsim(), m.nrmse(), m.mae()));
		out.println("Convention: " + report.describe());
		return 0;
	}
}
