package org.deepsr.image;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Reads the planes of an {@link ImagePlus} as ImgLib2 float images.
 * <p>
 * Positions are ImageJ's 1-based (channel, slice, frame), mapped to stack
 * indices with {@link ImagePlus#getStackIndex(int, int, int)}. An RGB image
 * counts as 3 channels (red, green, blue) per stack plane. Values are the raw
 * pixel values (0..255, 0..65535 or any float), ignoring any density
 * calibration (e.g. the -32768 offset of signed 16-bit images).
 * <p>
 * 32-bit planes are wrapped without copying: the returned image shares the
 * input's pixel array and must be treated as read-only. 8-bit, 16-bit and RGB
 * planes are converted into new float arrays. Virtual stacks are read one
 * plane at a time as asked, so a stack need never be in memory whole.
 */
public final class ImagePlanes {

	private ImagePlanes() {}

	/** Channels as DeepSR counts them: 3 for RGB, otherwise the hyperstack's C. */
	public static int channels(final ImagePlus imp) {
		return imp.getType() == ImagePlus.COLOR_RGB ? 3 : imp.getNChannels();
	}

	/**
	 * One plane as a (x, y) float image.
	 *
	 * @param c channel, 1..{@link #channels(ImagePlus)} (for RGB: 1 red, 2 green, 3 blue)
	 * @param z slice, 1..getNSlices()
	 * @param t frame, 1..getNFrames()
	 * @return dims (width, height); shares the pixel array for 32-bit input
	 */
	public static ArrayImg<FloatType, FloatArray> plane(final ImagePlus imp, final int c, final int z,
		final int t)
	{
		final ImageProcessor ip = processor(imp, c, z, t);
		final int w = ip.getWidth(), h = ip.getHeight();
		final Object pixels = ip.getPixels();
		if (pixels instanceof float[]) return ArrayImgs.floats((float[]) pixels, w, h);
		final float[] out = new float[w * h];
		if (pixels instanceof byte[]) {
			final byte[] p = (byte[]) pixels;
			for (int i = 0; i < out.length; i++)
				out[i] = p[i] & 0xff;
		}
		else if (pixels instanceof short[]) {
			final short[] p = (short[]) pixels;
			for (int i = 0; i < out.length; i++)
				out[i] = p[i] & 0xffff;
		}
		else if (pixels instanceof int[]) {
			final int[] p = (int[]) pixels;
			final int shift = 8 * (3 - c); // red in bits 16..23, green 8..15, blue 0..7
			for (int i = 0; i < out.length; i++)
				out[i] = (p[i] >> shift) & 0xff;
		}
		else throw new IllegalArgumentException("Unsupported pixel type " + pixels.getClass()
			.getSimpleName() + " in " + imp.getTitle() + "; convert it to 8, 16 or 32-bit or RGB.");
		return ArrayImgs.floats(out, w, h);
	}

	/**
	 * One plane as a (x, y) float view of the image's own pixels, converted as
	 * read, without copying: what {@link ImagePlusSource} hands out. Read-only.
	 *
	 * @see #plane(ImagePlus, int, int, int) for the positions
	 */
	public static RandomAccessibleInterval<FloatType> view(final ImagePlus imp, final int c, final int z,
		final int t)
	{
		final ImageProcessor ip = processor(imp, c, z, t);
		final int w = ip.getWidth(), h = ip.getHeight();
		final Object pixels = ip.getPixels();
		if (pixels instanceof float[]) return ArrayImgs.floats((float[]) pixels, w, h);
		if (pixels instanceof byte[]) return Converters.convert(ArrayImgs.unsignedBytes((byte[]) pixels, w,
			h), (a, b) -> b.set(a.get()), new FloatType());
		if (pixels instanceof short[]) return Converters.convert(ArrayImgs.unsignedShorts((short[]) pixels, w,
			h), (a, b) -> b.set(a.get()), new FloatType());
		if (pixels instanceof int[]) {
			final int shift = 8 * (3 - c);
			return Converters.convert(ArrayImgs.ints((int[]) pixels, w, h), (a, b) -> b.set((a.get() >> shift) &
				0xff), new FloatType());
		}
		return plane(imp, c, z, t); // names the unsupported type
	}

	/**
	 * All channels at one (slice, frame) as a (x, y, c) view, the layout
	 * {@link org.deepsr.tile.Tiler} takes.
	 *
	 * @return dims (width, height, {@link #channels(ImagePlus)})
	 */
	public static RandomAccessibleInterval<FloatType> channelStack(final ImagePlus imp, final int z,
		final int t)
	{
		final List<RandomAccessibleInterval<FloatType>> planes = new ArrayList<>();
		for (int c = 1; c <= channels(imp); c++)
			planes.add(plane(imp, c, z, t));
		return Views.stack(planes);
	}

	/**
	 * Copies a plane's values, x fastest, into {@code into} from {@code offset}.
	 *
	 * @return {@code into}
	 */
	public static float[] copy(final RandomAccessibleInterval<FloatType> xy, final float[] into,
		final int offset)
	{
		final Cursor<FloatType> cursor = Views.flatIterable(xy).cursor();
		final int n = Math.toIntExact(Views.flatIterable(xy).size());
		for (int i = offset; i < offset + n; i++)
			into[i] = cursor.next().get();
		return into;
	}

	/** A plane's values x fastest: its own array when it is a float array image (read-only then), else a copy. */
	public static float[] array(final RandomAccessibleInterval<FloatType> xy) {
		if (xy instanceof ArrayImg && ((ArrayImg<?, ?>) xy).update(null) instanceof FloatArray) {
			final float[] a = ((FloatArray) ((ArrayImg<?, ?>) xy).update(null)).getCurrentStorageArray();
			if (a.length == Views.flatIterable(xy).size()) return a;
		}
		return copy(xy, new float[Math.toIntExact(Views.flatIterable(xy).size())], 0);
	}

	/** The processor holding (c, z, t), checked against the image's dims. */
	static ImageProcessor processor(final ImagePlus imp, final int c, final int z, final int t) {
		final int nc = channels(imp);
		// getStackIndex clamps silently; a wrong position is a caller bug worth naming.
		if (c < 1 || c > nc || z < 1 || z > imp.getNSlices() || t < 1 || t > imp.getNFrames())
			throw new IllegalArgumentException("Position (c=" + c + ", z=" + z + ", t=" + t +
				") is outside " + imp.getTitle() + " (C=" + nc + ", Z=" + imp.getNSlices() + ", T=" + imp
					.getNFrames() + "); positions are 1-based.");
		if (imp.getStackSize() == 1) return imp.getProcessor();
		final int stackC = imp.getType() == ImagePlus.COLOR_RGB ? 1 : c;
		return imp.getStack().getProcessor(imp.getStackIndex(stackC, z, t));
	}
}
