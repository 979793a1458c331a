package org.deepsr.train;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Every choice of one end-to-end training run (data, network, optimiser,
 * export), as plain fields: the Train Model command, {@code deepsr train} and
 * recipe files ({@code models/recipes/*.json}, read by Gson, snake_case keys)
 * fill the same object. Folders are resolved against {@link #resolve} (a data
 * root for recipes). Null or 0 means the default of the field's comment.
 */
public final class TrainingPlan {

	public String network = "espcn";
	public int scale = 2;
	/** HR training folder; several separated by ';'. */
	public String hr;
	/** Optional LR folder paired with hr by file name. */
	public String lr;
	public String degradation = "matlab-bicubic";
	/** "y" or "grey". */
	public String channels = "y";
	/** "minmax" or "percentile" (16-bit and float data). */
	public String normalisation = "minmax";
	public int patch = 17;
	/** LR pixels at each patch edge left out of the loss (see {@link TrainingConfig#lossBorder}). */
	public int lossBorder;
	public int batch = 16;
	public long steps = 1000;
	public double learningRate = 1e-3;
	/** "constant", "step" (halve at every quarter of the run) or "cosine". */
	public String schedule = "cosine";
	/** "l1", "l2" or "charbonnier". */
	public String loss = "l1";
	/** Validation HR folder; overrides valFraction. */
	public String val;
	public double valFraction;
	public long validateEvery = 100;
	public long seed = 1;
	/** Checkpoint folder; null = none. */
	public String checkpoints;
	public long checkpointEvery;
	public boolean resume;
	public int width;
	public int depth;
	/** Add the bicubic upscaled input to the output (ESPCN, FSRCNN, SRCNN). */
	public boolean skip;
	/** Start from this model's weights (fine-tuning): an installed model's name, a bundle or a checkpoint folder; null = random. */
	public String init;
	/** TensorFlow threads; 0 = all cores. */
	public int threads;
	/** Output bundle (.zip or folder). */
	public String out;
	/** Model name in the bundle. */
	public String name;
	/** Free text for the descriptor. */
	public String description;

	/** Input folders (hr, lr, val) relative to this root (null: as given); outputs stay relative to the working folder. */
	public transient Path root;

	/** A path of this plan, resolved against {@link #root}; null stays null. */
	public Path resolve(final String path) {
		if (path == null || path.trim().isEmpty()) return null;
		final Path p = Paths.get(path.trim());
		return root == null || p.isAbsolute() ? p : root.resolve(p);
	}

	/** The trainer's configuration. */
	public TrainingConfig config() {
		return new TrainingConfig().network(network).scale(scale).channels(1).width(width).depth(depth)
			.skip(skip).patchSize(patch).lossBorder(lossBorder).batchSize(batch).steps(steps).learningRate(learningRate).schedule(schedule(schedule, steps))
			.loss(Loss.byName(loss)).seed(seed).validateEvery(validateEvery).checkpointEvery(checkpointEvery)
			.checkpointDir(checkpoints == null || checkpoints.trim().isEmpty() ? null : Paths.get(checkpoints.trim())).resume(resume).threads(threads);
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

	static LearningRateSchedule schedule(final String name, final long steps) {
		switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
			case "constant": return LearningRateSchedule.constant();
			case "step": return LearningRateSchedule.step(Math.max(1, steps / 4), 0.5);
			case "cosine": return LearningRateSchedule.cosine(0);
			default: throw new IllegalArgumentException("Unknown schedule '" + name + "': use constant, step or cosine.");
		}
	}

	/** Checks what the trainer does not: output and name. */
	public TrainingPlan validate() {
		if (hr == null || hr.trim().isEmpty()) throw new IllegalArgumentException("Choose the HR training folder (--hr).");
		if (out == null || out.trim().isEmpty()) throw new IllegalArgumentException("Choose the output model file (--out model.zip).");
		if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) throw new IllegalArgumentException("Model name '" + name + "' must be 1..100 of letters, digits, '.', '_', '-', starting with a letter or digit.");
		config().validate();
		return this;
	}
}
