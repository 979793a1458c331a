package org.deepsr.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.backend.Device;
import org.deepsr.image.Axis;
import org.deepsr.image.VolumeInfo;
import org.deepsr.model.ModelRegistry;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.deepsr.volume.Orientation;
import org.deepsr.volume.ThroughPlane;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr through-plane IN OUT --model M|--method bicubic}: refines an
 * anisotropic volume along z with a 2-D method ({@link ThroughPlane}). TIFF
 * to TIFF streams; other formats go through an ImagePlus.
 */
@Command(name = "through-plane", mixinStandardHelpOptions = true,
	description = "Super-resolve an anisotropic volume along z with a 2-D model or method, on its XZ and YZ sections.")
final class ThroughPlaneCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	static final class Method {

		@Option(names = "--model", required = true, description = "Model name (see 'deepsr models') or model bundle path")
		String model;

		@Option(names = "--method", required = true, description = "nearest|bilinear|bicubic|lanczos3")
		String method;
	}

	@ArgGroup(exclusive = true, multiplicity = "1")
	private Method method;

	@Option(names = "--scale", defaultValue = "2",
		description = "In-plane scale of a classical method (default 2; 1 = interpolation along z only)")
	private int scale;

	@Option(names = "--z-factor", defaultValue = "0",
		description = "Refinement along z, any number > 0 (default 0: z voxel size / x voxel size)")
	private double zFactor;

	@Option(names = "--orientations", defaultValue = "xz,yz",
		description = "Sections to super-resolve: xz, yz, or xz,yz averaged (default)")
	private String orientations;

	@Option(names = "--tile", defaultValue = "0", description = "Tile size in input pixels (default ${DEFAULT-VALUE}: automatic)")
	private int tile;

	@Option(names = "--device", defaultValue = "auto", converter = OptionValues.DeviceName.class, description = "auto|cpu|gpu (default auto)")
	private String device;

	@Option(names = "--float32", description = "Write 32-bit float output instead of the input's bit depth")
	private boolean float32;

	@Option(names = "--overwrite", description = "Replace an existing output file")
	private boolean overwrite;

	@Parameters(index = "0", description = "Input volume (TIFF stack)")
	private Path in;

	@Parameters(index = "1", description = "Output volume (TIFF stack)")
	private Path out;

	@Override
	public Integer call() throws Exception {
		final String name = method.model != null ? method.model : method.method;
		if (method.method != null && Upscaler.classical(name) == null) throw new IllegalArgumentException(
			"--method " + name + " is not nearest, bilinear, bicubic or lanczos3: use --model for a model");
		final UpscaleSettings settings = new UpscaleSettings().method(name).scale(scale).tile(tile).device(
			parseDevice()).float32(float32);
		Upscaler.requireFiles(in, out, overwrite); // before the model loads
		final ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
		try (Upscaler upscaler = Upscaler.open(settings, ModelRegistry.fromEnvironment(), progress)) {
			final long start = System.nanoTime();
			final ThroughPlane tp = new ThroughPlane(upscaler, zFactor, Orientation.parse(orientations),
				ThroughPlane.resampling(name));
			final VolumeInfo result = tp.runFile(in, out, overwrite, progress);
			spec.commandLine().getOut().println("wrote " + out + " (" + result.width() + "x" + result.height() +
				"x" + result.slices() + ", z voxel " + result.calibration(Axis.Z) + ") with " +
				upscaler.describe() + " on " + upscaler.device() + " in " + String.format(Locale.ROOT, "%.2f s",
					(System.nanoTime() - start) / 1e9));
			return 0;
		}
	}

	private Device parseDevice() {
		try {
			return Device.parse(device);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("--" + e.getMessage());
		}
	}
}
