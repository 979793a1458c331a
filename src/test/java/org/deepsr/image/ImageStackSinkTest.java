package org.deepsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.ImagePlus;
import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;

/** A sink for any grey volume: sizes, rounding and clamping, calibration, composite display. */
class ImageStackSinkTest {

	@Test
	void buildsAnImageOfTheDescribedVolume() {
		final AxisCalibration[] cal = { new AxisCalibration("µm", 0.5, 1), new AxisCalibration("µm", 0.5, 2),
			AxisCalibration.NONE, new AxisCalibration("µm", 0.25, -3), AxisCalibration.NONE };
		final byte[] red = new byte[768], green = new byte[768];
		for (int i = 0; i < 256; i++) {
			red[i] = (byte) i;
			green[256 + i] = (byte) i;
		}
		final VolumeInfo info = new VolumeInfo("v", new long[] { 3, 2, 2, 4, 1 }, cal, PixelType.UINT16, false, 0,
			1000, "composite").withDisplay(new Display(new byte[][] { red, green }, new double[] { 0, 100, 5, 50 },
				null));
		final ImageStackSink sink = new ImageStackSink(info);
		for (int z = 0; z < 4; z++)
			for (int c = 0; c < 2; c++)
				sink.write(c, z, 0, ArrayImgs.floats(new float[] { -3, 0.5f, 1.49f, 70000, Float.NaN, 100 * z + c }, 3,
					2));
		final ImagePlus imp = sink.image();
		assertEquals(2, imp.getNChannels());
		assertEquals(4, imp.getNSlices());
		assertEquals(16, imp.getBitDepth());
		assertArrayEquals(new short[] { 0, 1, 1, (short) 65535, 0, (short) 301 }, (short[]) imp.getStack().getPixels(
			imp.getStackIndex(2, 4, 1)));
		assertEquals(info.calibration(Axis.Z), ImagePlusSource.info(imp).calibration(Axis.Z));
		assertEquals(info.calibration(Axis.X), ImagePlusSource.info(imp).calibration(Axis.X));
		assertTrue(imp instanceof CompositeImage);
		assertEquals(50, ((CompositeImage) imp).getChannelLut(2).max, 0);
		assertEquals((byte) 200, ((CompositeImage) imp).getChannelLut(2).getBytes()[256 + 200]);
	}
}
