package org.deepsr.io;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.VirtualStack;
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
 * OME-Zarr images as ImagePlus (File &gt; Import &gt; OME-Zarr, File &gt;
 * Export &gt; OME-Zarr): one level opened as a virtual stack whose planes are
 * read from the chunks when shown ({@link OmeZarrSource}), so a volume larger
 * than the memory opens; an image written plane by plane ({@link OmeZarrSink}).
 */
public final class OmeZarrImages {

	private OmeZarrImages() {}

	/**
	 * Opens level {@code level} of the OME-Zarr image in {@code root} as a
	 * (hyper)stack backed by its chunks, calibrated from its scale.
	 */
	public static ImagePlus open(final Path root, final int level) throws IOException {
		final OmeZarrSource source = OmeZarrSource.open(root, level);
		final VolumeInfo info = source.info();
		if (info.width() * info.height() > Integer.MAX_VALUE) throw new IllegalArgumentException(root +
			": planes of " + info.width() + "x" + info.height() + " are too large for ImageJ");
		if (info.planes() > Integer.MAX_VALUE) throw new IllegalArgumentException(root + ": " + info.planes() +
			" planes are too many for ImageJ");
		// the first plane, read now: a damaged chunk is told here rather than when shown
		try {
			source.plane(0, 0, 0);
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
		final ImagePlus plain = new ImagePlus(info.title() + (level > 0 ? " (level " + level + ")" : ""),
			new ChunkStack(source));
		plain.setDimensions((int) info.channels(), (int) info.slices(), (int) info.frames());
		plain.setOpenAsHyperStack(info.channels() > 1 || info.frames() > 1);
		plain.setCalibration(ImagePlusSource.calibration(info));
		final ImagePlus imp = info.channels() > 1 ? new CompositeImage(plain, CompositeImage.COMPOSITE) : plain;
		imp.setCalibration(plain.getCalibration());
		if (info.displayMax() > info.displayMin()) imp.setDisplayRange(info.displayMin(), info.displayMax());
		else imp.resetDisplayRange();
		return imp;
	}

	/** Writes an image (any channels, slices, frames; 8, 16 or 32-bit) as an OME-Zarr, plane by plane. */
	public static void write(final ImagePlus imp, final Path root, final OmeZarrSink.Options options)
		throws IOException
	{
		final ImagePlusSource source = new ImagePlusSource(imp);
		final VolumeInfo info = source.info();
		try (OmeZarrSink sink = OmeZarrSink.create(root, info, options)) {
			for (long t = 0; t < info.frames(); t++)
				for (long z = 0; z < info.slices(); z++)
					for (long c = 0; c < info.channels(); c++)
						sink.write(c, z, t, source.plane(c, z, t));
			sink.finish();
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
	}

	/** ImageJ's virtual stack of a source: plane n (ImageJ's order, channel fastest) read when asked for. */
	static final class ChunkStack extends VirtualStack {

		private final OmeZarrSource source;
		private final VolumeInfo info;

		ChunkStack(final OmeZarrSource source) {
			super((int) source.info().width(), (int) source.info().height(), null, null);
			this.source = source;
			info = source.info();
			setBitDepth(info.type().bits());
		}

		@Override
		public ImageProcessor getProcessor(final int n) {
			final long i = n - 1, nc = info.channels(), nz = info.slices();
			final float[] v = ImagePlanes.array(source.plane(i % nc, i / nc % nz, i / nc / nz));
			final int w = getWidth(), h = getHeight();
			if (info.type().bits() == 32) return new FloatProcessor(w, h, v.clone());
			final ImageProcessor ip = info.type().bits() == 8 ? new ByteProcessor(w, h) : new ShortProcessor(w, h);
			for (int k = 0; k < v.length; k++)
				ip.setf(k, v[k]);
			return ip;
		}

		@Override
		public int getSize() {
			return (int) info.planes();
		}

		@Override
		public String getSliceLabel(final int n) {
			return null;
		}
	}
}
