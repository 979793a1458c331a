package org.deepsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;

/**
 * Building the output image. References: the input's own pixels (round trips
 * at scale 1), ImageJ's accessors and packing rule (R << 16 | G << 8 | B),
 * hand-computed rounding (half up) and clamping, ImageJ's documented
 * hyperstack order, and the physical invariant that a point keeps its
 * calibrated position ({@link Calibration#getX}) when pixels shrink by the
 * scale.
 */
class OutputImageTest {

	@Test
	void roundTripsEveryTypeAtScaleOne() {
		final Random random = new Random(5);
		for (final ImageProcessor ip : new ImageProcessor[] { new ByteProcessor(9, 4),
			new ShortProcessor(9, 4), new FloatProcessor(9, 4), new ColorProcessor(9, 4) })
		{
			for (int i = 0; i < 36; i++)
				if (ip instanceof FloatProcessor) ip.setf(i, (float) random.nextGaussian());
				else ip.set(i, random.nextInt(ip instanceof ByteProcessor ? 256 : ip instanceof ShortProcessor
					? 65536 : 1 << 24));
			final ImagePlus in = new ImagePlus("in.png", ip);
			final OutputImage out = OutputImage.create(in, 1, false, null);
			out.setChannels(1, 1, ImagePlanes.channelStack(in, 1, 1));
			final ImagePlus result = out.image();
			assertEquals(in.getBitDepth(), result.getBitDepth());
			assertEquals("in-x1", result.getTitle());
			assertTrue(java.util.Objects.deepEquals(ip.getPixels(), result.getProcessor().getPixels()), ip
				.toString());
		}
	}

	@Test
	void roundsAndClampsToTheBitDepth() {
		// value -> expected 8-bit, 16-bit (rounded half up, clamped, NaN to 0)
		final float[] values = { 255.6f, -3f, 12.5f, 12.49f, Float.NaN, 1000f, 65535.6f, 70000f, 300.5f };
		final int[] bytes = { 255, 0, 13, 12, 0, 255, 255, 255, 255 };
		final int[] shorts = { 256, 0, 13, 12, 0, 1000, 65535, 65535, 301 };
		final ArrayImg<FloatType, FloatArray> plane = ArrayImgs.floats(values, values.length, 1);
		for (final ImageProcessor ip : new ImageProcessor[] { new ByteProcessor(values.length, 1),
			new ShortProcessor(values.length, 1) })
		{
			final OutputImage out = OutputImage.create(new ImagePlus("a", ip), 1, false, "b");
			out.setPlane(1, 1, 1, plane);
			final ImageProcessor result = out.image().getProcessor();
			final int[] expected = ip instanceof ByteProcessor ? bytes : shorts;
			for (int i = 0; i < values.length; i++)
				assertEquals(expected[i], result.get(i), "value " + values[i]);
		}
		final OutputImage floats = OutputImage.create(new ImagePlus("a", new ByteProcessor(values.length,
			1)), 1, true, "b");
		floats.setPlane(1, 1, 1, plane);
		assertArrayEquals(values, (float[]) floats.image().getProcessor().getPixels());
	}

	@Test
	void rgbIsPackedAgainOrSplitIntoAThreeChannelFloatComposite() {
		final ImagePlus in = new ImagePlus("rgb.jpg", new ColorProcessor(2, 1));
		final ArrayImg<FloatType, FloatArray> xyc = ArrayImgs.floats(new float[] { 10, 300, 200, -5,
			255.7f, 127.5f }, 2, 1, 3);
		final OutputImage out = OutputImage.create(in, 1, false, null);
		out.setChannels(1, 1, xyc);
		final ImagePlus packed = out.image();
		assertEquals(ImagePlus.COLOR_RGB, packed.getType());
		assertEquals(10 << 16 | 200 << 8 | 255, packed.getProcessor().get(0) & 0xffffff);
		final int[] rgb = packed.getProcessor().getPixel(1, 0, null);
		assertArrayEquals(new int[] { 255, 0, 128 }, rgb);

		final OutputImage split = OutputImage.create(in, 1, true, null);
		split.setChannels(1, 1, xyc);
		final ImagePlus composite = split.image();
		assertTrue(composite instanceof CompositeImage);
		assertEquals(3, composite.getNChannels());
		assertEquals(32, composite.getBitDepth());
		assertEquals(300f, composite.getStack().getProcessor(1).getf(1), 0);
		assertEquals(java.awt.Color.red, ((CompositeImage) composite).getChannelColor());
	}

