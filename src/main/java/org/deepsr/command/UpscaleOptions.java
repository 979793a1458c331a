package org.deepsr.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deepsr.backend.Device;
import org.deepsr.install.TensorFlowClash;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Failures;
import org.deepsr.resample.Interpolation;
import org.deepsr.upscale.UpscaleSettings;
import org.scijava.app.StatusService;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.module.MutableModuleItem;
import org.scijava.plugin.Parameter;

/**
 * The upscaling parameters shared by {@link UpscaleCommand} and
 * {@link UpscaleFolderCommand}: same names, same defaults, so macros read the
 * same for both.
 */
abstract class UpscaleOptions extends DynamicCommand {

	@Parameter
	protected StatusService statusService;

	@Parameter
	protected LogService logService;

	@Parameter(label = "Model or method", initializer = "listModels",
		description = "A bundled or user model, or a classical method (nearest, bilinear, bicubic, lanczos3)")
	private String model = "bicubic";

	@Parameter(label = "Model file (optional)", required = false,
		description = "A model bundle (.zip or folder) to use instead of the list above")
	private File modelfile;

	@Parameter(label = "Per-channel models (optional)", required = false,
		description = "One model or method per channel of a grey multi-channel image, in channel order " +
			"(m1,m2,...) or named (C1=m1,C2=m2); all of one scale. Empty: the model above for every channel")
	private String channelmodels = "";

	@Parameter(label = "Scale (classical methods)", min = "1", max = "16",
		description = "Upscaling factor for classical methods; a model uses its own scale")
	private int scale = 2;

	@Parameter(label = "Tile size (0 = automatic)", min = "0",
		description = "Interior tile side in input pixels; smaller tiles need less memory")
	private int tile = 0;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" },
		description = "auto uses a GPU when the GPU build and CUDA are present")
	private String device = "auto";

	@Parameter(label = "32-bit float output",
		description = "Keep the network's float values instead of the input's bit depth")
	private boolean float32 = false;

	private ModelRegistry registry;

	/** Offers the registry's models and the classical methods in the dialog. */
	protected void listModels() {
		final List<String> choices = new ArrayList<>();
		try {
			registry().list(org.deepsr.progress.Progress.NONE).forEach(entry -> choices.add(entry.name()));
		}
		catch (final RuntimeException e) {
			logService.warn("DeepSR: cannot list models: " + e.getMessage());
		}
		for (final Interpolation m : Interpolation.values())
			choices.add(m.name().toLowerCase(Locale.ROOT));
		final MutableModuleItem<String> item = getInfo().getMutableInput("model", String.class);
		item.setChoices(choices);
	}

	protected ModelRegistry registry() {
		if (registry == null) registry = ModelRegistry.fromEnvironment();
		return registry;
	}

	/** @throws IllegalStateException when a legacy TensorFlow would break DeepSR (see {@link TensorFlowClash}) */
	protected UpscaleSettings settings() {
		TensorFlowClash.requireNone();
		final UpscaleSettings settings = new UpscaleSettings().method(modelfile != null ? modelfile.getPath()
			: model);
		if (channelmodels != null && !channelmodels.trim().isEmpty()) settings.methods(channelmodels);
		return settings.scale(scale).tile(tile).device(Device.parse(device)).float32(float32);
	}

	protected CommandProgress progress() {
		return new CommandProgress(statusService, logService);
	}

	/** Cancels the command with the problem as its reason, which macros and dialogs report. */
	protected void fail(final Exception e) {
		final String message = Failures.describe(e);
		cancel(message);
		logService.error("DeepSR: " + message);
	}

	protected static String seconds(final long startNanos) {
		return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - startNanos) / 1e9);
	}
}
