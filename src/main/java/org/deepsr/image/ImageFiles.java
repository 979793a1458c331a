package org.deepsr.image;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Reading and writing image files with ImageJ 1.x's own readers and writers
 * (TIFF, PNG, JPEG, ...). Writes are atomic: the image goes to a temporary
 * file beside the target, which is then moved into place, so a crash never
 * leaves a half-written file, and an existing file is only replaced when asked.
 */
public final class ImageFiles {

	private ImageFiles() {}

	/** Opens an image file, with a clear message when it is missing or unreadable. */
	public static ImagePlus open(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException("no such image file: " + file);
		final ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null) throw new IOException("cannot read " + file +
			" as an image: ImageJ supports TIFF, PNG, JPEG, GIF, BMP and other common formats");
		return imp;
	}

	/** The file formats {@link #save} writes, by extension. */
	public static boolean writable(final Path file) {
		final String ext = extension(file);
		return ext.equals("tif") || ext.equals("tiff") || ext.equals("png") || ext.equals("jpg") ||
			ext.equals("jpeg") || ext.equals("bmp") || ext.equals("gif");
	}

	/**
	 * Saves an image, in the format its extension names (TIFF keeps every bit
	 * depth, stacks and calibration; PNG/JPEG hold 8-bit, 16-bit grey (PNG) or RGB).
	 *
	 * @param overwrite replace an existing file; when false an existing file is an error
	 */
	public static void save(final ImagePlus imp, final Path file, final boolean overwrite)
		throws IOException
	{
		if (!writable(file)) throw new IOException("cannot write " + file +
			": use a .tif, .png, .jpg, .bmp or .gif file name");
		if (!overwrite && Files.exists(file)) throw new FileAlreadyExistsException(file +
			" exists already: choose another name or allow overwriting");
		final String ext = extension(file);
		if (imp.getStackSize() > 1 && !ext.startsWith("tif")) throw new IOException("cannot write a " +
			imp.getStackSize() + "-plane stack to " + file + ": use a .tif file name");
		final Path tmp = temporaryBeside(file);
		try {
			if (!write(imp, tmp.toString(), ext)) throw new IOException("ImageJ could not write " + file);
			moveIntoPlace(tmp, file, overwrite);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	private static boolean write(final ImagePlus imp, final String path, final String ext) {
		final FileSaver saver = new FileSaver(imp);
		switch (ext) {
			case "png":
				return saver.saveAsPng(path);
			case "jpg":
			case "jpeg":
				return saver.saveAsJpeg(path);
			case "bmp":
				return saver.saveAsBmp(path);
			case "gif":
				return saver.saveAsGif(path);
			default:
				return imp.getStackSize() > 1 ? saver.saveAsTiffStack(path) : saver.saveAsTiff(path);
		}
	}

	/** A new empty hidden file beside {@code file} (same folder, so the final rename is atomic), with its extension. */
	public static Path temporaryBeside(final Path file) throws IOException {
		final Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		return Files.createTempFile(dir, "." + file.getFileName() + ".", ".part." + extension(file));
	}

	/**
	 * Renames a finished temporary file to its target.
	 *
	 * @param overwrite replace an existing target; when false an existing one is an error
	 */
	public static void moveIntoPlace(final Path from, final Path to, final boolean overwrite)
		throws IOException
	{
		if (!overwrite) {
			// A rename within one folder; unlike ATOMIC_MOVE it refuses to replace a file that appeared meanwhile.
			Files.move(from, to);
			return;
		}
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
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