	@Test
	void hyperstackKeepsItsLayoutAndLuts() {
		final ImagePlus plain = ImagePlanesTest.hyperstack(2, 3, 4);
		final CompositeImage in = new CompositeImage(plain, CompositeImage.COLOR);
		in.setChannelLut(LUT.createLutFromColor(java.awt.Color.magenta), 2);
		in.setPosition(2, 1, 1);
		in.setDisplayRange(50, 500);
		final int scale = 2;
		final OutputImage out = OutputImage.create(in, scale, false, "up");
		for (int t = 1; t <= 4; t++)
			for (int z = 1; z <= 3; z++) {
				final ArrayImg<FloatType, FloatArray> xyc = ArrayImgs.floats(10, 8, 2);
				for (int c = 0; c < 2; c++)
					for (int y = 0; y < 8; y++)
						for (int x = 0; x < 10; x++)
							xyc.getAt(x, y, c).set(ImagePlanesTest.code(c + 1, z, t));
				out.setChannels(z, t, xyc);
			}
		final ImagePlus result = out.image();
		assertEquals("up", result.getTitle());
		assertArrayEquals(new int[] { 10, 8, 2, 3, 4 }, result.getDimensions());
		assertTrue(result.isHyperStack());
		assertTrue(result instanceof CompositeImage);
		assertEquals(CompositeImage.COLOR, ((CompositeImage) result).getMode());
		final ImageStack stack = result.getStack();
		for (int i = 0; i < 24; i++) {
			final int c = i % 2 + 1, z = i / 2 % 3 + 1, t = i / 6 + 1; // ImageJ's documented order
			assertEquals(ImagePlanesTest.code(c, z, t), stack.getProcessor(i + 1).get(9, 7), "plane " + i);
			assertEquals("c" + c + "z" + z + "t" + t, stack.getSliceLabel(i + 1));
		}
		final LUT lut = ((CompositeImage) result).getChannelLut(2);
		assertEquals(java.awt.Color.magenta.getRGB(), lut.getRGB(255));
		assertEquals(50, lut.min, 0);
		assertEquals(500, lut.max, 0);
	}

	@Test
	void singleChannelKeepsDisplayRangeAndLut() {
		final ShortProcessor ip = new ShortProcessor(3, 3);
		final ImagePlus in = new ImagePlus("s", ip);
		in.getProcessor().setLut(LUT.createLutFromColor(java.awt.Color.green));
		in.setDisplayRange(100, 1000);
		final ImagePlus result = OutputImage.create(in, 3, false, null).image();
		assertEquals(100, result.getDisplayRangeMin(), 0);
		assertEquals(1000, result.getDisplayRangeMax(), 0);
		assertEquals(java.awt.Color.green.getRGB(), result.getProcessor().getLut().getRGB(255));
	}

	@Test
	void calibrationScaledSoPhysicalPositionsAreKept() {
		final ImagePlus in = ImagePlanesTest.hyperstack(1, 2, 3);
		final Calibration cal = in.getCalibration();
		cal.setUnit("mm");
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.6;
		cal.pixelDepth = 2;
		cal.frameInterval = 7;
		cal.setTimeUnit("s");
		cal.xOrigin = 10;
		cal.yOrigin = -4;
		final int scale = 4;
		final Calibration out = OutputImage.create(in, scale, false, null).image().getCalibration();
		assertEquals(0.125, out.pixelWidth, 1e-12);
		assertEquals(0.15, out.pixelHeight, 1e-12);
		assertEquals(2, out.pixelDepth, 0);
		assertEquals(7, out.frameInterval, 0);
		assertEquals("mm", out.getUnit());
		assertEquals("s", out.getTimeUnit());
		// Input pixel corner (x, y) is output pixel corner (scale x, scale y): same physical place.
		for (final double p : new double[] { 0, 3, 17.5 }) {
			assertEquals(cal.getX(p), out.getX(scale * p), 1e-9);
			assertEquals(cal.getY(p), out.getY(scale * p), 1e-9);
		}
	}

