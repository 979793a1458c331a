package org.deepsr.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deepsr.image.ImageFiles;
import org.deepsr.upscale.FolderUpscaler;

/**
 * The HR images of a benchmark set and, optionally, their LR counterparts.
 * Understands the layouts of the standard sets: a root with {@code HR/} and
 * {@code LR_bicubic/X<s>/} (LR files {@code <name>x<s>.png}), DIV2K's
 * {@code X<s>/0001x<s>.png}, or plain folders with equal file names.
 */
final class Dataset {

	final Path hrFolder;
	/** Null when LR images are made from the HR ones. */
	final Path lrFolder;
	private final int scale;
	private final Map<String, Path> lrByName = new HashMap<>();

	private Dataset(final Path hrFolder, final Path lrFolder, final int scale) {
		this.hrFolder = hrFolder;
		this.lrFolder = lrFolder;
		this.scale = scale;
	}

	/**
	 * @param data a folder of HR images, or a dataset root holding {@code HR/}
	 * @param lr an LR folder or dataset root (see {@link BenchmarkOptions#lrFolder}),
	 *          or null: then {@code LR_bicubic/X<s>} beside {@code HR/} when the
	 *          source is {@link LrSource#FOLDER}, none otherwise
	 */
	static Dataset open(final Path data, final Path lr, final LrSource source, final int scale) throws IOException {
		if (!Files.isDirectory(data)) throw new IOException("data folder " + data + " does not exist or is not a folder");
		final boolean root = Files.isDirectory(data.resolve("HR"));
		final Path hr = root ? data.resolve("HR") : data;
		Path lrFolder = null;
		if (lr != null) lrFolder = scaleFolder(lr, scale);
		else if (source == LrSource.FOLDER) {
			final Path base = root ? data : data.toAbsolutePath().getParent();
			lrFolder = base == null ? null : base.resolve("LR_bicubic").resolve("X" + scale);
			if (lrFolder == null || !Files.isDirectory(lrFolder)) throw new IOException("no LR folder given and no " +
				"LR_bicubic/X" + scale + " beside " + hr + ": give the LR folder or choose matlab/opencv LR");
		}
		if (lrFolder != null && !Files.isDirectory(lrFolder)) throw new IOException("LR folder " + lrFolder +
			" does not exist or is not a folder");
		final Dataset set = new Dataset(hr, lrFolder, scale);
		if (lrFolder != null) for (final Path p : list(lrFolder))
			set.lrByName.put(ImageFiles.baseName(p).toLowerCase(Locale.ROOT), p);
		return set;
	}

	/** {@code lr/LR_bicubic/X<s>} or {@code lr/X<s>} where present, else {@code lr} itself. */
	private static Path scaleFolder(final Path lr, final int scale) {
		final Path bicubic = lr.resolve("LR_bicubic").resolve("X" + scale);
		if (Files.isDirectory(bicubic)) return bicubic;
		final Path x = lr.resolve("X" + scale);
		return Files.isDirectory(x) ? x : lr;
	}

	/** The HR image files, sorted by name. */
	List<Path> hrImages() throws IOException {
		final List<Path> files = list(hrFolder);
		if (files.isEmpty()) throw new IOException("no image files in " + hrFolder);
		return files;
	}

	/** The LR file for an HR file: {@code <name>.*} or {@code <name>x<s>.*}. */
	Path lrFor(final Path hr) throws IOException {
		final String name = ImageFiles.baseName(hr).toLowerCase(Locale.ROOT);
		Path lr = lrByName.get(name);
		if (lr == null) lr = lrByName.get(name + "x" + scale);
		if (lr == null) throw new IOException("no LR image for " + hr.getFileName() + " in " + lrFolder + " (looked for " +
			name + ".* and " + name + "x" + scale + ".*)");
		return lr;
	}

	private static List<Path> list(final Path dir) throws IOException {
		final List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, FolderUpscaler.DEFAULT_PATTERN)) {
			for (final Path p : stream)
				if (Files.isRegularFile(p)) files.add(p);
		}
		files.sort(null);
		return files;
	}
}
