package org.deepsr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.image.VolumeInfo;
import org.deepsr.io.OmeZarr;
import org.deepsr.io.OmeZarrSink;
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
		"tiles of a plane) per network call, 0 = automatic, 1 = one by one (default ${DEFAULT-VALUE})")
	private int batch;

	@Option(names = "--float32", description = "Write 32-bit float output instead of the input's bit depth")
	private boolean float32;

	@Option(names = "--overwrite", description = "Replace existing output files")
	private boolean overwrite;

	@Option(names = "--pattern", defaultValue = "", description = "File-name glob for folders, e.g. '*.tif' (default: every image file)")
	private String pattern;

	@Option(names = "--part", paramLabel = "i/n", description = "Process the i-th of n shares (1-based) of a folder's " +
		"files or of a volume's z chunks (OME-Zarr output), for cluster arrays; see docs/cluster.md")
	private String part;

	@Option(names = "--levels", defaultValue = "1", description = "OME-Zarr output: pyramid levels, each halving x " +
		"and y (mean), 1 = full resolution only (default ${DEFAULT-VALUE})")
	private int levels;

	@Option(names = "--zarr-version", defaultValue = "2", description = "OME-Zarr output: 2 (NGFF 0.4) or 3 (NGFF 0.5) (default ${DEFAULT-VALUE})")
	private int zarrVersion;

	@Option(names = "--compression", defaultValue = "gzip", description = "OME-Zarr output: gzip, zstd, blosc, " +
		"zlib (v2) or none (default ${DEFAULT-VALUE})")
	private String compression;

	@Parameters(index = "0", description = "Input image file or folder")
	private Path in;

	@Parameters(index = "1", description = "Output image file or folder")
	private Path out;

	@Override
	public Integer call() throws Exception {
		final UpscaleSettings settings = method.settings().tile(tile).batch(batch).float32(float32);
		final ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
		final int[] share = part(part);
		final OmeZarrSink.Options zarr = new OmeZarrSink.Options().overwrite(overwrite).levels(levels).zarrVersion(
			zarrVersion).compression(compression);
		if (share != null) zarr.part(share[0], share[1]);
		final boolean folder = Files.isDirectory(in) && !OmeZarr.isZarr(in);
		if (folder) FolderUpscaler.check(in, out, pattern); // before the model loads
		else Upscaler.requireFiles(in, out, overwrite, share != null);
		try (Upscaler upscaler = Upscaler.open(settings, ModelRegistry.fromEnvironment(), progress)) {
			final long start = System.nanoTime();
			final String what;
			if (folder) {
				final FolderUpscaler.Summary summary = FolderUpscaler.run(upscaler, in, out, pattern, overwrite,
					share == null ? 1 : share[0], share == null ? 1 : share[1], progress);
				what = in + " -> " + out + ": " + summary;
				if (!summary.failed.isEmpty()) {
					print(what, upscaler, start);
					return 1;
				}
			}
			else {
				final VolumeInfo result = upscaler.upscaleFile(in, out, zarr, progress);
				what = "wrote " + out + " (" + result.width() + "x" + result.height() + ", " + (result.rgb() ? 24 : result.type()
					.bits()) + "-bit)";
			}
			print(what, upscaler, start);
			return 0;
		}
	}

	/** "i/n" as {i, n}; null when absent. */
	static int[] part(final String text) {
		if (text == null || text.isEmpty()) return null;
		final String[] p = text.trim().split("/");
		try {
			if (p.length == 2) {
				final int i = Integer.parseInt(p[0].trim()), n = Integer.parseInt(p[1].trim());
				if (n >= 1 && i >= 1 && i <= n) return new int[] { i, n };
			}
		}
		catch (final NumberFormatException e) {
			// told below
		}
		throw new IllegalArgumentException("--part " + text + " is not i/n with 1 <= i <= n, e.g. --part 3/8 " +
			"(in a SLURM array of tasks 1-N: --part $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
	}

	private void print(final String what, final Upscaler upscaler, final long start) {
		spec.commandLine().getOut().println(what + " with " + upscaler.describe() + " on " + upscaler
			.device() + " in " + String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - start) / 1e9));
	}

}
