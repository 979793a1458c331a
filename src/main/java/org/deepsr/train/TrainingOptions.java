package org.deepsr.train;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.deepsr.backend.Device;

/**
 * Every option of one end-to-end training run (data, network, optimiser,
 * session, export), as plain fields whose initial values are THE defaults:
 * {@code deepsr train} (an option per field, {@code --loss-border} for
 * {@code lossBorder}), the Train Model command and macros (a parameter per
 * field) and recipe files ({@code models/recipes/*.json}, snake_case keys such
 * as {@code loss_border}) all fill this record, and {@link TrainingConfig}
 * and {@link DatasetSpec} start from it. docs/training.md lists the options
 * once. Folders are resolved against {@link #root} (a data root for recipes).
 */
public final class TrainingOptions {

	/** Registry name: espcn, fsrcnn, srcnn, vdsr, ... */
	public String network = "espcn";
	public int scale = 2;
	/** HR training folder or image file; several separated by ';'. */
	public String hr;
	/** Optional LR folder paired with hr by file name. */
	public String lr;
	/** See {@link DegradationSpec}; several alternatives joined by '|' give one LR each. */
	public String degradation = "matlab-bicubic";
	/** "y" (the luma of RGB images), "grey" (every channel a sample) or "rgb" (three channels in and out, RGB images only, minmax). */
	public String channels = "y";
	/** "minmax" or "percentile" (16-bit and float data). */
	public String normalisation = "minmax";
	/** LR patch side. */
	public int patch = 17;
	/** LR pixels at each patch edge left out of the loss (see {@link TrainingConfig#lossBorder}). */
	public int lossBorder;
	public int batch = 16;
	/** Total Adam updates, including those of a resumed run. */
	public long steps = 1000;
	public double learningRate = 1e-3;
	/** "constant", "step" (halve at every quarter of the run) or "cosine" (to 0 at the last step). */
	public String schedule = "cosine";
	/** "l1", "l2" or "charbonnier", or weighted terms such as "l1:0.01,perceptual:1,adversarial:0.005" ({@link LossSpec}). */
	public String loss = "l1";
	// GAN and feature losses (docs/training.md, GAN training)
	/** Discriminator trained beside the network for an adversarial loss term: "srgan" or "esrgan"; null = none. */
	public String discriminator;
	/** The discriminator's base width; 0 = the papers' 64. */
	public int discriminatorWidth;
	/** The discriminator's Adam learning rate (same schedule); 0 = {@link #learningRate}. */
	public double discriminatorRate;
	/** Feature extractor of the perceptual and texture losses: a frozen graph (.pb) or a SavedModel folder; null = none. */
	public String extractor;
	/** The extractor's layers (op names, separated by ',') compared by the perceptual loss. */
	public String extractorLayers;
	/** The extractor's layers whose Gram matrices the texture loss compares. */
	public String textureLayers;
	/** Clip gradients to this global L2 norm; 0 = no clipping. */
	public double clipNorm;
	/** Validation HR folder; overrides valFraction. */
	public String val;
	/** Fraction of the HR files held out for validation (0..0.9); 0 = no validation, the last weights are exported. */
	public double valFraction;
	/** Validation every this many steps (and at the end); 0 = only at the end. */
	public long validateEvery = 100;
	/** Stop after this many validations without a better PSNR; 0 = never. */
	public int patience;
	/** Seed of the weights, patches, degradation noise and validation split. */
	public long seed = 1;
	/** Checkpoint folder; null = none. */
	public String checkpoints;
	/** Checkpoint every this many steps (and at the end); 0 = only at the end. */
	public long checkpointEvery;
	/** Continue from the checkpoint in {@link #checkpoints} when there is one. */
	public boolean resume;
	/** Network width; 0 = the architecture's default. */
	public int width;
	/** Network depth; 0 = the architecture's default. */
	public int depth;
	/** Residual, dense or attention blocks (EDSR, RCAN, CARN, ...); 0 = the architecture's default. */
	public int blocks;
	/** Block groups (RCAN) or convolution groups (CARN-M); 0 = the architecture's default. */
	public int groups;
	/** How often a shared block is applied (DRCN, DRRN, MS-LapSRN); 0 = the architecture's default. */
	public int recursions;
	/** Factor on each residual branch, in (0, 1] (EDSR 0.1, ESRGAN 0.2); 0 = the architecture's default. */
	public double residualScale;
	/** Add the bicubic upscaled input to the output (ESPCN, FSRCNN, SRCNN). */
	public boolean skip;
	/** Start from this model's weights (fine-tuning): an installed model's name, a bundle or a checkpoint folder; null = random. */
	public String init;
	/** TensorFlow threads; 0 = one per processor. */
	public int threads;
	/** "auto" (a GPU when there is one), "cpu" or "gpu". */
	public String device = "auto";
	/** Output bundle (.zip or folder). */
	public String out;
	/** Model name in the bundle; null = the output's file name without extension. */
	public String name;
	/** Free text for the descriptor; null = "<NETWORK> x<scale> trained with DeepSR". */
	public String description;
	/**
	 * A JSON file whose keys ({@code conserve}, {@code trained_on}, {@code description})
	 * go into the exported descriptor, e.g. what the model was trained on
	 * (docs/model-bundle.md); relative to the working folder, like {@link #out}; null = none.
	 */
	public String metadata;
	/** Replace an existing bundle at {@link #out}. */
	public boolean overwrite;

