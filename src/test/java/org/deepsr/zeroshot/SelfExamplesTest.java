package org.deepsr.zeroshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.deepsr.Prerequisites;
import org.deepsr.resample.Interpolation;
import org.deepsr.train.Batch;
import org.deepsr.train.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The zero-shot examples: sons made by exactly the MATLAB imresize
 * degradation (against the independent numpy port of
 * src/test/python/resample_reference.py), fathers cut from the image, batches
 * fixed by seed and index.
 */
class SelfExamplesTest {

	@TempDir
	Path tmp;

	/** The sample astronaut as grey values in [0, 1], cropped to h x w at (y0, x0). */
	static FloatImage astronaut(final int y0, final int x0, final int h, final int w) {
		final ImagePlus imp = IJ.openImage(Paths.get("samples", "astronaut.png").toString());
		final float[] v = (float[]) imp.getProcessor().convertToFloat().getPixels();
		for (int i = 0; i < v.length; i++)
			v[i] /= 255f;
		return new FloatImage(imp.getHeight(), imp.getWidth(), 1, v).crop(y0, x0, h, w);
	}

	@ParameterizedTest
	@CsvSource({ "2, bicubic, 32", "3, bicubic, 30", "2.5, bicubic, 31", "2, lanczos3, 32" })
	void sonsAreTheMatlabImresizeDegradationInterpolatedBack(final double scale, final String kernel, final int patch) throws Exception {
		Prerequisites.python("numpy");
		final ZeroShotOptions o = new ZeroShotOptions();
		o.kernel = kernel;
		final SelfExamples examples = new SelfExamples(List.of(astronaut(100, 150, 96, 90)), scale, patch, o.interpolation(), 0.5, 7);
		final Batch b = examples.batch(3, 2);
		final int n = patch * patch;
		for (int k = 0; k < 2; k++) {
			final float[] father = Arrays.copyOfRange(b.hr(), k * n, (k + 1) * n);
			final float[] back = reference(father, patch, scale, kernel);
			assertArrayEquals(back, Arrays.copyOfRange(b.lr(), k * n, (k + 1) * n), 2e-5f, "interpolated son " + k + " at x" + scale + " " + kernel);
		}
	}

	@Test
	void theSonAloneIsImresizeByOneOverTheScale() throws Exception {
		Prerequisites.python("numpy");
		final FloatImage father = astronaut(40, 60, 30, 30);
		final FloatImage son = SelfExamples.son(father, 2.5, Interpolation.BICUBIC);
		assertEquals(12, son.width()); // ceil(30 / 2.5)
		reference(father.data(), 30, 2.5, "bicubic");
		assertArrayEquals(read(tmp.resolve("son.f32"), 12 * 12), son.data(), 2e-5f);
	}

