package org.deepsr.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/**
 * The n-D model against ImageJ's own description of a hyperstack (ImageJ's
 * hyperstack dimensions, stack indices and Calibration are the reference), and
 * long indexing against BigInteger arithmetic.
 */
class VolumeInfoTest {

	private static ImagePlus hyperstack(final int c, final int z, final int t) {
		final ImageStack stack = new ImageStack(5, 4);
		for (int i = 0; i < c * z * t; i++) {
			final ShortProcessor sp = new ShortProcessor(5, 4);
			sp.set(1, 2, i + 1);
			stack.addSlice(sp);
		}
		final ImagePlus imp = new ImagePlus("hyper", stack);
		imp.setDimensions(c, z, t);
		imp.setOpenAsHyperStack(true);
		final Calibration cal = imp.getCalibration();
		cal.setUnit("um");
		cal.pixelWidth = 0.2;
		cal.pixelHeight = 0.4;
		cal.pixelDepth = 1.5;
		cal.xOrigin = 3;
		cal.yOrigin = -2;
		cal.zOrigin = 1;
		cal.frameInterval = 30;
		cal.setTimeUnit("min");
		return c > 1 ? new CompositeImage(imp, CompositeImage.COMPOSITE) : imp;
	}

	@Test
	void axesAndCalibrationFromAHyperstackAndBack() {
		final ImagePlus imp = hyperstack(2, 3, 4);
		final ImagePlusSource source = new ImagePlusSource(imp);
		final VolumeInfo info = source.info();
		assertEquals("[5, 4, 2, 3, 4]", java.util.Arrays.toString(info.dims()));
		assertEquals(PixelType.UINT16, info.type());
		assertEquals("composite", info.mode());
		assertEquals(new AxisCalibration("µm", 0.2, -0.6000000000000001), info.calibration(Axis.X));
		assertEquals(-0.6, info.calibration(Axis.X).origin(), 1e-12); // pixel 0 lies 3 pixels before the origin
		assertEquals(0.8, info.calibration(Axis.Y).origin(), 1e-12);
		assertEquals(-1.5, info.calibration(Axis.Z).origin(), 1e-12);
		assertEquals(new AxisCalibration("min", 30, 0), info.calibration(Axis.T));
		assertEquals(AxisCalibration.NONE, info.calibration(Axis.C));
		// Each plane is ImageJ's stack plane at getStackIndex(c, z, t), whose index the model gives too.
		for (int t = 0; t < 4; t++)
			for (int z = 0; z < 3; z++)
				for (int c = 0; c < 2; c++) {
					final int stackIndex = imp.getStackIndex(c + 1, z + 1, t + 1);
					assertEquals(stackIndex - 1, info.planeIndex(c, z, t));
					assertEquals(stackIndex, source.plane(c, z, t).randomAccess().setPositionAndGet(1, 2).get());
				}
		final Calibration back = ImagePlusSource.calibration(info);
		final Calibration cal = imp.getCalibration();
		assertEquals(cal.getUnit(), back.getUnit());
		assertEquals(cal.pixelWidth, back.pixelWidth);
		assertEquals(cal.pixelHeight, back.pixelHeight);
		assertEquals(cal.pixelDepth, back.pixelDepth);
		assertEquals(cal.xOrigin, back.xOrigin, 1e-12);
		assertEquals(cal.yOrigin, back.yOrigin, 1e-12);
		assertEquals(cal.zOrigin, back.zOrigin, 1e-12);
		assertEquals(cal.frameInterval, back.frameInterval);
		assertEquals(cal.getTimeUnit(), back.getTimeUnit());
	}

	@Test
	void upscaledVolumeKeepsPhysicalPositions() {
		final VolumeInfo info = ImagePlusSource.info(hyperstack(1, 2, 1)).upscaled(4, false, "out");
		assertEquals(20, info.width());
		assertEquals(0.05, info.calibration(Axis.X).spacing(), 1e-15);
		assertEquals(-0.6, info.calibration(Axis.X).origin(), 1e-12);
		assertEquals(12, ImagePlusSource.calibration(info).xOrigin, 1e-9); // ImageJ's 3 pixels, 4 times finer
		assertEquals(1.5, info.calibration(Axis.Z).spacing());
	}

	@Test
	void rgbIsThreeEightBitChannelsAndFloatOutputMakesThemComposite() {
		final ColorProcessor cp = new ColorProcessor(3, 2);
		cp.set(2, 1, 0x102030);
		final ImagePlusSource source = new ImagePlusSource(new ImagePlus("rgb", cp));
		final VolumeInfo info = source.info();
		assertTrue(info.rgb());
		assertEquals(3, info.channels());
		assertEquals(PixelType.UINT8, info.type());
		for (int c = 0; c < 3; c++)
			assertEquals(0x10 * (c + 1), source.plane(c, 0, 0).randomAccess().setPositionAndGet(2, 1).get());
		final VolumeInfo floats = info.upscaled(2, true, "f");
		assertEquals(false, floats.rgb());
		assertEquals(PixelType.FLOAT32, floats.type());
		assertEquals("composite", floats.mode());
	}

	@Test
	void longIndicesBeyondTwoToTheThirtyOneWithoutAllocating() {
		// 3 planes of 100000 x 100000 pixels: 3e10 pixels, described without a single pixel in memory.
		final VolumeInfo huge = new VolumeInfo("huge", new long[] { 100_000, 100_000, 1, 3, 1 },
			new AxisCalibration[] { AxisCalibration.NONE, AxisCalibration.NONE, AxisCalibration.NONE,
				AxisCalibration.NONE, AxisCalibration.NONE }, PixelType.UINT16, false, 0, 65535, null);
		final BigInteger expected = BigInteger.valueOf(99_999).add(BigInteger.valueOf(100_000).multiply(BigInteger
			.valueOf(99_999).add(BigInteger.valueOf(100_000).multiply(BigInteger.valueOf(2)))));
		final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		huge.pixelIndex(99_999, 99_999, 0, 2, 0); // warm up
		final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
		long index = 0;
		for (int i = 0; i < 1000; i++)
			index = huge.pixelIndex(99_999, 99_999, 0, 2, 0);
		final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
		assertEquals(expected.longValueExact(), index);
		assertTrue(index > Integer.MAX_VALUE);
		assertTrue(allocated < 16 * 1024, allocated + " bytes allocated for 1000 indices");
		assertEquals(30_000_000_000L, huge.planePixels() * huge.planes());
		assertThrows(IndexOutOfBoundsException.class, () -> huge.pixelIndex(100_000, 0, 0, 0, 0));
		assertThrows(ArithmeticException.class, () -> new VolumeInfo("overflow", new long[] { 1L << 32, 1L << 32,
			1, 1, 1 << 30 }, new AxisCalibration[] { AxisCalibration.NONE, AxisCalibration.NONE,
				AxisCalibration.NONE, AxisCalibration.NONE, AxisCalibration.NONE }, PixelType.UINT8, false, 0, 255,
			null));
	}
}
