package org.deepsr.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.deepsr.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliceProfileTest {

	/** The point response's measured full width at half maximum (linear interpolation of the crossings) is the FWHM asked for. */
	@Test
	void gaussianPointResponseHasTheRequestedFwhm() {
		for (final double fwhm : new double[] { 2, 3, 4, 5.5 }) {
			final int w = 41, h = 1;
			final float[] delta = new float[w];
			delta[20] = 1;
			final float[] r = SliceProfile.of(SliceProfile.Shape.GAUSSIAN, fwhm).blur(delta, w, h, 0);
			assertEquals(1, sum(r), 1e-5, "a blur keeps the total");
			final double half = r[20] / 2;
			int i = 20;
			while (r[i + 1] > half) i++;
			final double right = i + (r[i] - half) / (r[i] - r[i + 1]);
			// linear interpolation of the half-maximum crossings of the sampled curve overestimates by a few hundredths
			assertEquals(fwhm, 2 * (right - 20), 0.1, "FWHM " + fwhm);
			double var = 0;
			for (int k = 0; k < w; k++)
				var += r[k] * (k - 20.0) * (k - 20.0);
			assertEquals(fwhm / (2 * Math.sqrt(2 * Math.log(2))), Math.sqrt(var), 0.01, "sigma of FWHM " + fwhm);
		}
	}

	/** A box of odd whole width is the moving average; of a fractional width its ends weigh the overlap. */
	@Test
	void boxIsTheMovingAverage() {
		assertArrayEquals(new float[] { 1 / 3f, 1 / 3f, 1 / 3f }, SliceProfile.of(SliceProfile.Shape.BOX, 3).taps(),
			1e-6f);
		// width 4: taps 0.5, 1, 1, 1, 0.5 over 4
		assertArrayEquals(new float[] { 0.125f, 0.25f, 0.25f, 0.25f, 0.125f }, SliceProfile.of(SliceProfile.Shape.BOX,
			4).taps(), 1e-6f);
		assertThrows(IllegalArgumentException.class, () -> SliceProfile.Shape.parse("lorentz"));
	}

	/** Point sampling keeps the sample at 0 and every F-th; cubic at integer positions returns the samples. */
	@Test
	void cubicIsExactAtNodesAndOnCubicsInside() {
		final int n = 20;
		final float[] ramp = new float[n * 2];
		for (int y = 0; y < 2; y++)
			for (int x = 0; x < n; x++)
				ramp[y * n + x] = (float) (0.01 * x * x - 0.3 * x + 2 + y);
		final float[] every2 = SliceProfile.cubic(ramp, n, 2, 0, 10, 2);
		for (int j = 0; j < 10; j++)
			assertEquals(ramp[2 * j], every2[j], 0, "sample " + j);
		// Keys' cubic reproduces quadratics exactly away from the borders
		final float[] fine = SliceProfile.cubic(ramp, n, 2, 0, 3 * (n - 1) + 1, 1 / 3.0);
		for (int j = 6; j < 3 * (n - 3); j++) {
			final double x = j / 3.0;
			assertEquals(0.01 * x * x - 0.3 * x + 2, fine[j], 1e-4, "at " + x);
		}
		assertEquals(5, SliceProfile.samples(17, 4)); // 0 4 8 12 16
		assertEquals(5, SliceProfile.samples(19, 4));
		assertEquals(7, SliceProfile.samples(16, 2.5)); // 0 2.5 .. 15
	}

	/** Against scipy.ndimage.gaussian_filter1d (mode 'reflect', truncate 4), an independent implementation. */
	@Test
	void gaussianBlurMatchesScipy(@TempDir final Path dir) throws Exception {
		Prerequisites.python("numpy", "scipy");
		final int w = 23, h = 17;
		final float[] data = new float[w * h];
		final Random r = new Random(3);
		for (int i = 0; i < data.length; i++)
			data[i] = r.nextFloat();
		final ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
		for (final float v : data)
			b.putFloat(v);
		final Path in = dir.resolve("in.f32"), out = dir.resolve("out.f32");
		Files.write(in, b.array());
		for (final int axis : new int[] { 0, 1 }) {
			final double fwhm = 3.7;
			final Process p = new ProcessBuilder(Prerequisites.python(), "-c", String.format(java.util.Locale.ROOT,
				"import numpy as np, scipy.ndimage as nd; a = np.fromfile('%s', '<f4').reshape(%d, %d).astype(np.float64); " +
					"nd.gaussian_filter1d(a, %.17g / (2 * np.sqrt(2 * np.log(2))), axis=%d, mode='reflect', truncate=4.0).astype('<f4').tofile('%s')",
				in, h, w, fwhm, 1 - axis, out)).inheritIO().start();
			assertEquals(0, p.waitFor());
			final ByteBuffer o = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
			final float[] mine = SliceProfile.of(SliceProfile.Shape.GAUSSIAN, fwhm).blur(data, w, h, axis);
			for (int i = 0; i < mine.length; i++)
				assertEquals(o.getFloat(4 * i), mine[i], 1e-5, "axis " + axis + " voxel " + i);
		}
	}

	private static double sum(final float[] a) {
		double s = 0;
		for (final float v : a)
			s += v;
		return s;
	}
}
