package org.deepsr.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Locale;

import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelImporter;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;

/**
 * One training run from folders to a model bundle: load the data, train
 * (resuming from a checkpoint when asked), export the best weights and import
 * them as a bundle that the Upscale path runs. A cancelled run keeps its
 * checkpoint and still exports the best model so far. Nothing is exported
 * from a run that diverged ({@link TrainingDivergedException}) or that has
 * validation data but was cancelled before its first validation. A run
 * without validation data exports its last weights, whose loss the trainer
 * saw stay finite, and says "not validated" in the log and the descriptor.
 */
public final class TrainingRun {

	/** What the run produced. */
	public static final class Summary {
		public final Path bundle;
		public final TrainingResult result;
		public final TrainingData data;

		Summary(final Path bundle, final TrainingResult result, final TrainingData data) {
			this.bundle = bundle;
			this.result = result;
			this.data = data;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%s: %d steps (%s), %s, model %s", data.description(), result.steps(),
				result.reason().name().toLowerCase(Locale.ROOT), validation(result), bundle);
		}
	}

	private TrainingRun() {}

	/**
	 * @param options validated here; {@link TrainingOptions#overwrite} allows replacing an existing bundle
	 * @param listener hears losses and validations (e.g. a live plot); may be null
	 */
	public static Summary run(final TrainingOptions options, final TrainingListener listener, final Progress progress) throws IOException {
		final boolean overwrite = options.overwrite;
		options.validate();
		final Path target = java.nio.file.Paths.get(options.out.trim());
		if (Files.exists(target) && !overwrite) throw new IOException("Model bundle " + target + " exists already: choose another name or allow overwriting.");
		final TrainingConfig config = options.config();
		if (options.init != null && !options.init.trim().isEmpty()) {
			final Path from = ModelRegistry.fromEnvironment().resolve(options.init.trim());
			progress.log("Initial weights from " + from);
			config.initialWeights(InitialWeights.read(from));
		}
		final TrainingData data = TrainingData.load(options.dataset(), progress);
		final TrainingResult result;
		try (Trainer trainer = new Trainer(config, data.sampler(config.patchSize(), config.seed()), data.validation(), progress)) {
			if (listener != null) trainer.addListener(listener);
			result = trainer.train();
		}
		if (!data.validation().isEmpty() && Double.isNaN(result.bestPsnr()))
			throw new IllegalStateException("Cancelled at step " + result.steps() + " before the first validation: no model exported" + (config.checkpointDir() != null ? "; resume from the checkpoint in " + config.checkpointDir() + "." : "."));
		if (result.reason() == TrainingResult.StopReason.CANCELLED) progress.log("Cancelled at step " + result.steps() + ": exporting the best model so far.");
		if (data.validation().isEmpty()) progress.warn("Not validated (no validation images: give --val or --val-fraction): exporting the last weights, of step " + result.steps() + ", whose loss stayed finite.");
		final ExportedModel model = ModelExporter.export(config.network(), config.netConfig(), result.bestWeights());
		final Path bundle = writeBundle(model, withMetadata(descriptor(options, model, data, result), options), target, overwrite, progress);
		return new Summary(bundle, result, data);
	}

	/** The descriptor of a trained model: tensors, halo and step from the export, provenance from the run. */
	static ModelDescriptor descriptor(final TrainingOptions options, final ExportedModel model, final TrainingData data, final TrainingResult result) {
		return descriptor(options, model, data.description(), result);
	}

	/**
	 * Exports a run's best weights as a bundle at {@code target} (for trainers
	 * that gather their own data, e.g. self-supervised isotropic
	 * reconstruction), with the descriptor that {@link #run} writes.
	 *
	 * @param trainingData what the model was trained on, for the descriptor's provenance
	 */
	public static Path export(final TrainingOptions options, final TrainingResult result, final String trainingData, final Path target, final boolean overwrite, final Progress progress) throws IOException {
		final TrainingConfig config = options.config();
		final ExportedModel model = ModelExporter.export(config.network(), config.netConfig(), result.bestWeights());
		return writeBundle(model, descriptor(options, model, trainingData, result), target, overwrite, progress);
	}

	static ModelDescriptor descriptor(final TrainingOptions options, final ExportedModel model, final String trainingData, final TrainingResult result) {
		final ModelDescriptor d = new ModelDescriptor();
		d.name = options.modelName();
		d.description = options.description != null ? options.description : model.network().toUpperCase(Locale.ROOT) + " x" + model.scale() + " trained with DeepSR";
		d.architecture = model.network().toUpperCase(Locale.ROOT);
		d.scale = model.scale();
		final ChannelMode mode = ChannelMode.byName(options.channels);
		d.channels.mode = mode.id();
		d.channels.ycbcr = mode == ChannelMode.Y ? "studio" : null;
		d.input.tensor = model.inputName();
		d.input.channels = model.channels();
		d.input.step = model.inputStep();
		d.input.minSize = model.inputStep();
		d.input.halo = roundUp(model.halo(), model.inputStep());
		d.output.tensor = model.outputName();
		d.output.channels = model.channels();
		d.valueRange = new double[] { 0, 1 };
		final Normalisation n = Normalisation.byName(options.normalisation);
		d.normalisation.mode = n.descriptorMode();
		if (n == Normalisation.PERCENTILE) {
			d.normalisation.low = Normalisation.LOW_PERCENT;
			d.normalisation.high = Normalisation.HIGH_PERCENT;
		}
		d.provenance.source = "trained with DeepSR " + version() + " on " + LocalDate.now();
		d.provenance.trainingData = trainingData;
		d.provenance.degradation = options.lr != null ? "paired LR folder " + options.resolve(options.lr).getFileName() : options.degradation;
		d.provenance.steps = result.steps();
		d.provenance.validationPsnr = Double.isNaN(result.bestPsnr()) ? null : result.bestPsnr();
		d.provenance.notes = String.format(Locale.ROOT, "seed %d; %s; %s; batch %d of %dx%d LR patches (loss border %d); Adam lr %g, %s schedule; %s loss; %s; stopped: %s",
			options.seed, options.config().netConfig(), options.init == null || options.init.trim().isEmpty() ? "random start" : "started from " + options.init.trim(),
			options.batch, options.patch, options.patch, options.lossBorder, options.learningRate, options.schedule,
			options.loss + (options.discriminator == null ? "" : " with the " + options.discriminator + " discriminator") + (options.extractor == null ? "" : ", features of " + Paths.get(options.extractor).getFileName()),
			Double.isNaN(result.bestPsnr()) ? "not validated (no validation data): the last weights, of step " + result.bestStep() : "best weights of step " + result.bestStep(),
			result.reason().name().toLowerCase(Locale.ROOT));
		return d;
	}

	/** The descriptor with the recipe's metadata file put over it (none: as it is). */
	static ModelDescriptor withMetadata(final ModelDescriptor d, final TrainingOptions options) throws IOException {
		if (options.metadata == null || options.metadata.trim().isEmpty()) return d;
		final Path file = java.nio.file.Paths.get(options.metadata.trim());
		if (!Files.isRegularFile(file)) throw new IOException("The model metadata file " + file + " does not exist.");
		return org.deepsr.model.ModelDescriptors.withMetadata(d, new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8), file.getFileName().toString());
	}

	/** "best validation PSNR 31.234 dB at step 400", or "not validated". */
	private static String validation(final TrainingResult result) {
		return Double.isNaN(result.bestPsnr()) ? "not validated" : String.format(Locale.ROOT, "best validation PSNR %.3f dB at step %d", result.bestPsnr(), result.bestStep());
	}

	private static int roundUp(final int v, final int step) {
		return (v + step - 1) / step * step;
	}

	private static Path writeBundle(final ExportedModel model, final ModelDescriptor d, final Path target, final boolean overwrite, final Progress progress) throws IOException {
		final Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path pb = Files.createTempFile(parent, ".deepsr-export-", ".pb");
		try {
			Files.write(pb, model.graphDef());
			return ModelImporter.importFrozenGraph(pb, d, target, overwrite, progress);
		} finally {
			Files.deleteIfExists(pb);
		}
	}

	/** The jar's version, or "development" when run from classes. */
	public static String version() {
		final String v = TrainingRun.class.getPackage().getImplementationVersion();
		return v != null ? v : "development";
	}
}