	@Test
	void inputIsNeverModified() {
		final ImagePlus plain = ImagePlanesTest.hyperstack(2, 2, 2);
		final CompositeImage in = new CompositeImage(plain, CompositeImage.COMPOSITE);
		in.getCalibration().pixelWidth = 0.3;
		in.getCalibration().xOrigin = 5;
		final Object[] before = new Object[in.getStackSize()];
		for (int i = 0; i < before.length; i++)
			before[i] = ((short[]) in.getStack().getPixels(i + 1)).clone();
		final String calBefore = in.getCalibration().toString() + in.getCalibration().xOrigin;

		for (final boolean float32 : new boolean[] { false, true }) {
			final OutputImage out = OutputImage.create(in, 2, float32, null);
			for (int z = 1; z <= 2; z++)
				for (int t = 1; t <= 2; t++) {
					final ArrayImg<FloatType, FloatArray> xyc = ArrayImgs.floats(10, 8, 2);
					xyc.forEach(v -> v.set(12345));
					out.setChannels(z, t, xyc);
				}
			out.image();
		}
		for (int i = 0; i < before.length; i++)
			assertArrayEquals((short[]) before[i], (short[]) in.getStack().getPixels(i + 1));
		assertEquals(calBefore, in.getCalibration().toString() + in.getCalibration().xOrigin);
		assertEquals("hyper.tif", in.getTitle());
		assertArrayEquals(new int[] { 5, 4, 2, 2, 2 }, in.getDimensions());
		assertFalse(in.getStack().getProcessor(1).get(0) == 12345);
	}

	@Test
	void rgbThroughTheTilerWithNearestUpscaling() {
		// Nearest-neighbour x2 network: output pixel (x, y) must equal input pixel (x / 2, y / 2).
		final ColorProcessor ip = new ColorProcessor(13, 9);
		final Random random = new Random(6);
		for (int i = 0; i < 13 * 9; i++)
			ip.set(i, random.nextInt(1 << 24));
		final ImagePlus in = new ImagePlus("rgb.png", ip);
		final org.deepsr.tile.TileFunction nearest = (data, h, w) -> {
			final float[] out = new float[4 * h * w * 3];
			for (int y = 0; y < 2 * h; y++)
				for (int x = 0; x < 2 * w; x++)
					for (int c = 0; c < 3; c++)
						out[(y * 2 * w + x) * 3 + c] = data[((y / 2) * w + x / 2) * 3 + c];
			return out;
		};
		final OutputImage out = OutputImage.create(in, 2, false, null);
		out.setChannels(1, 1, org.deepsr.tile.Tiler.run(ImagePlanes.channelStack(in, 1, 1), nearest,
			org.deepsr.tile.TilePlan.of(13, 9, 4, 1, 1), 2, 3, org.deepsr.progress.Progress.NONE));
		final ImageProcessor result = out.image().getProcessor();
		for (int y = 0; y < 18; y++)
			for (int x = 0; x < 26; x++)
				assertEquals(ip.get(x / 2, y / 2) & 0xffffff, result.get(x, y) & 0xffffff, x + "," + y);
	}

	@Test
	void defaultTitleDropsTheExtensionOnly() {
		assertEquals("cells-x2", OutputImage.defaultTitle("cells.tif", 2));
		assertEquals("my image-x3", OutputImage.defaultTitle("my image", 3));
		assertEquals("a.b-x4", OutputImage.defaultTitle("a.b.jpeg", 4));
	}
}
