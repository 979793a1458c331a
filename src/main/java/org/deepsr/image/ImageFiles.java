package org.deepsr.image;

import ij.IJ;
import ij.ImagePlus;
import ij.Prefs;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.plugin.PNG_Writer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.deepsr.progress.Failures;

/**
 * Reading and writing image files with ImageJ 1.x's own readers and writers
 * (TIFF, PNG, JPEG, ...). Every image file DeepSR writes goes through
 * {@link StagedFile}: written beside the target, checked, then renamed over
 * it, so a crash or a full disk never leaves a half-written file, and an
 * existing file is only replaced when asked.
 */
public final class ImageFiles {

	private ImageFiles() {}

	/** Opens an image file, with a clear message when it is missing or unreadable. */
	public static ImagePlus open(final Path file) throws IOException {
		requireReadable(file);
		// ImageJ reports a file of no type it knows, or one its decoder fails on, with IJ.error (a dialog,
		// or lines on stdout when headless) and opens a truncated JPEG without a word: such files are
		// refused here, in one line, before ImageJ sees them.
		final int type = new Opener().getFileType(file.toString());
		if (type == Opener.PNG || type == Opener.JPEG || type == Opener.BMP || type == Opener.GIF) {
			try {
				decode(file, "the file");
			}
			catch (final IOException e) {
				throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
			}
		}
		final ImagePlus imp = type == Opener.UNKNOWN ? null : IJ.openImage(file.toString());
		if (imp == null) throw new IOException("cannot read " + file +
			" as an image: ImageJ supports TIFF, PNG, JPEG, GIF, BMP and other common formats");
		return imp;
	}

	/** Checks, before any work, that {@code file} is a file that can be read. */
	public static void requireReadable(final Path file) throws IOException {
		if (Files.isDirectory(file)) throw new IOException("cannot read " + file +
			" as an image: it is a folder; name an image file");
		if (!Files.isRegularFile(file)) throw new IOException("no such image file: " + file);
		if (!Files.isReadable(file)) throw new AccessDeniedException(file.toString(), null,
			"cannot read the image file (permission denied)");
	}

	/** The file formats {@link #save} writes, by extension. */
	public static boolean writable(final Path file) {
		final String ext = extension(file);
		return ext.equals("tif") || ext.equals("tiff") || ext.equals("png") || ext.equals("jpg") ||
			ext.equals("jpeg") || ext.equals("bmp") || ext.equals("gif");
	}

	/**
	 * Checks, before any work, that {@link #save} may write {@code file}: a
	 * format it writes, and a target {@link StagedFile#requireWritable} accepts.
	 */
	public static void requireWritable(final Path file, final boolean overwrite) throws IOException {
		if (!writable(file)) throw new IOException("cannot write " + file +
			": use a .tif, .png, .jpg, .bmp or .gif file name");
		StagedFile.requireWritable(file, overwrite);
	}

	/**
	 * Saves an image, in the format its extension names (TIFF keeps every bit
	 * depth, stacks and calibration; PNG/JPEG hold 8-bit, 16-bit grey (PNG) or
	 * RGB). The file is written beside the target, forced to the disk and
	 * checked (not empty; PNG, JPEG, BMP and GIF decode without a warning at
	 * the image's size, since ImageJ's writers for them report no error), and
	 * only then renamed over the target: a failure (a full disk) leaves an
	 * existing file as it was, and no temporary file.
	 *
	 * @param overwrite replace an existing file; when false an existing file is an error
	 */
	public static void save(final ImagePlus imp, final Path file, final boolean overwrite)
		throws IOException
	{
		requireWritable(file, overwrite);
		final String ext = extension(file);
		if (imp.getStackSize() > 1 && !ext.startsWith("tif")) throw new IOException("cannot write a " +
			imp.getStackSize() + "-plane stack to " + file + ": use a .tif file name");
		StagedFile.write(file, overwrite, staged -> {
			write(imp, staged, ext);
			check(imp, staged, ext);
		});
	}

	/**
	 * How many images of its size saving an image to {@code file} holds at its
	 * peak: the image; for the formats checked by decoding, also the writer's
	 * copy and the decoded check.
	 */
	public static int copiesWhenSaved(final Path file) {
		return extension(file).startsWith("tif") ? 1 : 3;
	}

	/** Writes with ImageJ's writers; the error ImageJ reports (it returns no status for most formats) is thrown. */
	private static void write(final ImagePlus imp, final Path file, final String ext) throws IOException {
		final String path = file.toString();
		IJ.getErrorMessage(); // forgets an earlier error, so that one seen below is this write's
		final FileSaver saver = new FileSaver(imp);
		final boolean ok;
		switch (ext) {
			case "png":
				try { // what FileSaver.saveAsPng runs, minus the error dialog that hides the exception
					new PNG_Writer().writeImage(imp, path, Prefs.getTransparentIndex());
				}
				catch (final Exception e) {
					throw new IOException(rootCause(e), e);
				}
				ok = true;
				break;
			case "jpg":
			case "jpeg":
				ok = saver.saveAsJpeg(path);
				break;
			case "bmp":
				ok = saver.saveAsBmp(path);
				break;
			case "gif":
				ok = saver.saveAsGif(path);
				break;
			default:
				ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(path) : saver.saveAsTiff(path);
		}
		final String error = IJ.getErrorMessage();
		if (error != null || !ok) throw new IOException(error == null ? "ImageJ gave no reason" : reason(error,
			path));
	}

	/** The reason in ImageJ's error message ("File too large"), without its headings, quotes and the file name. */
	private static String reason(final String error, final String path) {
		final String reason = Failures.oneLine(error.replace(path, "")).replaceAll(
			"^(An error occured writing the file\\.|File saving error \\(\\w+\\):|java\\.io\\.\\w+:)", "").trim();
		return reason.replaceAll("^\"(.*)\"$", "$1");
	}

	/** The written file holds the image: not empty, and a single-plane format decodes at its size without warnings. */
	private static void check(final ImagePlus imp, final Path file, final String ext) throws IOException {
		if (Files.size(file) == 0) throw new IOException("the written file is empty");
		if (ext.startsWith("tif")) return; // ImageJ reports every TIFF write error
		final BufferedImage decoded = decode(file, "the written file");
		if (decoded.getWidth() != imp.getWidth() || decoded.getHeight() != imp.getHeight())
			throw new IOException("the written file holds a " + decoded.getWidth() + "x" + decoded.getHeight() +
				" image instead of " + imp.getWidth() + "x" + imp.getHeight());
	}

	/** The first image of a PNG, JPEG, BMP or GIF file, refused when it does not decode or decodes with warnings. */
	private static BufferedImage decode(final Path file, final String what) throws IOException {
		final List<String> warnings = new ArrayList<>();
		final BufferedImage decoded;
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			final Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) throw new IOException(what + " is not a ." + extension(file) + " image");
			final ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
				decoded = reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException(what + " does not decode (" + rootCause(e) + ")", e);
		}
		if (!warnings.isEmpty()) throw new IOException(what + " is damaged (" + String.join(", ", warnings) + ")");
		return decoded;
	}

	/** The innermost message of an exception chain ("File too large" rather than "I/O error writing PNG file!"). */
	private static String rootCause(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		return Failures.describe(t);
	}

	/** The lower-case extension of a file name, without the dot ("" when none). */
	public static String extension(final Path file) {
		final String name = file.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/** The file name without its extension. */
	public static String baseName(final Path file) {
		final String name = file.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		return dot <= 0 ? name : name.substring(0, dot);
	}
}
