package org.deepsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;

/**
 * Reading planes, checked against ImageJ's own accessors
 * ({@link ImageProcessor#getPixelValue}, {@link ColorProcessor#getPixel(int, int, int[])})
 * and against the documented hyperstack order (channel fastest, then slice,
 * then frame).
 */
class ImagePlanesTest {

	@Test
	void greyTypesReadAsTheirRawValues() {
		final Random random = new Random(3);
		for (final ImageProcessor ip : new ImageProcessor[] { new ByteProcessor(7, 5),
			new ShortProcessor(7, 5), new FloatProcessor(7, 5) })
		{
			for (int i = 0; i < 35; i++)
				ip.setf(i, ip instanceof FloatProcessor ? (float) random.nextGaussian() * 1000 : random
					.nextInt(ip instanceof ByteProcessor ? 256 : 65536));
			final ImagePlus imp = new ImagePlus("t", ip);
			final ArrayImg<FloatType, FloatArray> plane = ImagePlanes.plane(imp, 1, 1, 1);
			assertArrayEquals(new long[] { 7, 5 }, plane.dimensionsAsLongArray());
			final RandomAccess<FloatType> ra = plane.randomAccess();
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 7; x++)
					assertEquals(ip.getPixelValue(x, y), ra.setPositionAndGet(x, y).get(), 0, ip + " at " + x +
						"," + y);
		}
	}

	@Test
	void floatPlanesAreWrappedWithoutCopy() {
		final FloatProcessor ip = new FloatProcessor(4, 3);
		final ArrayImg<FloatType, FloatArray> plane = ImagePlanes.plane(new ImagePlus("f", ip), 1, 1, 1);
		assertSame(ip.getPixels(), plane.update(null).getCurrentStorageArray());
	}

	@Test
	void rgbIsThreeChannels() {
		final ColorProcessor ip = new ColorProcessor(6, 4);
		final Random random = new Random(4);
		for (int i = 0; i < 24; i++)
			ip.set(i, random.nextInt(1 << 24));
		final ImagePlus imp = new ImagePlus("rgb", ip);
		assertEquals(3, ImagePlanes.channels(imp));
		final RandomAccessibleInterval<FloatType> xyc = ImagePlanes.channelStack(imp, 1, 1);
		assertArrayEquals(new long[] { 6, 4, 3 }, xyc.dimensionsAsLongArray());
		final RandomAccess<FloatType> ra = xyc.randomAccess();
		final int[] rgb = new int[3];
		for (int y = 0; y < 4; y++)
			for (int x = 0; x < 6; x++) {
				ip.getPixel(x, y, rgb);
				for (int c = 0; c < 3; c++)
					assertEquals(rgb[c], ra.setPositionAndGet(x, y, c).get(), 0);
			}
	}

	@Test
	void hyperstackPlanesFollowChannelSliceFrameOrder() {
		final ImagePlus imp = hyperstack(2, 3, 4);
		for (int t = 1; t <= 4; t++)
			for (int z = 1; z <= 3; z++)
				for (int c = 1; c <= 2; c++)
					assertEquals(code(c, z, t), ImagePlanes.plane(imp, c, z, t).firstElement().get(), 0);
		final RandomAccessibleInterval<FloatType> xyc = ImagePlanes.channelStack(imp, 2, 3);
		assertEquals(code(2, 2, 3), xyc.getAt(0, 0, 1).get(), 0);
		assertThrows(IllegalArgumentException.class, () -> ImagePlanes.plane(imp, 3, 1, 1));
		assertThrows(IllegalArgumentException.class, () -> ImagePlanes.plane(imp, 1, 0, 1));
	}

	/** A 16-bit 5x4 hyperstack whose planes hold {@link #code}, stacked by the ImageJ rule. */
	static ImagePlus hyperstack(final int nc, final int nz, final int nt) {
		final ImageStack stack = new ImageStack(5, 4);
		for (int i = 0; i < nc * nz * nt; i++) {
			// ImageJ's documented order: index - 1 = (t - 1) * C * Z + (z - 1) * C + (c - 1).
			final int c = i % nc + 1, z = i / nc % nz + 1, t = i / (nc * nz) + 1;
			final ShortProcessor ip = new ShortProcessor(5, 4);
			ip.setValue(code(c, z, t));
			ip.fill();
			stack.addSlice("c" + c + "z" + z + "t" + t, ip);
		}
		final ImagePlus imp = new ImagePlus("hyper.tif", stack);
		imp.setDimensions(nc, nz, nt);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	static int code(final int c, final int z, final int t) {
		return 100 * c + 10 * z + t;
	}
}
