package org.deepsr.upscale;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.StagedFile;
import org.deepsr.io.NiftiSource;
import org.deepsr.progress.Failures;
import org.deepsr.progress.Progress;

/**
 * Upscales every matching image file of a folder into another folder with
 * one opened model, for batches that must not depend on image windows.
 * Outputs are named "&lt;name&gt;-x&lt;scale&gt;.&lt;ext&gt;"; an existing output is
 * skipped unless overwriting was asked for; one unreadable file does not stop
 * the batch.
 */
public final class FolderUpscaler {

	/** Image files ImageJ reads, for folders given without a pattern. */
	public static final String DEFAULT_PATTERN =
		"*.{tif,tiff,png,jpg,jpeg,bmp,gif,nii,nii.gz,TIF,TIFF,PNG,JPG,JPEG,NII,NII.GZ}";

	/** What happened to the files of a folder. */
	public static final class Summary {

		public final List<Path> written = new ArrayList<>();
		public final List<Path> skipped = new ArrayList<>();
		public final List<String> failed = new ArrayList<>();

		@Override
		public String toString() {
			return written.size() + " written, " + skipped.size() + " skipped (exist), " + failed.size() +
				" failed";
		}
	}

	private FolderUpscaler() {}

	/**
	 * @param pattern a glob on file names such as "*.tif"; empty for {@link #DEFAULT_PATTERN}
	 */
	public static Summary run(final Upscaler upscaler, final Path inputDir, final Path outputDir,
		final String pattern, final boolean overwrite, final Progress progress) throws IOException
	{
		return run(upscaler, inputDir, outputDir, pattern, overwrite, 1, 1, progress);
	}

	/**
	 * Part {@code part} of {@code parts} of a cluster array: the files whose
	 * index in the sorted list is {@code part - 1} modulo {@code parts}, so n
	 * parts cover the folder once whatever their order; a rerun skips the
	 * outputs that exist (each written whole, then renamed into place).
	 */
	public static Summary run(final Upscaler upscaler, final Path inputDir, final Path outputDir,
		final String pattern, final boolean overwrite, final int part, final int parts, final Progress progress)
		throws IOException
	{
		if (parts < 1 || part < 1 || part > parts) throw new IllegalArgumentException(
			"part must be i/n with 1 <= i <= n, got " + part + "/" + parts);
		final List<Path> all = check(inputDir, outputDir, pattern), files = new ArrayList<>();
		for (int k = part - 1; k < all.size(); k += parts)
			files.add(all.get(k));
		try {
			Files.createDirectories(outputDir);
		}
		catch (final IOException e) {
			throw new IOException("cannot make the output folder " + outputDir + ": " + Failures.describe(e), e);
		}
		final Summary summary = new Summary();
		for (int i = 0; i < files.size(); i++) {
			progress.checkCancelled();
			final Path in = files.get(i);
			final Path out = outputDir.resolve(outputName(in, upscaler.scale(), upscaler.isFloat32()));
			progress.status("DeepSR: " + (i + 1) + "/" + files.size() + " " + in.getFileName());
			if (Files.exists(out) && !overwrite) {
				progress.warn(out + " exists already: skipped (allow overwriting to replace it)");
				summary.skipped.add(out);
				continue;
			}
			try {
				upscaler.upscaleFile(in, out, overwrite, progress);
				summary.written.add(out);
				progress.log(in.getFileName() + " -> " + out);
			}
			catch (final IOException | IllegalArgumentException e) {
				progress.warn(in.getFileName() + ": " + Failures.describe(e));
				summary.failed.add(in.getFileName() + ": " + Failures.describe(e));
			}
		}
		return summary;
	}

	/**
	 * Checks, before a model is opened, that the input folder has files to
	 * upscale and that the output folder is (or can be made as) a writable folder.
	 *
	 * @return the input files, sorted
	 */
	public static List<Path> check(final Path inputDir, final Path outputDir, final String pattern)
		throws IOException
	{
		if (!Files.isDirectory(inputDir)) throw new IOException("input folder " + inputDir +
			(Files.exists(inputDir) ? " is a file, not a folder" : " does not exist"));
		final List<Path> files;
		try {
			files = list(inputDir, pattern);
		}
		catch (final IOException e) {
			throw new IOException("cannot list the input folder " + inputDir + ": " + Failures.describe(e), e);
		}
		if (files.isEmpty()) throw new IOException("no file in " + inputDir + " matches '" + glob(pattern) +
			"'");
		StagedFile.requireFolder(outputDir, "cannot write into the output folder " + outputDir);
		return files;
	}

	/** "&lt;name&gt;-x&lt;s&gt;" with the input's extension, or .tif where the format cannot hold the data. */
	static String outputName(final Path in, final int scale, final boolean float32) {
		if (NiftiSource.isNifti(in)) return NiftiSource.title(in) + "-x" + scale + in.getFileName().toString()
			.substring(NiftiSource.title(in).length());
		final String ext = ImageFiles.extension(in);
		final boolean keep = !float32 && ImageFiles.writable(in);
		return ImageFiles.baseName(in) + "-x" + scale + "." + (keep ? ext : "tif");
	}

	private static List<Path> list(final Path dir, final String pattern) throws IOException {
		final List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob(pattern))) {
			for (final Path p : stream)
				if (Files.isRegularFile(p)) files.add(p);
		}
		files.sort(null);
		return files;
	}

	private static String glob(final String pattern) {
		return pattern == null || pattern.trim().isEmpty() ? DEFAULT_PATTERN : pattern.trim();
	}
}
