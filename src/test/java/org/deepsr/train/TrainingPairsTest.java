package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.Prerequisites;
import org.deepsr.image.ImageFiles;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Make Training Pairs: layout, bit depth, and the benchmark's own LR files as reference. */
class TrainingPairsTest {

	@TempDir
	Path tmp;

	static Path data() {
		return Prerequisites.sharedData();
	}

	/**
	 * Reference: the standard Set5 x2 LR files (made by MATLAB imresize on the
	 * uint8 RGB originals, see shared/data/README.md). Our pairs must match them
	 * within one grey level for >= 99% of values (>= 97% exact), and the HR copies must be the
	 * modcropped originals.
	 */
	@Test
	void set5MatlabBicubicPairsMatchTheBenchmarkFiles() throws Exception {
		final Path hr = data().resolve("benchmark/Set5/HR");
		Prerequisites.need(hr);
		final Path out = tmp.resolve("pairs");
		assertEquals(5, TrainingPairs.write(hr, out, 2, "matlab-bicubic", 1, false, Progress.NONE));
		long same = 0, close = 0, total = 0;
		for (final String name : new String[] { "baby", "bird", "butterfly", "head", "woman" }) {
			final ImagePlus mine = ImageFiles.open(out.resolve("X2/" + name + "x2.png"));
			final ImagePlus ref = ImageFiles.open(hr.resolveSibling("LR_bicubic/X2/" + name + "x2.png"));
			assertEquals(ref.getWidth(), mine.getWidth());
			assertEquals(ref.getHeight(), mine.getHeight());
			final int[] a = (int[]) mine.getProcessor().getPixels(), b = (int[]) ref.getProcessor().getPixels();
			for (int i = 0; i < a.length; i++) for (int sh = 0; sh < 24; sh += 8) {
				final int d = Math.abs((a[i] >> sh & 0xff) - (b[i] >> sh & 0xff));
				if (d == 0) same++;
				if (d <= 1) close++;
				total++;
			}
			final ImagePlus hrCopy = ImageFiles.open(out.resolve("HR/" + name + ".png"));
			assertEquals(ref.getWidth() * 2, hrCopy.getWidth());
			assertEquals(ref.getHeight() * 2, hrCopy.getHeight());
		}
		// The thresholds of MatlabBicubicBenchmarkTest: the files come from a MATLAB build we cannot match bit for bit.
		assertTrue(close >= 0.99 * total, "only " + close + " of " + total + " values within one level");
		assertTrue(same >= 0.97 * total, "only " + same + " of " + total + " values exact");
		// And they load back as a paired dataset.
		final TrainingData d = TrainingData.load(new DatasetSpec().hr(out.resolve("HR")).lr(out).scale(2).patchSize(17), Progress.NONE);
		assertEquals(5, d.training().size());
	}

