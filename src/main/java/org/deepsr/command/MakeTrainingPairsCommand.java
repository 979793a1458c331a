package org.deepsr.command;

import java.io.File;
import java.io.IOException;

import org.deepsr.train.TrainingPairs;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Make Training Pairs: degrades a folder of HR images into
 * {@code <output>/X<s>/<base>x<s>.<ext>} and copies them modcropped into
 * {@code <output>/HR/}. Macro:
 * {@code run("Make Training Pairs", "input=/data/hr output=/data/pairs scale=2 degradation=matlab-bicubic seed=1");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Make Training Pairs", headless = true,
	description = "Write degraded LR / modcropped HR training pairs from a folder of HR images")
public class MakeTrainingPairsCommand extends ContextCommand {

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService logService;

	@Parameter(label = "HR image folder", style = FileWidget.DIRECTORY_STYLE)
	private File input;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(label = "Scale", min = "2", max = "8")
	private int scale = 2;

	@Parameter(label = "Degradation", description = "e.g. matlab-bicubic, opencv-bicubic, bin, gaussian-blur:1.2+decimate+poisson-gaussian:0.01,0.005; noise as fractions of the data's range (8-bit: 255; 16-bit and float: the image's max - min)")
	private String degradation = "matlab-bicubic";

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Overwrite existing files")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Summary")
	private String summary;

	@Override
	public void run() {
		final CommandProgress progress = new CommandProgress(statusService, logService);
		try {
			final int n = TrainingPairs.write(input.toPath(), output.toPath(), scale, degradation, seed, overwrite, progress);
			summary = n + " pair(s) written into " + output;
		} catch (final IOException | IllegalArgumentException e) {
			cancel(e.getMessage());
			logService.error("DeepSR: " + e.getMessage());
		} finally {
			progress.done();
		}
	}
}
