package org.deepsr.io;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.VolumeSource;

/**
 * A TIFF file read lazily, plane by plane: ImageJ's own reader opens it as a
 * virtual stack ({@link IJ#openVirtual}, a {@code FileInfoVirtualStack}) with
 * its hyperstack dimensions and calibration, and each plane is read from disk
 * when the pipeline asks for it. ImageJ-written stacks, {@link TiffSink}'s
 * output and the uncompressed or compressed multi-page TIFFs of other tools
 * are read.
 */
public final class TiffSource {

	private TiffSource() {}

	/** Whether a file name is a TIFF's (".tif", ".tiff", any case). */
	public static boolean isTiff(final Path file) {
		final String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return name.endsWith(".tif") || name.endsWith(".tiff");
	}

	/** Opens a TIFF without reading its pixels. */
	public static VolumeSource open(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException("no such image file: " + file);
		final ImagePlus imp = IJ.openVirtual(file.toString());
		if (imp == null || imp.getStackSize() < 1) throw new IOException("cannot read " + file +
			" as a TIFF: check that it is a complete TIFF file, or open it in ImageJ and save it as TIFF");
		if (imp.getTitle() == null || imp.getTitle().isEmpty()) imp.setTitle(file.getFileName().toString());
		return new ImagePlusSource(imp);
	}
}