	/** Input folders (hr, lr, val) relative to this root (null: as given); outputs stay relative to the working folder. */
	public transient Path root;

	private static final Gson JSON = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

	/** Reads a recipe: a JSON object with some of these options in snake_case; the others keep their defaults. */
	public static TrainingOptions read(final Path recipe) throws IOException {
		try (Reader r = Files.newBufferedReader(recipe, StandardCharsets.UTF_8)) {
			final TrainingOptions options = JSON.fromJson(r, TrainingOptions.class);
			if (options == null) throw new IOException("recipe " + recipe + " is empty");
			return options;
		} catch (final JsonParseException e) {
			throw new IOException("recipe " + recipe + " is not valid JSON: " + e.getMessage(), e);
		}
	}

	/** These options as a recipe (snake_case keys, unset ones left out). */
	public String toJson() {
		return JSON.toJson(this);
	}

	/** A path of these options, resolved against {@link #root}; null stays null. */
	public Path resolve(final String path) {
		if (path == null || path.trim().isEmpty()) return null;
		final Path p = Paths.get(path.trim());
		return root == null || p.isAbsolute() ? p : root.resolve(p);
	}

	/** The trainer's configuration. */
	public TrainingConfig config() {
		return new TrainingConfig().network(network).scale(scale).channels(ChannelMode.byName(channels).channels()).width(width).depth(depth)
			.blocks(blocks).groups(groups).recursions(recursions).residualScale(residualScale)
			.skip(skip).patchSize(patch).lossBorder(lossBorder).batchSize(batch).steps(steps).learningRate(learningRate).schedule(schedule(schedule, steps))
			.losses(LossSpec.parse(loss)).discriminator(discriminator).discriminatorWidth(discriminatorWidth).discriminatorRate(discriminatorRate)
			.extractor(resolve(extractor)).extractorLayers(layers(extractorLayers)).textureLayers(layers(textureLayers)).clipNorm(clipNorm).seed(seed).validateEvery(validateEvery).patience(patience).checkpointEvery(checkpointEvery)
			.checkpointDir(checkpoints == null || checkpoints.trim().isEmpty() ? null : Paths.get(checkpoints.trim())).resume(resume).threads(threads)
			.device(Device.parse(device));
	}

	/** The data. */
	public DatasetSpec dataset() {
		final String[] folders = hr == null ? new String[] { null } : hr.split(";");
		final DatasetSpec spec = new DatasetSpec();
		for (int i = 1; i < folders.length; i++) spec.alsoHr(resolve(folders[i]));
		return spec.hr(resolve(folders[0])).lr(resolve(lr)).degradation(degradation).scale(scale)
			.channels(ChannelMode.byName(channels)).normalisation(Normalisation.byName(normalisation))
			.validationFolder(resolve(val)).validationFraction(valFraction).seed(seed).patchSize(patch);
	}

	/** Layer names separated by ','; none for null. */
	private static java.util.List<String> layers(final String names) {
		final java.util.List<String> out = new java.util.ArrayList<>();
		if (names != null) for (final String n : names.split(",")) if (!n.trim().isEmpty()) out.add(n.trim());
		return out;
	}

	/** A schedule by name: constant, step or cosine. */
	public static LearningRateSchedule schedule(final String name, final long steps) {
		switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
			case "constant": return LearningRateSchedule.constant();
			case "step": return LearningRateSchedule.step(Math.max(1, steps / 4), 0.5);
			case "cosine": return LearningRateSchedule.cosine(0);
			default: throw new IllegalArgumentException("Unknown schedule '" + name + "': use constant, step or cosine.");
		}
	}

	/** The model name: {@link #name}, or the output's file name without its extension. */
	public String modelName() {
		if (name != null && !name.trim().isEmpty()) return name.trim();
		if (out == null || out.trim().isEmpty()) return null;
		final String file = Paths.get(out.trim()).getFileName().toString();
		final int dot = file.lastIndexOf('.');
		return dot > 0 ? file.substring(0, dot) : file;
	}

	/** Checks what the trainer does not: data, output and name. */
	public TrainingOptions validate() {
		if (hr == null || hr.trim().isEmpty()) throw new IllegalArgumentException("Choose the HR training folder (--hr).");
		if (out == null || out.trim().isEmpty()) throw new IllegalArgumentException("Choose the output model file (--out model.zip).");
		final String n = modelName();
		if (n == null || !n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) throw new IllegalArgumentException("Model name '" + n + "' must be 1..100 of letters, digits, '.', '_', '-', starting with a letter or digit.");
		config().validate();
		if (ChannelMode.byName(channels) == ChannelMode.RGB && Normalisation.byName(normalisation) != Normalisation.MIN_MAX)
			throw new IllegalArgumentException("The rgb channel mode reads RGB as / 255: use --normalisation minmax.");
		return this;
	}
}
