package org.deepsr.command;

import ij.measure.ResultsTable;

import java.io.File;
import java.io.IOException;

import org.deepsr.progress.CancelledException;
import org.deepsr.benchmark.Benchmark;
import org.deepsr.benchmark.BenchmarkOptions;
import org.deepsr.benchmark.BenchmarkReport;
import org.deepsr.benchmark.LrSource;
import org.deepsr.upscale.Upscaler;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Benchmark SR: runs a model or classical method over a
 * benchmark set (a folder of HR images, or a root with HR/ and
 * LR_bicubic/X&lt;s&gt;/) with the protocol of published tables, and lists
 * per-image PSNR/SSIM and their mean in the ResultsTable "DeepSR Benchmark"
 * (headless: the system Results table), optionally also in a CSV file. The
 * menu leaf is "Benchmark SR", not "Benchmark", because ImageJ 1.x already has
 * a "Benchmark" command (Plugins &gt; Utilities), and macros call commands by
 * leaf. Macro:
 * {@code run("Benchmark SR", "model=bicubic scale=2 data=/data/Set5 lrsource=matlab csv=/tmp/set5.csv overwrite");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Benchmark SR", headless = true,
	description = "PSNR/SSIM of a super-resolution method on a benchmark set (Set5, Set14, DIV2K layouts)")
public class BenchmarkCommand extends UpscaleOptions implements Command {

	/** Title of the results window. */
	public static final String TABLE = "DeepSR Benchmark";

	@Parameter(label = "Data folder", style = FileWidget.DIRECTORY_STYLE,
		description = "HR images, or a dataset root with HR/ (and LR_bicubic/X<s>/)")
	private File data;

	@Parameter(label = "LR folder (optional)", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "LR inputs named <name>.png or <name>x<s>.png; otherwise made from the HR images")
	private File lr;

	@Parameter(label = "LR made by", choices = { "matlab", "opencv", "folder" },
		description = "matlab: imresize bicubic (published protocol); opencv: INTER_CUBIC; folder: LR_bicubic/X<s> beside HR/")
	private String lrsource = "matlab";

	@Parameter(label = "CSV file (optional)", required = false, style = FileWidget.SAVE_STYLE,
		description = "Also write the per-image rows and the mean to this file")
	private File csv;

	@Parameter(label = "Overwrite an existing CSV file")
	private boolean overwrite = false;

	private BenchmarkReport report;

	@Override
	public void run() {
		final CommandProgress progress = progress();
		try (Upscaler upscaler = Upscaler.open(settings(), registry(), progress)) {
			final long start = System.nanoTime();
			final BenchmarkOptions options = new BenchmarkOptions().lrSource(LrSource.parse(lrsource)).lrFolder(
				lr == null ? null : lr.toPath());
			report = Benchmark.run(upscaler, data.toPath(), options, progress);
			if (csv != null) report.writeCsv(csv.toPath(), overwrite);
			progress.log(report.describe() + " (" + seconds(start) + " s on " + upscaler.device() + ")");
			final ResultsTable table = ResultsTables.quality(report.rows(), report.mean(), report.describe());
			ResultsTables.publish(table, TABLE);
		}
		catch (final IOException | IllegalArgumentException | CancelledException e) {
			fail(e);
		}
		finally {
			progress.done();
		}
	}

	/** The report of the last run, or null. */
	public BenchmarkReport report() {
		return report;
	}
}
