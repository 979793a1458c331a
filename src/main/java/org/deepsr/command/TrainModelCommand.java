package org.deepsr.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;

import org.deepsr.nets.NetRegistry;
import org.deepsr.train.NetworkCatalogue;
import org.deepsr.train.TrainingOptions;
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
 * that Upscale runs. One parameter per field of {@link TrainingOptions}, whose
 * defaults it starts from; the macro key is the parameter's field name in lower
 * case (imagej-legacy's rule), e.g. {@code border} for the loss border,
 * {@code rate} for the learning rate, {@code output} for the bundle. Progress
 * (loss, steps/s, ETA) in the status bar, a live plot of loss and validation
 * PSNR in GUI sessions; Esc stops, keeping a checkpoint and exporting the best
 * model so far. Macro:
 * {@code run("Train Model", "network=fsrcnn scale=2 skip hr=/data/hr steps=2000 output=/models/m.zip name=my-fsrcnn");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Train Model", headless = true,
	description = "Train a super-resolution network and export it as a model bundle")
public class TrainModelCommand extends DynamicCommand {

	private static final TrainingOptions DEFAULTS = new TrainingOptions();

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService logService;

	@Parameter(label = "Network", initializer = "listNetworks")
	private String network = DEFAULTS.network;

	@Parameter(label = "Scale", min = "2", max = "8")
	private int scale = DEFAULTS.scale;

	@Parameter(label = "HR image folder", style = FileWidget.DIRECTORY_STYLE)
	private File hr;

	@Parameter(label = "LR image folder (optional, paired by name)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File lr;

	@Parameter(label = "Degradation", description = "matlab-bicubic, opencv-bicubic, gaussian-blur:<sigma>+decimate[+gaussian-noise:<s>|+poisson-gaussian:<gain>,<s>]")
	private String degradation = DEFAULTS.degradation;

	@Parameter(label = "Channels", choices = { "y", "grey", "rgb" })
	private String channels = DEFAULTS.channels;

	@Parameter(label = "Normalisation (16-bit and float data)", choices = { "minmax", "percentile" },
		description = "Map each file's min..max, or its 0.1..99.9 percentiles, to 0..1; Upscale normalises the same way")
	private String normalisation = DEFAULTS.normalisation;

	@Parameter(label = "Bicubic skip (ESPCN, FSRCNN, SRCNN)",
		description = "Add the bicubic upscaled input to the output, so that the network learns only what bicubic misses: FSRCNN trains several times faster")
	private boolean skip = DEFAULTS.skip;

	@Parameter(label = "Network width (0 = the architecture's)", min = "0")
	private int width = DEFAULTS.width;

	@Parameter(label = "Network depth (0 = the architecture's)", min = "0")
	private int depth = DEFAULTS.depth;

	@Parameter(label = "Blocks (0 = the architecture's)", min = "0", description = "Residual, dense or attention blocks (EDSR, RCAN, CARN, ...)")
	private int blocks = DEFAULTS.blocks;

	@Parameter(label = "Groups (0 = the architecture's)", min = "0", description = "Block groups (RCAN) or convolution groups (CARN-M)")
	private int groups = DEFAULTS.groups;

	@Parameter(label = "Recursions (0 = the architecture's)", min = "0", description = "How often a shared block is applied (DRCN, DRRN, MS-LapSRN)")
	private int recursions = DEFAULTS.recursions;

	@Parameter(label = "Residual scale (0 = the architecture's)", min = "0", max = "1", description = "Factor on each residual branch (EDSR 0.1, ESRGAN 0.2)")
	private double residualScale = DEFAULTS.residualScale;

	@Parameter(label = "LR patch size", min = "4")
	private int patch = DEFAULTS.patch;

	@Parameter(label = "Loss border (LR pixels, 0 = whole patch)", min = "0",
		description = "Patch edge left out of the loss, so that every scored pixel has real image around it (the network's receptive radius is a good value)")
	private int border = DEFAULTS.lossBorder;

	@Parameter(label = "Batch size", min = "1")
	private int batch = DEFAULTS.batch;

	@Parameter(label = "Steps", min = "1")
	private long steps = DEFAULTS.steps;

	@Parameter(label = "Learning rate")
	private double rate = DEFAULTS.learningRate;

	@Parameter(label = "Schedule", choices = { "cosine", "step", "constant" })
	private String schedule = DEFAULTS.schedule;

	@Parameter(label = "Loss", description = "l1, l2, charbonnier, or weighted terms such as l1:0.01,perceptual:1,adversarial:0.005 (also perceptual-l2, texture, relativistic)")
	private String loss = DEFAULTS.loss;

	@Parameter(label = "Discriminator (GAN training)", choices = { "none", "srgan", "esrgan" },
		description = "Trained beside the network for an adversarial or relativistic loss term")
	private String discriminator = "none";

	@Parameter(label = "Discriminator width (0 = 64)", min = "0")
	private int discriminatorWidth = DEFAULTS.discriminatorWidth;

	@Parameter(label = "Discriminator learning rate (0 = the network's)", min = "0")
	private double discriminatorRate = DEFAULTS.discriminatorRate;

	@Parameter(label = "Feature extractor (perceptual, texture losses)", required = false, style = FileWidget.OPEN_STYLE,
		description = "A frozen graph (.pb) or SavedModel folder, e.g. a VGG19 exported elsewhere")
	private File extractor;

	@Parameter(label = "Extractor layers (perceptual)", required = false, description = "Op names separated by commas")
	private String extractorLayers = DEFAULTS.extractorLayers;

	@Parameter(label = "Texture layers", required = false, description = "Op names separated by commas; their Gram matrices are compared")
	private String textureLayers = DEFAULTS.textureLayers;

	@Parameter(label = "Gradient clip norm (0 = off)", min = "0")
	private double clipNorm = DEFAULTS.clipNorm;

	@Parameter(label = "Validation folder (optional)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File validation;

	@Parameter(label = "Validation fraction (without a folder; 0 = none)", min = "0", max = "0.9")
	private double fraction = DEFAULTS.valFraction;

	@Parameter(label = "Validate every (steps)", min = "0")
	private long validateEvery = DEFAULTS.validateEvery;

	@Parameter(label = "Early-stopping patience (validations, 0 = never)", min = "0")
	private int patience = DEFAULTS.patience;

	@Parameter(label = "Random seed")
	private long seed = DEFAULTS.seed;

	@Parameter(label = "Checkpoint folder (optional)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File checkpoints;

	@Parameter(label = "Checkpoint every (steps, 0 = at the end)", min = "0")
	private long checkpointEvery = DEFAULTS.checkpointEvery;

	@Parameter(label = "Resume from the checkpoint")
	private boolean resume = DEFAULTS.resume;

	@Parameter(label = "Start from model (optional: fine-tune)", required = false,
		description = "An installed model's name, a model bundle or a checkpoint folder trained by DeepSR for the same network")
	private String init = DEFAULTS.init;

	@Parameter(label = "TensorFlow threads (0 = one per processor)", min = "0")
	private int threads = DEFAULTS.threads;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = DEFAULTS.device;

	@Parameter(label = "Output model file (.zip)", style = FileWidget.SAVE_STYLE)
	private File output;

	@Parameter(label = "Model name (optional: the file name)", required = false)
	private String name = DEFAULTS.name;

	@Parameter(label = "Description (optional)", required = false)
	private String description = DEFAULTS.description;

	@Parameter(label = "Model metadata (JSON)", required = false, description = "Descriptor keys (conserve, trained_on) to put into the bundle; empty = none")
	private String metadata = DEFAULTS.metadata;

	@Parameter(label = "Overwrite an existing model file")
	private boolean overwrite = DEFAULTS.overwrite;

	@Parameter(type = ItemIO.OUTPUT, label = "Summary")
	private String summary;

	/** The choices, and as their help the catalogue's table (parameters at x4, scales, channel modes, papers: docs/networks.md). */
	protected void listNetworks() {
		final MutableModuleItem<String> item = getInfo().getMutableInput("network", String.class);
		item.setChoices(NetRegistry.names());
		item.setDescription(NetworksHelp.TEXT);
	}

	/** Counted once per JVM, when a dialog first asks: building every network's weights takes a few seconds. */
	private static final class NetworksHelp {
		static final String TEXT = "<html><pre>" + String.join("\n", NetworkCatalogue.table(4)).replace("&", "&amp;").replace("<", "&lt;") + "</pre></html>";
	}

	/** The options these parameters stand for. */
	public TrainingOptions options() {
		final TrainingOptions o = new TrainingOptions();
		o.network = network;
		o.scale = scale;
		o.hr = path(hr);
		o.lr = path(lr);
		o.degradation = degradation;
		o.channels = channels;
		o.normalisation = normalisation;
		o.skip = skip;
		o.width = width;
		o.depth = depth;
		o.blocks = blocks;
		o.groups = groups;
		o.recursions = recursions;
		o.residualScale = residualScale;
		o.patch = patch;
		o.lossBorder = border;
		o.batch = batch;
		o.steps = steps;
		o.learningRate = rate;
		o.schedule = schedule;
		o.loss = loss;
		o.discriminator = "none".equals(discriminator) ? null : blankToNull(discriminator);
		o.discriminatorWidth = discriminatorWidth;
		o.discriminatorRate = discriminatorRate;
		o.extractor = path(extractor);
		o.extractorLayers = blankToNull(extractorLayers);
		o.textureLayers = blankToNull(textureLayers);
		o.clipNorm = clipNorm;
		o.val = path(validation);
		o.valFraction = fraction;
		o.validateEvery = validateEvery;
		o.patience = patience;
		o.seed = seed;
		o.checkpoints = path(checkpoints);
		o.checkpointEvery = checkpointEvery;
		o.resume = resume;
		o.init = blankToNull(init);
		o.threads = threads;
		o.device = device;
		o.out = path(output);
		o.name = blankToNull(name);
		o.description = blankToNull(description);
		o.metadata = blankToNull(metadata);
		o.overwrite = overwrite;
		return o;
	}

	@Override
	public void run() {
		final TrainingOptions options = options();
		final CommandProgress progress = new CommandProgress(statusService, logService);
		try {
			final TrainingPlot plot = GraphicsEnvironment.isHeadless() ? null : new TrainingPlot("DeepSR training: " + options.modelName(), steps);
			summary = TrainingRun.run(options, plot, progress).toString();
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

	private static String blankToNull(final String s) {
		return s == null || s.trim().isEmpty() ? null : s.trim();
	}
}