	private float[] reference(final float[] father, final int side, final double scale, final String kernel) throws IOException, InterruptedException {
		final Path in = tmp.resolve("father.f32"), son = tmp.resolve("son.f32"), back = tmp.resolve("back.f32");
		final ByteBuffer buf = ByteBuffer.allocate(4 * father.length).order(ByteOrder.LITTLE_ENDIAN);
		for (final float v : father) buf.putFloat(v);
		Files.write(in, buf.array());
		final Process p = new ProcessBuilder(Prerequisites.python(), Paths.get("src", "test", "python", "zssr_sons.py").toString(), in.toString(),
			Integer.toString(side), Integer.toString(side), Double.toString(scale), kernel, son.toString(), back.toString()).redirectErrorStream(true).start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS), "zssr_sons.py finished");
		assertEquals(0, p.exitValue(), output);
		return read(back, side * side);
	}

	private static float[] read(final Path file, final int n) throws IOException {
		final ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		assertEquals(4 * n, buf.capacity());
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = buf.getFloat();
		return v;
	}

	@Test
	void batchesDependOnlyOnTheSeedAndTheIndex() {
		final FloatImage image = astronaut(0, 0, 80, 80);
		final SelfExamples a = new SelfExamples(List.of(image), 2, 24, Interpolation.BICUBIC, 0.5, 11);
		final SelfExamples b = new SelfExamples(List.of(image), 2, 24, Interpolation.BICUBIC, 0.5, 11);
		final SelfExamples other = new SelfExamples(List.of(image), 2, 24, Interpolation.BICUBIC, 0.5, 12);
		for (int i = 0; i < 5; i++) a.batch(i, 4); // asked out of order: no generator state
		final Batch x = a.batch(9, 4), y = b.batch(9, 4);
		assertArrayEquals(x.hr(), y.hr());
		assertArrayEquals(x.lr(), y.lr());
		assertFalse(Arrays.equals(x.hr(), a.batch(10, 4).hr()), "another index, other fathers");
		assertFalse(Arrays.equals(x.hr(), other.batch(9, 4).hr()), "another seed, other fathers");
	}

	@Test
	void fathersAreTurnedOrFlippedCropsOfTheImage() {
		final FloatImage image = astronaut(200, 200, 28, 28);
		final int p = 16;
		final SelfExamples examples = new SelfExamples(List.of(image), 2, p, Interpolation.BICUBIC, 1, 5);
		assertEquals(1, examples.levels(), "with the smallest father scale 1, the image alone");
		final Batch b = examples.batch(0, 6);
		for (int k = 0; k < 6; k++) {
			final float[] father = Arrays.copyOfRange(b.hr(), k * p * p, (k + 1) * p * p);
			assertTrue(isTransformedCrop(image, father, p), "father " + k + " is a crop of the image, turned or flipped");
		}
	}

	/** Searches every crop and every turn/flip, written out by index arithmetic (independent of {@link Dihedral}). */
	private static boolean isTransformedCrop(final FloatImage image, final float[] father, final int p) {
		for (int y0 = 0; y0 + p <= image.height(); y0++)
			for (int x0 = 0; x0 + p <= image.width(); x0++)
				for (int t = 0; t < 8; t++) {
					boolean same = true;
					for (int i = 0; i < p && same; i++)
						for (int j = 0; j < p && same; j++) {
							int y = i, x = j;
							if ((t & 1) != 0) { final int s = y; y = x; x = s; } // transpose
							if ((t & 2) != 0) y = p - 1 - y; // flip rows
							if ((t & 4) != 0) x = p - 1 - x; // flip columns
							same = image.data()[(y0 + y) * image.width() + x0 + x] == father[i * p + j];
						}
					if (same) return true;
				}
		return false;
	}

	@Test
	void pyramidHoldsShrunkCopiesDownToTheSmallestScale() {
		final SelfExamples examples = new SelfExamples(List.of(astronaut(0, 0, 100, 120)), 2, 32, Interpolation.BICUBIC, 0.5, 1);
		final List<FloatImage> levels = examples.levelImages();
		assertEquals(7, levels.size(), "6 copies per halving plus the image");
		assertEquals(120, levels.get(0).width());
		assertEquals(60, levels.get(levels.size() - 1).width());
		assertEquals(50, levels.get(levels.size() - 1).height());
	}

	@Test
	void theEightTurnsAndFlipsAreDistinctAndInvertible() {
		final FloatImage image = astronaut(10, 10, 5, 7);
		final java.util.Set<String> seen = new java.util.HashSet<>();
		for (int k = 0; k < 8; k++) {
			final FloatImage t = Dihedral.apply(image, k);
			assertEquals(k % 2 == 0 ? 5 : 7, t.height());
			seen.add(t.height() + Arrays.toString(t.data()));
			assertArrayEquals(image.data(), Dihedral.invert(t, k).data());
		}
		assertEquals(8, seen.size());
	}

	@Test
	void refusesAnImageTooSmallToLearnFrom() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SelfExamples.fit(48, 10, 7, 2));
		assertTrue(e.getMessage().contains("too small"), e.getMessage());
		assertEquals(48, SelfExamples.fit(48, 100, 60, 2));
		assertEquals(30, SelfExamples.fit(31, 100, 60, 3), "a multiple of an integer scale");
		assertEquals(40, SelfExamples.fit(48, 100, 40, 2.5));
	}
}
