package org.deepsr.io;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.TiffDecoder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.VolumeSource;

/**
 * A TIFF file read lazily, plane by plane: ImageJ's own reader opens it as a
 * virtual stack ({@link IJ#openVirtual}, a {@code FileInfoVirtualStack}) with
 * its hyperstack dimensions and calibration, and each plane is read from disk
 * when the pipeline asks for it. ImageJ-written stacks, {@link TiffSink}'s
 * output and the uncompressed or compressed multi-page TIFFs of other tools
 * are read. A file whose header ImageJ cannot decode, whose pixels lie
 * beyond its end, or on which ImageJ's opener fails is refused at
 * {@link #open} with a one-line IOException.
 */
public final class TiffSource {

	/** ImageJ's file types whose pixels are whole bytes, so that a plane's size is width x height x bytes per pixel. */
	private static final Set<Integer> WHOLE_BYTES = Set.of(FileInfo.GRAY8, FileInfo.COLOR8,
		FileInfo.GRAY16_SIGNED, FileInfo.GRAY16_UNSIGNED, FileInfo.GRAY32_INT, FileInfo.GRAY32_UNSIGNED,
		FileInfo.GRAY32_FLOAT, FileInfo.GRAY64_FLOAT, FileInfo.RGB, FileInfo.RGB48);

	private TiffSource() {}

	/** Whether a file name is a TIFF's (".tif", ".tiff", any case). */
	public static boolean isTiff(final Path file) {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".tif") || name.endsWith(".tiff");
	}

	/** Opens a TIFF without reading its pixels. */
	public static VolumeSource open(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException("no such image file: " + file);
		final String bad = "cannot read " + file +
			" as a TIFF: check that it is a complete TIFF file, or open it in ImageJ and save it as TIFF";
		// The header first: on a damaged one openVirtual falls back to IJ.open (a window, or a HeadlessException) or a dialog.
		final Path folder = file.toAbsolutePath().getParent();
		final FileInfo[] info;
		try {
			info = new TiffDecoder(folder + File.separator, file.getFileName().toString()).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException(bad, e);
		}
		if (info == null || info.length == 0) throw new IOException(bad);
		final long size = Files.size(file);
		for (final FileInfo fi : info)
			if (!within(fi, size)) throw new IOException(file + " is truncated or damaged: its TIFF header places " +
				fi.width + "x" + fi.height + " pixels beyond its " + size + " bytes; check the download or copy it again");
		final ImagePlus imp;
		try {
			imp = IJ.openVirtual(file.toString());
		}
		catch (final RuntimeException e) { // ImageJ's own failure on a header it accepted
			throw new IOException(bad, e);
		}
		if (imp == null || imp.getStackSize() < 1) throw new IOException(bad);
		if (imp.getTitle() == null || imp.getTitle().isEmpty()) imp.setTitle(file.getFileName().toString());
		return new ImagePlusSource(imp);
	}

	/**
	 * Whether an image's pixels lie inside the file: uncompressed planes of
	 * whole bytes per pixel by their size, compressed ones by their strips.
	 */
	private static boolean within(final FileInfo fi, final long size) {
		if (fi.width < 1 || fi.height < 1 || fi.nImages < 1) return false;
		if (fi.compression > FileInfo.COMPRESSION_NONE) {
			if (fi.stripOffsets == null || fi.stripLengths == null) return true;
			for (int i = 0; i < Math.min(fi.stripOffsets.length, fi.stripLengths.length); i++)
				if ((fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL) > size) return false;
			return true;
		}
		if (!WHOLE_BYTES.contains(fi.fileType)) return true; // packed bits: ImageJ checks them itself
		final long plane = (long) fi.width * fi.height * fi.getBytesPerPixel();
		return fi.getOffset() >= 0 && fi.getGap() >= 0 && fi.getOffset() + fi.nImages * plane + (fi.nImages - 1) *
			fi.getGap() <= size;
	}
}
