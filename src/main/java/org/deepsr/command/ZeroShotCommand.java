package org.deepsr.command;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.util.Locale;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.StagedFile;
import org.deepsr.io.NiftiSource;
import org.deepsr.progress.CancelledException;
import org.deepsr.progress.Failures;
import org.deepsr.zeroshot.ZeroShotOptions;
import org.deepsr.zeroshot.ZeroShotUpscaler;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Zero-Shot Upscale: learns the current image's own
 * structure from its downscaled copies (ZSSR) and upscales it, with no model
 * and no training set ({@link ZeroShotUpscaler}); the defaults are those of
 * {@link ZeroShotOptions}. Macro:
 * {@code run("Zero-Shot Upscale", "scale=2 steps=800 seed=1");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Zero-Shot Upscale", headless = true,
	description = "Zero-shot super-resolution: learn from the image itself, then upscale it")
public class ZeroShotCommand extends ContextCommand {

	private static final ZeroShotOptions DEFAULTS = new ZeroShotOptions();

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService logService;

	@Parameter(label = "Image", description = "The image to upscale; it is not modified")
	private ImagePlus image;

	@Parameter(label = "Scale", min = "1.1", max = "16", stepSize = "0.5", description = "Upscaling factor, whole or not")
	private double scale = DEFAULTS.scale;

	@Parameter(label = "Training steps", min = "1", description = "More steps learn more and take longer")
	private long steps = DEFAULTS.steps;

	@Parameter(label = "Kernel", choices = { "bicubic", "bilinear", "lanczos3", "nearest" },
		description = "How the image is assumed to have been made small (MATLAB imresize kernels)")
	private String kernel = DEFAULTS.kernel;

	@Parameter(label = "Self-ensemble (8 rotations and flips)", description = "Average 8 passes: a little better, 8 times slower to apply")
	private boolean ensemble = DEFAULTS.ensemble;

	@Parameter(label = "Seed", description = "Seed of the weights and of the training crops")
	private long seed = DEFAULTS.seed;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = DEFAULTS.device;

	@Parameter(label = "Save to (optional)", required = false, style = FileWidget.SAVE_STYLE,
		description = "Also write the result to this file (atomically)")
	private File save;

	@Parameter(label = "Overwrite an existing file", description = "Replace the 'Save to' file if it exists")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Upscaled")
	private ImagePlus output;

	@Override
	public void run() {
		final CommandProgress progress = new CommandProgress(statusService, logService);
		try {
			if (save != null) { // before any training
				if (NiftiSource.isNifti(save.toPath())) StagedFile.requireWritable(save.toPath(), overwrite);
				else ImageFiles.requireWritable(save.toPath(), overwrite);
			}
			final ZeroShotOptions o = new ZeroShotOptions();
			o.scale = scale;
			o.steps = steps;
			o.kernel = kernel;
			o.ensemble = ensemble;
			o.seed = seed;
			o.device = device;
			final ZeroShotUpscaler.Result r = ZeroShotUpscaler.upscale(image, o, progress);
			output = r.image;
			ResultFiles.keep(image, output, save, overwrite);
			progress.log(image.getTitle() + " upscaled x" + (scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale)) + " zero-shot (" + steps + " steps) on " + r.device + " in "
				+ String.format(Locale.ROOT, "%.2f", r.seconds) + " s");
			MacroImages.exposeToMacro(image, output);
		}
		catch (final IOException | IllegalArgumentException | IllegalStateException | CancelledException e) {
			final String message = Failures.describe(e);
			cancel(message);
			if (logService != null) logService.error("DeepSR: " + message);
		}
		finally {
			progress.done();
		}
	}

	public ImagePlus output() {
		return output;
	}
}
