package org.deepsr.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.VolumeInfo;

/**
 * NIfTI files as ImageJ images, for Fiji's File &gt; Import and Export: slices
 * as stored (row j = 0 at the top), 8- and 16-bit where the file holds
 * unscaled uint8 or uint16, else 32-bit; the voxel size in the calibration;
 * the header kept as the image's {@link #HEADER} property, so that an export
 * of the image (or of its upscaled copy, whose size differs) writes the world
 * position of the original field of view.
 */
public final class NiftiImages {

	/** The ImagePlus property that holds the {@link NiftiHeader} an image was read with. */
	public static final String HEADER = "deepsr.nifti.header";

	private NiftiImages() {}

	/** Reads a whole NIfTI file into an image (a hyperstack of Z slices and T frames). */
	public static ImagePlus read(final Path file) throws IOException {
		try (NiftiSource source = NiftiSource.open(file)) {
			final VolumeInfo info = source.info();
			final int w = Math.toIntExact(info.width()), h = Math.toIntExact(info.height());
			final ImageStack stack = new ImageStack(w, h);
			for (long t = 0; t < info.frames(); t++)
				for (long z = 0; z < info.slices(); z++)
					stack.addSlice(processor(ImagePlanes.array(source.plane(0, z, t)), w, h, info.type().bits()));
			final ImagePlus imp = new ImagePlus(info.title(), stack);
			imp.setDimensions(1, Math.toIntExact(info.slices()), Math.toIntExact(info.frames()));
			imp.setOpenAsHyperStack(info.frames() > 1);
			imp.setCalibration(ImagePlusSource.calibration(info));
			if (info.displayMax() > info.displayMin()) imp.setDisplayRange(info.displayMin(), info.displayMax());
			else imp.resetDisplayRange();
			imp.setProperty(HEADER, source.header());
			return imp;
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
	}

	private static ImageProcessor processor(final float[] values, final int w, final int h, final int bits) {
		if (bits == 32) return new FloatProcessor(w, h, values);
		final ImageProcessor ip = bits == 8 ? new ByteProcessor(w, h) : new ShortProcessor(w, h);
		for (int i = 0; i < values.length; i++)
			ip.setf(i, values[i]);
		return ip;
	}

	/**
	 * Writes an image (one channel) as NIfTI, slice by slice. With the
	 * {@link #HEADER} it was read with, that header is resampled to the image's
	 * size and the input's datatype kept unless the image's bit depth differs
	 * from what reading made of it (then float32);
	 * without one, a header is made from the calibration ({@link NiftiHeader#of}).
	 */
	public static void write(final ImagePlus imp, final Path file, final boolean overwrite)
		throws IOException
	{
		final ImagePlusSource source = new ImagePlusSource(imp);
		final VolumeInfo info = source.info();
		final Object property = imp.getProperty(HEADER);
		final NiftiHeader header = property instanceof NiftiHeader ? (NiftiHeader) property : null;
		final boolean float32 = header != null && header.pixelType() != info.type();
		try (NiftiSink sink = NiftiSink.create(file, info, header, float32, overwrite)) {
			for (long t = 0; t < info.frames(); t++)
				for (long z = 0; z < info.slices(); z++)
					sink.write(0, z, t, source.plane(0, z, t));
			sink.finish();
		}
	}
}
