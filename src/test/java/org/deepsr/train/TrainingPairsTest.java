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
