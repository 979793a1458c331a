package org.deepsr.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.util.Locale;

import org.deepsr.metrics.ImageQuality;
import org.deepsr.metrics.MetricOptions;
import org.deepsr.metrics.QualityReport;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; DeepSR &gt; Measure Quality: PSNR, SSIM, MS-SSIM, NRMSE and MAE of
 * a test image against a reference, one row per slice/frame (and channel with
 * "each") plus a Mean row, in the ResultsTable "DeepSR Quality" (headless: the
 * system Results table, so {@code getResult("PSNR", nResults-1)} reads the
 * mean). Macro:
 * {@code run("Measure Quality", "test=sr.tif reference=hr.tif channels=y shave=2 datarange=0");}
 * where test and reference are image titles.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Measure Quality", headless = true,
	description = "PSNR/SSIM/MS-SSIM/NRMSE/MAE of an image against a reference")
public class MeasureQualityCommand extends ContextCommand {

	/** Title of the results window. */
	public static final String TABLE = "DeepSR Quality";

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService logService;

	@Parameter(label = "Test image", description = "The image to judge, e.g. a super-resolved result")
	private ImagePlus test;

	@Parameter(label = "Reference image", description = "The ground truth, same size and layout as the test image")
	private ImagePlus reference;

	@Parameter(label = "Channels", choices = { "y", "rgb", "each" },
		description = "y: BT.601 studio-range luma (as published SR tables); rgb: all channels together; each: one row per channel")
	private String channels = "y";

	@Parameter(label = "Border shave (px)", min = "0",
		description = "Pixels removed from each side before measuring; SR papers shave the scale factor")
	private int shave = 0;

	@Parameter(label = "Data range (0 = automatic)", min = "0",
		description = "Peak value for PSNR/SSIM; automatic is 255 for 8-bit/RGB, reference max - min otherwise")
	private double datarange = 0;

	private ResultsTable table;

	@Override
	public void run() {
		final CommandProgress progress = new CommandProgress(statusService, logService);
		try {
			final QualityReport report = ImageQuality.evaluate(reference, test, options(), progress);
			table = ResultsTables.quality(report.rows(), report.mean(), report.describe());
			logService.info("DeepSR: " + test.getTitle() + " vs " + reference.getTitle() + ": " + report.describe());
			ResultsTables.publish(table, TABLE);
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage());
			logService.error("DeepSR: " + e.getMessage());
		}
		finally {
			progress.done();
		}
	}

	private MetricOptions options() {
		final MetricOptions.Channels c;
		try {
			c = MetricOptions.Channels.valueOf(channels.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("channels must be y, rgb or each, got '" + channels + "'");
		}
		return MetricOptions.DEFAULT.withChannels(c).withShave(shave).withDataRangeOption(datarange);
	}

	/** The results of the last run, or null. */
	public ResultsTable table() {
		return table;
	}
}
