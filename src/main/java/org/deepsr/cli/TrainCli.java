package org.deepsr.cli;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

import org.deepsr.progress.Progress;
import org.deepsr.train.TrainingPlan;
import org.deepsr.train.TrainingRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr train}: trains a network on image folders and writes a model
 * bundle; or {@code deepsr train --recipe models/recipes/espcn-x2.json}, whose
 * folders are relative to {@code --data}. Options given on the command line
 * override the recipe's. Progress goes to stderr, the summary to stdout.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a super-resolution network and export it as a model bundle.")
final class TrainCli implements Callable<Integer> {

	static final Gson RECIPES = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

	@Spec
	private CommandSpec spec;

	@Option(names = "--recipe", description = "JSON recipe holding these options (snake_case keys, e.g. learning_rate)") private Path recipe;
	@Option(names = "--data", description = "Root of a recipe's data folders (default ../shared/data)") private Path data;
	@Option(names = "--network", description = "espcn, fsrcnn, srcnn, vdsr") private String network;
	@Option(names = "--scale") private Integer scale;
	@Option(names = "--hr", description = "HR training folder") private String hr;
	@Option(names = "--lr", description = "LR folder paired with --hr by file name (optional)") private String lr;
	@Option(names = "--degradation", description = "e.g. matlab-bicubic, gaussian-blur:1+decimate+poisson-gaussian:0.01,0.005") private String degradation;
	@Option(names = "--channels", description = "y or grey") private String channels;
	@Option(names = "--normalisation", description = "minmax or percentile (16-bit/float data)") private String normalisation;
	@Option(names = "--steps") private Long steps;
	@Option(names = "--batch") private Integer batch;
	@Option(names = "--patch", description = "LR patch side") private Integer patch;
	@Option(names = "--loss-border", description = "LR pixels at each patch edge left out of the loss (e.g. the receptive radius)") private Integer lossBorder;
	@Option(names = "--lr-rate", description = "Adam learning rate") private Double rate;
	@Option(names = "--schedule", description = "constant, step or cosine") private String schedule;
	@Option(names = "--loss", description = "l1, l2 or charbonnier") private String loss;
	@Option(names = "--val", description = "Validation HR folder") private String val;
	@Option(names = "--val-fraction", description = "Fraction of the HR files held out for validation") private Double valFraction;
	@Option(names = "--validate-every") private Long validateEvery;
	@Option(names = "--seed") private Long seed;
	@Option(names = "--checkpoints", description = "Checkpoint folder") private String checkpoints;
	@Option(names = "--checkpoint-every") private Long checkpointEvery;
	@Option(names = "--resume", description = "Continue from the checkpoint") private boolean resume;
	@Option(names = "--width") private Integer width;
	@Option(names = "--depth") private Integer depth;
	@Option(names = "--init", description = "Start from this model's weights (fine-tune): a model name, bundle or checkpoint folder") private String init;
	@Option(names = "--skip", description = "Add the bicubic upscaled input to the output (ESPCN, FSRCNN, SRCNN)") private boolean skip;
	@Option(names = "--threads", description = "TensorFlow threads (default: all cores)") private Integer threads;
	@Option(names = "--out", description = "Output model bundle (.zip)") private String out;
	@Option(names = "--name", description = "Model name") private String name;
	@Option(names = "--overwrite", description = "Replace an existing bundle") private boolean overwrite;

	@Override
	public Integer call() throws IOException {
		final TrainingPlan plan = recipe != null ? readRecipe(recipe) : new TrainingPlan();
		if (recipe != null) plan.root = data != null ? data : Paths.get("..", "shared", "data");
		if (network != null) plan.network = network;
		if (scale != null) plan.scale = scale;
		if (hr != null) plan.hr = absolute(hr);
		if (lr != null) plan.lr = absolute(lr);
		if (val != null) plan.val = absolute(val);
		if (degradation != null) plan.degradation = degradation;
		if (channels != null) plan.channels = channels;
		if (normalisation != null) plan.normalisation = normalisation;
		if (steps != null) plan.steps = steps;
		if (batch != null) plan.batch = batch;
		if (patch != null) plan.patch = patch;
		if (lossBorder != null) plan.lossBorder = lossBorder;
		if (rate != null) plan.learningRate = rate;
		if (schedule != null) plan.schedule = schedule;
		if (loss != null) plan.loss = loss;
		if (valFraction != null) plan.valFraction = valFraction;
		if (validateEvery != null) plan.validateEvery = validateEvery;
		if (seed != null) plan.seed = seed;
		if (checkpoints != null) plan.checkpoints = checkpoints;
		if (checkpointEvery != null) plan.checkpointEvery = checkpointEvery;
		if (resume) plan.resume = true;
		if (width != null) plan.width = width;
		if (depth != null) plan.depth = depth;
		if (threads != null) plan.threads = threads;
		if (init != null) plan.init = init;
		if (skip) plan.skip = true;
		if (out != null) plan.out = out;
		if (name != null) plan.name = name;
		final PrintWriter err = spec.commandLine().getErr();
		final TrainingRun.Summary s = TrainingRun.run(plan, null, overwrite, new StatusLines(err));
		spec.commandLine().getOut().println(s);
		return 0;
	}

	private static String absolute(final String path) {
		return Paths.get(path).toAbsolutePath().toString();
	}

	static TrainingPlan readRecipe(final Path file) throws IOException {
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			final TrainingPlan plan = RECIPES.fromJson(r, TrainingPlan.class);
			if (plan == null) throw new IOException("recipe " + file + " is empty");
			return plan;
		} catch (final JsonParseException e) {
			throw new IOException("recipe " + file + " is not valid JSON: " + e.getMessage(), e);
		}
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
