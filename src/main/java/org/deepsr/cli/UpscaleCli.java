package org.deepsr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.image.VolumeInfo;
import org.deepsr.model.ModelRegistry;
import org.deepsr.upscale.FolderUpscaler;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr upscale --model M IN OUT}: a file to a file, or a folder to a
 * folder. TIFF to TIFF streams plane by plane ({@link Upscaler#upscaleFile}).
 */
@Command(name = "upscale", mixinStandardHelpOptions = true,
	description = "Upscale an image file, or every image of a folder (the model is loaded once).")
final class UpscaleCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private MethodOptions method;



	@Option(names = "--tile", defaultValue = "0", description = "Tile size in input pixels (default ${DEFAULT-VALUE}: automatic)")
	private int tile;


	@Option(names = "--batch", defaultValue = "0", description = "Most tiles (small planes of a stack, or small " +
		"tiles of a plane) per network call, 0 = automatic, 1 = one by one")
	private int batch;

	@Option(names = "--float32", description = "Write 32-bit float output instead of the input's bit depth")
	private boolean float32;

	@Option(names = "--overwrite", description = "Replace existing output files")
	private boolean overwrite;

	@Option(names = "--pattern", defaultValue = "", description = "File-name glob for folders, e.g. '*.tif' (default: every image file)")
	private String pattern;

	@Parameters(index = "0", description = "Input image file or folder")
	private Path in;

	@Parameters(index = "1", description = "Output image file or folder")
	private Path out;

	@Override
	public Integer call() throws Exception {
		final UpscaleSettings settings = method.settings().tile(tile).batch(batch).float32(float32);
		final ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
		if (Files.isDirectory(in)) FolderUpscaler.check(in, out, pattern); // before the model loads
		else Upscaler.requireFiles(in, out, overwrite);
		try (Upscaler upscaler = Upscaler.open(settings, ModelRegistry.fromEnvironment(), progress)) {
			final long start = System.nanoTime();
			final String what;
			if (Files.isDirectory(in)) {
				final FolderUpscaler.Summary summary = FolderUpscaler.run(upscaler, in, out, pattern, overwrite,
					progress);
				what = in + " -> " + out + ": " + summary;
				if (!summary.failed.isEmpty()) {
					print(what, upscaler, start);
					return 1;
				}
			}
			else {
				final VolumeInfo result = upscaler.upscaleFile(in, out, overwrite, progress);
				what = "wrote " + out + " (" + result.width() + "x" + result.height() + ", " + (result.rgb() ? 24 : result.type()
					.bits()) + "-bit)";
			}
			print(what, upscaler, start);
			return 0;
		}
	}

	private void print(final String what, final Upscaler upscaler, final long start) {
		spec.commandLine().getOut().println(what + " with " + upscaler.describe() + " on " + upscaler
			.device() + " in " + String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - start) / 1e9));
	}

}
