package org.deepsr.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.image.Axis;
import org.deepsr.image.VolumeInfo;
import org.deepsr.progress.Progress;
import org.deepsr.volume.Isotropic;
import org.deepsr.volume.IsotropicOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr isotropic IN OUT [--z-factor F]}: self-supervised isotropic
 * reconstruction ({@link Isotropic}); every default is
 * {@link IsotropicOptions}'s.
 */
@Command(name = "isotropic", mixinStandardHelpOptions = true, defaultValueProvider = IsotropicCli.Defaults.class,
	description = "Make an anisotropic volume isotropic: train a 2-D network on its own in-plane slices (degraded like z), apply it to the XZ and YZ sections.")
final class IsotropicCli implements Callable<Integer> {

	/** Each option's default is the {@link IsotropicOptions} field of its camel-cased long name. */
	static final class Defaults implements IDefaultValueProvider {

		@Override
		public String defaultValue(final ArgSpec arg) throws Exception {
			if (!(arg instanceof OptionSpec)) return null;
			final String name = ((OptionSpec) arg).longestName().replaceFirst("^--", "");
			final StringBuilder field = new StringBuilder();
			for (final String part : name.split("-"))
				field.append(field.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
			try {
				final Object v = IsotropicOptions.class.getField(field.toString()).get(new IsotropicOptions());
				return v == null ? null : String.valueOf(v);
			}
			catch (final NoSuchFieldException e) {
				return null;
			}
		}
	}

	@Spec
	private CommandSpec spec;

	@Option(names = "--z-factor", description = "Refinement along z, any number > 0 (default 0: z voxel size / x voxel size)")
	private double zFactor;

	@Option(names = "--axis", description = "The thick axis (default ${DEFAULT-VALUE})")
	private String axis;

	@Option(names = "--profile", description = "Slice profile: gaussian (default ${DEFAULT-VALUE}) or box")
	private String profile;

	@Option(names = "--fwhm", description = "Profile FWHM (box: width) in in-plane voxels (default 0: the z factor)")
	private double fwhm;

	@Option(names = "--network", description = "x1 refining network (default ${DEFAULT-VALUE})")
	private String network;

	@Option(names = "--width", description = "Network width (default ${DEFAULT-VALUE})")
	private int width;

	@Option(names = "--depth", description = "Network depth (default ${DEFAULT-VALUE})")
	private int depth;

	@Option(names = "--steps", description = "Training steps (default ${DEFAULT-VALUE})")
	private long steps;

	@Option(names = "--patch", description = "Patch side in voxels (default ${DEFAULT-VALUE})")
	private int patch;

	@Option(names = "--batch", description = "Patches per step (default ${DEFAULT-VALUE})")
	private int batch;

	@Option(names = "--patch-pool", description = "Keep the busiest of this many times the batch of random patches (default ${DEFAULT-VALUE})")
	private int patchPool;

	@Option(names = "--learning-rate", description = "Adam learning rate (default ${DEFAULT-VALUE})")
	private double learningRate;

	@Option(names = "--training-slices", description = "At most this many in-plane slices give training pairs (default ${DEFAULT-VALUE})")
	private int trainingSlices;

	@Option(names = "--orientations", description = "Sections: xz, yz or xz,yz averaged (default ${DEFAULT-VALUE})")
	private String orientations;

	@Option(names = "--seed", description = "Seed of weights and patches (default ${DEFAULT-VALUE})")
	private long seed;

	@Option(names = "--threads", description = "TensorFlow threads for training, 0 = one per processor (default ${DEFAULT-VALUE})")
	private int threads;

	@Option(names = "--device", converter = OptionValues.DeviceName.class, description = "auto|cpu|gpu (default ${DEFAULT-VALUE})")
	private String device;

	@Option(names = "--save-model", description = "Also keep the trained network as a model bundle (.zip)")
	private String saveModel;

	@Option(names = "--overwrite", description = "Replace an existing output file (and --save-model bundle)")
	private boolean overwrite;

	@Parameters(index = "0", description = "Input volume (NIfTI .nii/.nii.gz or TIFF stack)")
	private Path in;

	@Parameters(index = "1", description = "Output volume (NIfTI .nii/.nii.gz or TIFF stack)")
	private Path out;

	@Override
	public Integer call() throws Exception {
		final IsotropicOptions o = new IsotropicOptions();
		o.zFactor = zFactor;
		o.axis = axis;
		o.profile = profile;
		o.fwhm = fwhm;
		o.network = network;
		o.width = width;
		o.depth = depth;
		o.steps = steps;
		o.patch = patch;
		o.batch = batch;
		o.learningRate = learningRate;
		o.patchPool = patchPool;
		o.trainingSlices = trainingSlices;
		o.orientations = orientations;
		o.seed = seed;
		o.threads = threads;
		o.device = device;
		o.saveModel = saveModel;
		o.overwrite = overwrite;
		final ConsoleProgress console = new ConsoleProgress(spec.commandLine().getErr());
		final Progress progress = new Progress() {

			private String last = "";
			private long shown;

			/** Training steps and sections: a line when the stage changes, else every 10 s. */
			@Override
			public void status(final String message) {
				final String stage = message.replaceFirst("\\d.*", "");
				final long now = System.nanoTime();
				if (!stage.equals(last) || now - shown > 10_000_000_000L) {
					last = stage;
					shown = now;
					console.log(message);
				}
			}

			@Override
			public void progress(final long done, final long total) {
				if (done == total || total <= 0) return;
				final long now = System.nanoTime();
				if (now - shown > 10_000_000_000L) {
					shown = now;
					console.log(String.format(Locale.ROOT, "  %d/%d (%.0f%%)", done, total, 100.0 * done / total));
				}
			}

			@Override
			public void log(final String message) {
				console.log(message);
			}

			@Override
			public void warn(final String message) {
				console.warn(message);
			}
		};
		final long start = System.nanoTime();
		final VolumeInfo result = new Isotropic(o).runFile(in, out, progress);
		spec.commandLine().getOut().println("wrote " + out + " (" + result.width() + "x" + result.height() + "x" + result
			.slices() + ", z voxel " + result.calibration(Axis.Z) + ") in " + String.format(Locale.ROOT, "%.1f s",
				(System.nanoTime() - start) / 1e9));
		return 0;
	}

}
