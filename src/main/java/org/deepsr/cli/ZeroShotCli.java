package org.deepsr.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.zeroshot.ZeroShotOptions;
import org.deepsr.zeroshot.ZeroShotUpscaler;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr zssr IN OUT --scale S}: zero-shot super-resolution, a small
 * network trained on the image's own downscaled copies, then applied to it
 * ({@link ZeroShotUpscaler}). Options left out keep the defaults of
 * {@link ZeroShotOptions}.
 */
@Command(name = "zssr", mixinStandardHelpOptions = true,
	description = "Zero-shot super-resolution: learn from the image itself (no model, no training set), then upscale it.")
final class ZeroShotCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--scale", required = true, description = "Upscaling factor > 1, whole or not (e.g. 2, 2.5)") private double scale;
	@Option(names = "--steps", description = "Training steps") private Long steps;
	@Option(names = "--patch", description = "Father crop side in pixels") private Integer patch;
	@Option(names = "--batch", description = "Fathers per step") private Integer batch;
	@Option(names = "--learning-rate", description = "Adam learning rate") private Double learningRate;
	@Option(names = "--schedule", description = "cosine|step|constant") private String schedule;
	@Option(names = "--width", description = "Maps per layer") private Integer width;
	@Option(names = "--depth", description = "Convolution layers") private Integer depth;
	@Option(names = "--kernel", description = "Degradation and interpolation kernel: bicubic (MATLAB imresize, default)|bilinear|lanczos3|nearest") private String kernel;
	@Option(names = "--ensemble", description = "Average over the 8 rotations and flips (8 times the inference time)") private boolean ensemble;
	@Option(names = "--seed", description = "Seed of the weights and of the training crops") private Long seed;
	@Option(names = "--threads", description = "TensorFlow threads (default 0: one per processor)") private Integer threads;
	@Option(names = "--device", converter = OptionValues.DeviceName.class, description = "auto|cpu|gpu (default auto)") private String device;
	@Option(names = "--overwrite", description = "Replace an existing output file") private boolean overwrite;

	@Parameters(index = "0", description = "Input image (TIFF, PNG, ..., NIfTI)")
	private Path in;

	@Parameters(index = "1", description = "Output image (the extension chooses the format)")
	private Path out;

	@Override
	public Integer call() throws Exception {
		final ZeroShotOptions o = options();
		ZeroShotUpscaler.requireFiles(in, out, overwrite); // before any training
		o.validate();
		final ZeroShotUpscaler.Result r = ZeroShotUpscaler.upscaleFile(in, out, overwrite, o,
			new TrainCli.StatusLines(spec.commandLine().getErr()));
		spec.commandLine().getOut().println("wrote " + out + " (" + r.image.getWidth() + "x" + r.image.getHeight() + ", " + r.image.getBitDepth()
			+ "-bit) with zero-shot x" + (o.integerScale() ? Long.toString((long) o.scale) : Double.toString(o.scale)) + " (" + o.steps + " steps) on " + r.device + " in " + String.format(Locale.ROOT, "%.2f s", r.seconds));
		return 0;
	}

	ZeroShotOptions options() {
		final ZeroShotOptions o = new ZeroShotOptions();
		o.scale = scale;
		if (steps != null) o.steps = steps;
		if (patch != null) o.patch = patch;
		if (batch != null) o.batch = batch;
		if (learningRate != null) o.learningRate = learningRate;
		if (schedule != null) o.schedule = schedule;
		if (width != null) o.width = width;
		if (depth != null) o.depth = depth;
		if (kernel != null) o.kernel = kernel;
		o.ensemble = ensemble;
		if (seed != null) o.seed = seed;
		if (threads != null) o.threads = threads;
		if (device != null) o.device = device;
		return o;
	}
}