	/** Physical invariants: a constant 16-bit image stays constant and 16-bit under blur + decimate; sizes are floor(n/s). */
	@Test
	void sixteenBitIsKeptAndConstantStaysConstant() throws Exception {
		final Path hr = Files.createDirectories(tmp.resolve("hr"));
		final ShortProcessor sp = new ShortProcessor(31, 20);
		sp.setValue(40000);
		sp.fill();
		ImageFiles.save(new ImagePlus("c", sp), hr.resolve("c.tif"), false);
		TrainingPairs.write(hr, tmp.resolve("out"), 3, "gaussian-blur:1.0+decimate", 1, false, Progress.NONE);
		final ImagePlus lr = ImageFiles.open(tmp.resolve("out/X3/cx3.tif"));
		assertEquals(16, lr.getBitDepth());
		assertEquals(10, lr.getWidth());
		assertEquals(6, lr.getHeight());
		for (int i = 0; i < 60; i++) assertEquals(40000, lr.getProcessor().get(i));
		assertEquals(30, ImageFiles.open(tmp.resolve("out/HR/c.tif")).getWidth());
		assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> TrainingPairs.write(hr, tmp.resolve("out"), 3, "decimate", 1, false, Progress.NONE));
	}

	/**
	 * Noise is relative to the data's range, not to the type's: a flat 16-bit
	 * image at 1000 with one pixel at 1100 (range 100) given
	 * {@code gaussian-noise:0.1} gets noise of std 0.1 x 100 = 10 counts
	 * (measured with a two-pass mean and variance over the 64x64 LR, 4,096 draws:
	 * the sample std is within 3% of 10 with overwhelming probability); a float
	 * image spanning 0..2 gets 0.1 x 2 = 0.2.
	 */
	@Test
	void noiseIsAFractionOfTheDataRange() throws Exception {
		final Path hr = Files.createDirectories(tmp.resolve("flat"));
		final ShortProcessor sp = new ShortProcessor(128, 128);
		sp.setValue(1000);
		sp.fill();
		sp.set(127, 127, 1100);
		ImageFiles.save(new ImagePlus("flat16", sp), hr.resolve("flat16.tif"), false);
		final ij.process.FloatProcessor fp = new ij.process.FloatProcessor(128, 128);
		fp.setValue(1.0);
		fp.fill();
		fp.setf(127, 127, 2f);
		fp.setf(126, 127, 0f);
		ImageFiles.save(new ImagePlus("flat32", fp), hr.resolve("flat32.tif"), false);
		TrainingPairs.write(hr, tmp.resolve("noisy"), 2, "decimate+gaussian-noise:0.1", 7, false, Progress.NONE);
		final double[] m16 = meanStd(ImageFiles.open(tmp.resolve("noisy/X2/flat16x2.tif")).getProcessor());
		assertEquals(1000, m16[0], 1.0, "mean of the 16-bit LR");
		assertEquals(10, m16[1], 0.3, "noise std of the 16-bit LR (counts)");
		final double[] m32 = meanStd(ImageFiles.open(tmp.resolve("noisy/X2/flat32x2.tif")).getProcessor());
		assertEquals(1, m32[0], 0.02, "mean of the float LR");
		assertEquals(0.2, m32[1], 0.006, "noise std of the float LR");
		// the HR copies keep their values
		assertEquals(1100, ImageFiles.open(tmp.resolve("noisy/HR/flat16.tif")).getProcessor().get(127, 127));
		assertEquals(2f, ImageFiles.open(tmp.resolve("noisy/HR/flat32.tif")).getProcessor().getf(127, 127), 1e-6);
	}

	private static double[] meanStd(final ij.process.ImageProcessor ip) {
		final int n = ip.getPixelCount();
		double sum = 0;
		for (int i = 0; i < n; i++) sum += ip.getf(i);
		final double mean = sum / n;
		double ss = 0;
		for (int i = 0; i < n; i++) ss += (ip.getf(i) - mean) * (ip.getf(i) - mean);
		return new double[] { mean, Math.sqrt(ss / (n - 1)) };
	}

	@Test
	void badDegradationNamesTheToken() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DegradationSpec.parse("gaussian-blur:1.2+decimate+poisson-gaussian:0.01", 2));
		assertTrue(e.getMessage().contains("poisson-gaussian:0.01"), e.getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> DegradationSpec.parse("gaussian-blur:1", 2)).getMessage().contains("+decimate"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> DegradationSpec.parse("lanczos", 2)).getMessage().contains("'lanczos'"));
	}

	@Test
	void emptyFolderAndTooSmallImagesFailClearly() throws Exception {
		final Path empty = Files.createDirectories(tmp.resolve("empty"));
		assertTrue(assertThrows(java.io.IOException.class, () -> TrainingData.load(new DatasetSpec().hr(empty), Progress.NONE)).getMessage().contains("has no images"));
		final ShortProcessor sp = new ShortProcessor(10, 10);
		for (int i = 0; i < 100; i++) sp.set(i, i);
		ImageFiles.save(new ImagePlus("small", sp), empty.resolve("small.tif"), false);
		final String m = assertThrows(IllegalArgumentException.class, () -> TrainingData.load(new DatasetSpec().hr(empty).scale(2).patchSize(17), Progress.NONE)).getMessage();
		assertTrue(m.contains("small.tif is 10x10, smaller than one 34x34 HR patch at x2"), m);
		// next to a large enough image, a small one is skipped with a warning
		final ShortProcessor big = new ShortProcessor(40, 36);
		for (int i = 0; i < 40 * 36; i++) big.set(i, i % 97);
		ImageFiles.save(new ImagePlus("big", big), empty.resolve("big.tif"), false);
		final java.util.List<String> warnings = new java.util.ArrayList<>();
		final TrainingData data = TrainingData.load(new DatasetSpec().hr(empty).scale(2).patchSize(17), new Progress() {
			@Override
			public void warn(final String message) {
				warnings.add(message);
			}
		});
		assertEquals(1, data.training().size());
		assertEquals(java.util.List.of("Skipped small.tif is 10x10, smaller than one 34x34 HR patch at x2."), warnings);
	}
}
