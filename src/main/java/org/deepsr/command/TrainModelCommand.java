package org.deepsr.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;

import org.deepsr.nets.NetRegistry;
import org.deepsr.train.TrainingPlan;
import org.deepsr.train.TrainingRun;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.module.MutableModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Train Model: trains a network on a folder of HR images
 * (LR made by a degradation, or a paired LR folder) and exports a model bundle
 * that Upscale runs. Progress (loss, steps/s, ETA) in the status bar, a live
 * plot of loss and validation PSNR in GUI sessions; Esc stops, keeping a
 * checkpoint and exporting the best model so far. Macro:
 * {@code run("Train Model", "network=fsrcnn scale=2 skip hr=/data/hr steps=2000 output=/models/m.zip name=my-fsrcnn");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Train Model", headless = true,
	description = "Train a super-resolution network and export it as a model bundle")
public class TrainModelCommand extends DynamicCommand {

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService logService;

	@Parameter(label = "Network", initializer = "listNetworks")
	private String network = "espcn";

	@Parameter(label = "Scale", min = "2", max = "8")
	private int scale = 2;

	@Parameter(label = "HR image folder", style = FileWidget.DIRECTORY_STYLE)
	private File hr;

	@Parameter(label = "LR image folder (optional, paired by name)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File lr;

	@Parameter(label = "Degradation", description = "matlab-bicubic, opencv-bicubic, gaussian-blur:<sigma>+decimate[+gaussian-noise:<s>|+poisson-gaussian:<gain>,<s>]")
	private String degradation = "matlab-bicubic";

	@Parameter(label = "Channels", choices = { "y", "grey" })
	private String channels = "y";

	@Parameter(label = "Bicubic skip (ESPCN, FSRCNN, SRCNN)",
		description = "Add the bicubic upscaled input to the output, so that the network learns only what bicubic misses: FSRCNN trains several times faster")
	private boolean skip = false;

	@Parameter(label = "LR patch size", min = "4")
	private int patch = 17;

	@Parameter(label = "Loss border (LR pixels, 0 = whole patch)", min = "0",
		description = "Patch edge left out of the loss, so that every scored pixel has real image around it (the network's receptive radius is a good value)")
	private int border = 0;

	@Parameter(label = "Batch size", min = "1")
	private int batch = 16;

	@Parameter(label = "Steps", min = "1")
	private long steps = 1000;

	@Parameter(label = "Learning rate")
	private double rate = 1e-3;

	@Parameter(label = "Schedule", choices = { "cosine", "step", "constant" })
	private String schedule = "cosine";

	@Parameter(label = "Loss", choices = { "l1", "l2", "charbonnier" })
	private String loss = "l1";

	@Parameter(label = "Validation folder (optional)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File validation;

	@Parameter(label = "Validation fraction (without a folder)", min = "0", max = "0.9")
	private double fraction = 0.1;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Checkpoint folder (optional)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File checkpoints;

	@Parameter(label = "Resume from the checkpoint")
	private boolean resume = false;

	@Parameter(label = "Start from model (optional: fine-tune)", required = false,
		description = "An installed model's name, a model bundle or a checkpoint folder trained by DeepSR for the same network")
	private String init;

	@Parameter(label = "Output model file (.zip)", style = FileWidget.SAVE_STYLE)
	private File output;

	@Parameter(label = "Model name")
	private String name = "my-model";

	@Parameter(label = "Overwrite an existing model file")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Summary")
	private String summary;

	protected void listNetworks() {
		final MutableModuleItem<String> item = getInfo().getMutableInput("network", String.class);
		item.setChoices(NetRegistry.names());
	}

	@Override
	public void run() {
		final TrainingPlan plan = new TrainingPlan();
		plan.network = network;
		plan.scale = scale;
		plan.hr = path(hr);
		plan.lr = path(lr);
		plan.degradation = degradation;
		plan.channels = channels;
		plan.skip = skip;
		plan.patch = patch;
		plan.lossBorder = border;
		plan.batch = batch;
		plan.steps = steps;
		plan.learningRate = rate;
		plan.schedule = schedule;
		plan.loss = loss;
		plan.val = path(validation);
		plan.valFraction = validation == null ? fraction : 0;
		plan.seed = seed;
		plan.checkpoints = path(checkpoints);
		plan.resume = resume;
		plan.init = init == null || init.trim().isEmpty() ? null : init.trim();
		plan.out = path(output);
		plan.name = name;
		final CommandProgress progress = new CommandProgress(statusService, logService);
		try {
			final TrainingPlot plot = GraphicsEnvironment.isHeadless() ? null : new TrainingPlot("DeepSR training: " + name, steps);
			summary = TrainingRun.run(plan, plot, overwrite, progress).toString();
			progress.log(summary);
		} catch (final IOException | IllegalArgumentException | IllegalStateException e) {
			cancel(e.getMessage());
			logService.error("DeepSR: " + e.getMessage());
		} finally {
			progress.done();
		}
	}

	private static String path(final File f) {
		return f == null ? null : f.getPath();
	}
}
