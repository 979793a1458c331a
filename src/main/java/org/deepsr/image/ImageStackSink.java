package org.deepsr.image;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A {@link VolumeSink} that builds a new ImagePlus for any grey (not RGB)
 * {@link VolumeInfo}: its sizes, pixel type, calibration (through
 * {@link ImagePlusSource#calibration}), display range, and a multi-channel
 * image's composite mode, LUTs and ranges. For results whose shape is not an x/y upscaling of an input image
 * (e.g. a volume refined along z), where {@link ImagePlusSink} does not
 * apply. Holds every plane in memory.
 */
public final class ImageStackSink implements VolumeSink {

	private final VolumeInfo info;
	private final ImageStack stack;

	public ImageStackSink(final VolumeInfo info) {
		if (info.rgb()) throw new IllegalArgumentException("ImageStackSink holds grey planes; " + info +
			" is RGB");
		if (info.planePixels() > Integer.MAX_VALUE - 8 || info.planes() > Integer.MAX_VALUE) throw new IllegalArgumentException(
			info + " is larger than an ImageJ stack holds: write it to a file instead");
		this.info = info;
		final int w = (int) info.width(), h = (int) info.height();
		stack = new ImageStack(w, h);
		for (long i = 0; i < info.planes(); i++)
			stack.addSlice(null, info.type() == PixelType.UINT8 ? new ByteProcessor(w, h) : info
				.type() == PixelType.UINT16 ? new ShortProcessor(w, h) : new FloatProcessor(w, h));
	}

	@Override
	public VolumeInfo info() {
		return info;
	}

	@Override
	public void write(final long c, final long z, final long t, final RandomAccessibleInterval<FloatType> xy) {
		final ImageProcessor ip = stack.getProcessor((int) info.planeIndex(c, z, t) + 1);
		final Cursor<FloatType> cursor = Views.flatIterable(xy).cursor();
		final int n = ip.getPixelCount();
		final Object pixels = ip.getPixels();
		if (pixels instanceof float[]) for (int i = 0; i < n; i++)
			((float[]) pixels)[i] = cursor.next().get();
		else if (pixels instanceof byte[]) for (int i = 0; i < n; i++)
			((byte[]) pixels)[i] = (byte) OutputImage.clampRound(cursor.next().get(), 255);
		else for (int i = 0; i < n; i++)
			((short[]) pixels)[i] = (short) OutputImage.clampRound(cursor.next().get(), 65535);
	}

	@Override
	public void finish() {}

	@Override
	public void close() {}

	/** The image: calibration, display range, composite mode and LUTs of {@link #info()}. */
	public ImagePlus image() {
		final ImagePlus plain = new ImagePlus(info.title(), stack);
		plain.setDimensions((int) info.channels(), (int) info.slices(), (int) info.frames());
		plain.setOpenAsHyperStack(info.channels() > 1 || info.frames() > 1);
		plain.setCalibration(ImagePlusSource.calibration(info));
		final ImagePlus image = info.channels() > 1 ? new CompositeImage(plain, mode(info.mode())) : plain;
		image.setCalibration(plain.getCalibration());
		final Display d = info.display();
		if (image instanceof CompositeImage && d != null && d.luts() != null && d.luts().length == info
			.channels())
		{
			for (int c = 0; c < info.channels(); c++) {
				final byte[] lut = d.luts()[c];
				final LUT l = new LUT(8, 256, slice(lut, 0), slice(lut, 1), slice(lut, 2));
				l.min = d.ranges() != null ? d.ranges()[2 * c] : info.displayMin();
				l.max = d.ranges() != null ? d.ranges()[2 * c + 1] : info.displayMax();
				((CompositeImage) image).setChannelLut(l, c + 1);
			}
		}
		else image.setDisplayRange(info.displayMin(), info.displayMax());
		return image;
	}

	private static byte[] slice(final byte[] rgb, final int k) {
		final byte[] out = new byte[256];
		System.arraycopy(rgb, 256 * k, out, 0, 256);
		return out;
	}

	private static int mode(final String mode) {
		if ("color".equals(mode)) return CompositeImage.COLOR;
		if ("grayscale".equals(mode)) return CompositeImage.GRAYSCALE;
		return CompositeImage.COMPOSITE;
	}
}
