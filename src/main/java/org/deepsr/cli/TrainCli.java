package org.deepsr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

import org.deepsr.progress.Progress;
import org.deepsr.train.TrainingOptions;
import org.deepsr.train.TrainingRun;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr train}: trains a network on image folders and writes a model
 * bundle; or {@code deepsr train --recipe models/recipes/espcn-x2.json}, whose
 * folders are relative to {@code --data}. One option per field of
 * {@link TrainingOptions} (its name in kebab case), each left unset unless
 * given, so that the defaults are the record's and options given on the
 * command line override the recipe's. Progress goes to stderr, the summary to stdout.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a super-resolution network and export it as a model bundle.")
final class TrainCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--recipe", description = "JSON recipe holding these options (snake_case keys, e.g. learning_rate)") private Path recipe;
	@Option(names = "--data", description = "Root of a recipe's data folders (default ../shared/data)") private Path data;
	@Option(names = "--network", description = "a network of 'deepsr networks': espcn (default), fsrcnn, srcnn, vdsr, edsr-baseline, carn-m, rcan, ...") private String network;
	@Option(names = "--scale", description = "Upscaling factor (default 2)") private Integer scale;
	@Option(names = "--hr", description = "HR training folder; several separated by ';'") private String hr;
	@Option(names = "--lr", description = "LR folder paired with --hr by file name (optional)") private String lr;
	@Option(names = "--degradation", description = "matlab-bicubic (default), opencv-bicubic, gaussian-blur:1+decimate+poisson-gaussian:0.01,0.005, ...") private String degradation;
	@Option(names = "--channels", description = "y (default), grey or rgb (three channels in and out)") private String channels;
	@Option(names = "--normalisation", description = "minmax (default) or percentile (16-bit/float data)") private String normalisation;
	@Option(names = "--steps", description = "Adam updates (default 1000)") private Long steps;
	@Option(names = "--batch", description = "Batch size (default 16)") private Integer batch;
	@Option(names = "--patch", description = "LR patch side (default 17)") private Integer patch;
	@Option(names = "--loss-border", description = "LR pixels at each patch edge left out of the loss (default 0; e.g. the receptive radius)") private Integer lossBorder;
	@Option(names = { "--learning-rate", "--lr-rate" }, description = "Adam learning rate (default 1e-3)") private Double learningRate;
	@Option(names = "--schedule", description = "cosine (default), step or constant") private String schedule;
	@Option(names = "--loss", description = "l1 (default), l2, charbonnier, or weighted terms: l1:0.01,perceptual:1,adversarial:0.005 (also perceptual-l2, texture, relativistic)") private String loss;
	@Option(names = "--discriminator", description = "GAN training: srgan or esrgan, for an adversarial or relativistic loss term (default none)") private String discriminator;
	@Option(names = "--discriminator-width", description = "The discriminator's base width (default 0: 64)") private Integer discriminatorWidth;
	@Option(names = "--discriminator-rate", description = "The discriminator's learning rate (default 0: --learning-rate)") private Double discriminatorRate;
	@Option(names = "--extractor", description = "Feature network of the perceptual and texture losses: a frozen graph (.pb) or SavedModel folder") private String extractor;
	@Option(names = "--extractor-layers", description = "Its layers (op names, comma-separated) for the perceptual loss") private String extractorLayers;
	@Option(names = "--texture-layers", description = "Its layers for the texture loss (Gram matrices)") private String textureLayers;
	@Option(names = "--clip-norm", description = "Clip gradients to this global L2 norm (default 0: off)") private Double clipNorm;
	@Option(names = "--val", description = "Validation HR folder") private String val;
	@Option(names = "--val-fraction", description = "Fraction of the HR files held out for validation (default 0: none)") private Double valFraction;
	@Option(names = "--validate-every", description = "Validation every N steps (default 100)") private Long validateEvery;
	@Option(names = "--patience", description = "Stop after N validations without improvement (default 0: never)") private Integer patience;
	@Option(names = "--seed", description = "Seed (default 1)") private Long seed;
	@Option(names = "--checkpoints", description = "Checkpoint folder") private String checkpoints;
	@Option(names = "--checkpoint-every", description = "Checkpoint every N steps (default 0: at the end)") private Long checkpointEvery;
	@Option(names = "--resume", negatable = true, description = "Continue from the checkpoint (default off)") private Boolean resume;
	@Option(names = "--width", description = "Network width (default 0: the architecture's)") private Integer width;
	@Option(names = "--depth", description = "Network depth (default 0: the architecture's)") private Integer depth;
	@Option(names = "--blocks", description = "Residual, dense or attention blocks (default 0: the architecture's)") private Integer blocks;
	@Option(names = "--groups", description = "Block groups (RCAN) or convolution groups (CARN-M) (default 0: the architecture's)") private Integer groups;
	@Option(names = "--recursions", description = "Applications of a shared block (DRCN, DRRN, MS-LapSRN) (default 0: the architecture's)") private Integer recursions;
	@Option(names = "--residual-scale", description = "Factor on each residual branch, in (0, 1] (default 0: the architecture's, e.g. EDSR 0.1)") private Double residualScale;
	@Option(names = "--skip", negatable = true, description = "Add the bicubic upscaled input to the output (ESPCN, FSRCNN, SRCNN; default off)") private Boolean skip;
	@Option(names = "--init", description = "Start from this model's weights (fine-tune): a model name, bundle or checkpoint folder") private String init;
	@Option(names = "--threads", description = "TensorFlow threads (default 0: one per processor)") private Integer threads;
	@Option(names = "--device", description = "auto (default), cpu or gpu") private String device;
	@Option(names = "--out", description = "Output model bundle (.zip)") private String out;
	@Option(names = "--name", description = "Model name (default: the output's file name)") private String name;
	@Option(names = "--description", description = "Free text for the model's descriptor") private String description;
	@Option(names = "--metadata", description = "JSON file of descriptor keys (conserve, trained_on) to put into the bundle") private String metadata;
	@Option(names = "--overwrite", negatable = true, description = "Replace an existing bundle (default off)") private Boolean overwrite;

	@Override
	public Integer call() throws IOException {
		final PrintWriter err = spec.commandLine().getErr();
		final TrainingOptions o = options();
		try { // a value no network can take (--scale 1, 99) is a usage error, told before any graph is built
			o.validate();
		}
		catch (final IllegalArgumentException e) {
			throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
		}
		final TrainingRun.Summary s = TrainingRun.run(o, null, new StatusLines(err));
		spec.commandLine().getOut().println(s);
		return 0;
	}

	/** The recipe's options (or the defaults) with those given here on top. */
	TrainingOptions options() throws IOException {
		final TrainingOptions o = recipe != null ? TrainingOptions.read(recipe) : new TrainingOptions();
		if (recipe != null) o.root = data != null ? data : Paths.get("..", "shared", "data");
		if (network != null) o.network = network;
		if (scale != null) o.scale = scale;
		if (hr != null) o.hr = absolute(hr);
		if (lr != null) o.lr = absolute(lr);
		if (degradation != null) o.degradation = degradation;
		if (channels != null) o.channels = channels;
		if (normalisation != null) o.normalisation = normalisation;
		if (steps != null) o.steps = steps;
		if (batch != null) o.batch = batch;
		if (patch != null) o.patch = patch;
		if (lossBorder != null) o.lossBorder = lossBorder;
		if (learningRate != null) o.learningRate = learningRate;
		if (schedule != null) o.schedule = schedule;
		if (loss != null) o.loss = loss;
		if (discriminator != null) o.discriminator = discriminator;
		if (discriminatorWidth != null) o.discriminatorWidth = discriminatorWidth;
		if (discriminatorRate != null) o.discriminatorRate = discriminatorRate;
		if (extractor != null) o.extractor = Paths.get(extractor).toAbsolutePath().toString();
		if (extractorLayers != null) o.extractorLayers = extractorLayers;
		if (textureLayers != null) o.textureLayers = textureLayers;
		if (clipNorm != null) o.clipNorm = clipNorm;
		if (val != null) o.val = absolute(val);
		if (valFraction != null) o.valFraction = valFraction;
		if (validateEvery != null) o.validateEvery = validateEvery;
		if (patience != null) o.patience = patience;
		if (seed != null) o.seed = seed;
		if (checkpoints != null) o.checkpoints = checkpoints;
		if (checkpointEvery != null) o.checkpointEvery = checkpointEvery;
		if (resume != null) o.resume = resume;
		if (width != null) o.width = width;
		if (depth != null) o.depth = depth;
		if (blocks != null) o.blocks = blocks;
		if (groups != null) o.groups = groups;
		if (recursions != null) o.recursions = recursions;
		if (residualScale != null) o.residualScale = residualScale;
		if (skip != null) o.skip = skip;
		if (init != null) o.init = init;
		if (threads != null) o.threads = threads;
		if (device != null) o.device = device;
		if (out != null) o.out = out;
		if (name != null) o.name = name;
		if (description != null) o.description = description;
		if (metadata != null) o.metadata = metadata;
		if (overwrite != null) o.overwrite = overwrite;
		return o;
	}

	/** hr, separated by ';', with each folder made absolute (recipes' folders stay relative to --data). */
	private static String absolute(final String paths) {
		final StringBuilder b = new StringBuilder();
		for (final String p : paths.split(";")) b.append(b.length() > 0 ? ";" : "").append(Paths.get(p).toAbsolutePath());
		return b.toString();
	}

	/** Logs and, at most every two seconds, status lines ("step, loss, steps/s, ETA") on stderr. */
	static final class StatusLines implements Progress {

		private final PrintWriter err;
		private long last;

		StatusLines(final PrintWriter err) {
			this.err = err;
		}

		@Override
		public void status(final String message) {
			final long now = System.nanoTime();
			if (now - last < 2_000_000_000L) return;
			last = now;
			log(message);
		}

		@Override
		public void log(final String message) {
			err.println(message);
			err.flush();
		}

		@Override
		public void warn(final String message) {
			log("warning: " + message);
		}
	}
}
