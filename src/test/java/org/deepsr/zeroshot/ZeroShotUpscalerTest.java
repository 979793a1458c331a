package org.deepsr.zeroshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.util.SplittableRandom;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;

/** Zero-shot upscaling of ImageJ images: geometry, calibration, bit depth, intensities, the input left alone. */
class ZeroShotUpscalerTest {

	private static final Progress QUIET = new Progress() {};

	/** A tiny, fast run: the geometry does not depend on how well it learnt. */
	private static ZeroShotOptions quick() {
		final ZeroShotOptions o = new ZeroShotOptions();
		o.steps = 3;
		o.width = 8;
		o.depth = 3;
		o.patch = 16;
		return o;
	}

	/** Smooth blobs on an offset, as a 16-bit or float fluorescence image. */
	private static float[] blobs(final int w, final int h, final long seed, final double offset, final double peak) {
		final SplittableRandom r = new SplittableRandom(seed);
		final double[][] c = new double[6][];
		for (int k = 0; k < c.length; k++) c[k] = new double[] { r.nextDouble() * w, r.nextDouble() * h, 2 + 3 * r.nextDouble() };
		final float[] v = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = offset;
				for (final double[] b : c) s += peak * Math.exp(-((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1])) / (2 * b[2] * b[2]));
				v[y * w + x] = (float) s;
			}
		return v;
	}

	@Test
	void aSixteenBitStackKeepsItsLayoutDepthAndScaledCalibration() {
		final ImageStack stack = new ImageStack(30, 22);
		for (int z = 0; z < 2; z++) {
			final float[] v = blobs(30, 22, z, 1000, 20000);
			final short[] s = new short[v.length];
			for (int i = 0; i < v.length; i++) s[i] = (short) Math.round(v[i]);
			stack.addSlice("z" + z, new ShortProcessor(30, 22, s, null));
		}
		final ImagePlus in = new ImagePlus("cells.tif", stack);
		in.setDimensions(1, 2, 1);
		final Calibration cal = in.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.4;
		cal.pixelDepth = 2;
		cal.setUnit("um");
		final short[] before = ((short[]) in.getStack().getPixels(2)).clone();

		final ImagePlus out = ZeroShotUpscaler.upscale(in, quick(), QUIET).image;
		assertEquals(60, out.getWidth());
		assertEquals(44, out.getHeight());
		assertEquals(2, out.getNSlices());
		assertEquals(16, out.getBitDepth());
		assertEquals(0.25, out.getCalibration().pixelWidth, 1e-12);
		assertEquals(0.2, out.getCalibration().pixelHeight, 1e-12);
		assertEquals(2, out.getCalibration().pixelDepth, 1e-12);
		assertEquals(in.getCalibration().getUnit(), out.getCalibration().getUnit());
		assertArrayEquals(before, (short[]) in.getStack().getPixels(2), "the input is not modified");
		// intensities stay in the input's units: the mean is kept (an upscaler conserves the mean density)
		final double meanIn = in.getStack().getProcessor(2).getStatistics().mean, meanOut = out.getStack().getProcessor(2).getStatistics().mean;
		assertEquals(meanIn, meanOut, 0.02 * meanIn, "mean intensity of slice 2");
	}

	@Test
	void floatValuesStayQuantitative() {
		final float[] v = blobs(32, 32, 3, -5.5, 0.8);
		final float[] copy = v.clone();
		final ImagePlus in = new ImagePlus("map", new FloatProcessor(32, 32, v));
		final ImagePlus out = ZeroShotUpscaler.upscale(in, quick(), QUIET).image;
		assertEquals(32, out.getBitDepth());
		assertArrayEquals(copy, (float[]) in.getProcessor().getPixels(), "the input is not modified");
		final double meanIn = in.getStatistics().mean, meanOut = out.getStatistics().mean;
		assertEquals(meanIn, meanOut, 0.02 * Math.abs(meanIn), "mean of float data, not normalised");
		assertTrue(out.getStatistics().min > -5.5 - 0.2 && out.getStatistics().max < -5.5 + 0.8 * 6 + 0.2, "values in the input's range");
	}

	@Test
	void rgbComesBackAsRgbTwiceTheSize() {
		final ColorProcessor cp = new ColorProcessor(24, 20);
		final float[] v = blobs(24, 20, 5, 20, 200);
		for (int i = 0; i < v.length; i++) {
			final int g = Math.min(255, Math.round(v[i]));
			cp.set(i, (g << 16) | ((255 - g) << 8) | (g / 2));
		}
		final ImagePlus in = new ImagePlus("colour.png", cp);
		final ImagePlus out = ZeroShotUpscaler.upscale(in, quick(), QUIET).image;
		assertEquals(ImagePlus.COLOR_RGB, out.getType());
		assertEquals(48, out.getWidth());
		assertEquals(40, out.getHeight());
	}

	@Test
	void aFractionalScaleGivesRoundedSidesAndTheExactPixelSize() {
		final float[] v = blobs(22, 18, 9, 100, 3000);
		final short[] px = new short[v.length];
		for (int i = 0; i < v.length; i++) px[i] = (short) Math.round(v[i]);
		final ImagePlus in = new ImagePlus("cells.tif", new ShortProcessor(22, 18, px, null));
		in.getCalibration().pixelWidth = in.getCalibration().pixelHeight = 1.0;
		in.getCalibration().xOrigin = 4;
		final ZeroShotOptions o = quick();
		o.scale = 2.5;
		final ImagePlus out = ZeroShotUpscaler.upscale(in, o, QUIET).image;
		assertEquals(55, out.getWidth()); // round(2.5 * 22)
		assertEquals(45, out.getHeight());
		assertEquals(16, out.getBitDepth());
		assertEquals("cells-x2.5-zssr", out.getTitle());
		assertEquals(0.4, out.getCalibration().pixelWidth, 1e-12);
		assertEquals(10, out.getCalibration().xOrigin, 1e-12, "the origin's physical position kept");
		final double meanIn = in.getStatistics().mean, meanOut = out.getStatistics().mean;
		assertEquals(meanIn, meanOut, 0.03 * meanIn, "no zero border left from the whole-scale layout");
		final ColorProcessor cp = new ColorProcessor(20, 20);
		for (int i = 0; i < 400; i++) cp.set(i, (i * 7 % 256) << 16 | (i % 20) * 10 << 8 | 90);
		o.scale = 1.5;
		final ImagePlus rgb = ZeroShotUpscaler.upscale(new ImagePlus("c", cp), o, QUIET).image;
		assertEquals(ImagePlus.COLOR_RGB, rgb.getType());
		assertEquals(30, rgb.getWidth());
	}
}
