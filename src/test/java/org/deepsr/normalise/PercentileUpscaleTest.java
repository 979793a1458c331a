package org.deepsr.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.TemporaryModelCache;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.TinyBundle;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upscaling with a percentile-normalised model, through the whole pipeline.
 * The network is the identity (nearest-neighbour x2) and clips its output to
 * the value range [0,1], so the output is the input clamped to the 1st..99th
 * percentiles of the whole image or stack: the percentiles become visible.
 * Reference: the percentiles of all values, sorted in the test (numpy's
 * formula, {@link PercentilesTest#sortedPercentile}). Min-max normalisation
 * would clamp nothing, percentiles per slice would clamp each slice apart.
 */
@ExtendWith(TemporaryModelCache.class)
class PercentileUpscaleTest {

	@TempDir
	static Path dir;
	static Path clipped;

	@BeforeAll
	static void importModel() throws IOException {
		final ModelDescriptor d = TinyBundle.descriptor("clip-percentile", 2, "grey");
		d.normalisation.mode = Normaliser.PERCENTILE;
		d.normalisation.low = 1.0;
		d.normalisation.high = 99.0;
		d.clipOutput = true;
		clipped = TinyBundle.bundle(dir, d, new double[][] { { 1 } });
	}

	@Test
	void floatImageWithOutliers() throws IOException {
		final int w = 40, h = 30;
		final Random random = new Random(3);
		final float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++) {
			final double u = random.nextDouble();
			v[i] = (float) (u < 0.005 ? 1e5 * (1 + random.nextDouble()) : u > 0.995 ? -1e4 : 500 + 50 * random.nextGaussian());
		}
		check(new ImagePlus("outliers", new FloatProcessor(w, h, v)), new float[][] { v });
	}

	@Test
	void sixteenBitStackTakesItsStatisticsOnce() throws IOException {
		final int w = 33, h = 21;
		final Random random = new Random(4);
		final ImageStack stack = new ImageStack(w, h);
		final float[][] planes = new float[2][w * h];
		for (int z = 0; z < 2; z++) {
			final short[] px = new short[w * h];
			for (int i = 0; i < px.length; i++) {
				// slice 2 is three times as bright: per-slice statistics would clamp it differently
				final int value = random.nextDouble() < 0.005 ? 65535 : (int) Math.min(65535, (z == 0 ? 1 : 3) * (300 + 40 * random.nextGaussian()));
				px[i] = (short) value;
				planes[z][i] = value;
			}
			stack.addSlice(new ShortProcessor(w, h, px, null));
		}
		check(new ImagePlus("camera", stack), planes);
	}

	private static void check(final ImagePlus image, final float[][] planes) throws IOException {
		final float[] all = new float[planes.length * planes[0].length];
		for (int z = 0; z < planes.length; z++)
			System.arraycopy(planes[z], 0, all, z * planes[z].length, planes[z].length);
		Arrays.sort(all);
		final double low = PercentilesTest.sortedPercentile(all, 1), high = PercentilesTest.sortedPercentile(all, 99);
		final ImagePlus out;
		try (Upscaler up = TinyBundle.open(clipped, dir, true)) {
			out = up.upscale(image, Progress.NONE);
		}
		final int w = image.getWidth();
		double fromMinMax = 0;
		for (int z = 0; z < planes.length; z++) {
			final float[] o = (float[]) out.getStack().getProcessor(z + 1).getPixels();
			for (int y = 0; y < 2 * image.getHeight(); y++)
				for (int x = 0; x < 2 * w; x++) {
					final double in = planes[z][y / 2 * w + x / 2], expected = Math.max(low, Math.min(high, in));
					assertEquals(expected, o[y * 2 * w + x], 1e-6 * Math.abs(high - low), "slice " + z + " at " + x + "," + y);
					fromMinMax = Math.max(fromMinMax, Math.abs(expected - in));
				}
		}
		// min-max normalisation would return the input unchanged: the test tells the two apart by far
		assertTrue(fromMinMax > 10 * (high - low), "percentile clamp vs input " + fromMinMax);
	}
}
