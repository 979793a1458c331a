package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepsr zssr}: refusals before any training, and a short run's file. */
class ZeroShotCliTest {

	@TempDir
	Path dir;

	private static ImagePlus image() {
		final short[] v = new short[32 * 28];
		for (int i = 0; i < v.length; i++) v[i] = (short) (500 + (i % 32) * 40 + (i / 32) * (i / 32) * 3);
		final ImagePlus imp = new ImagePlus("ramp", new ShortProcessor(32, 28, v, null));
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.3;
		return imp;
	}

	@Test
	void aMissingInputIsRefusedInOneLineBeforeTraining() {
		final Path in = dir.resolve("nothing.tif"), out = dir.resolve("out.tif");
		final CliTest.Run r = new CliTest.Run("zssr", in.toString(), out.toString(), "--scale", "2");
		assertEquals(1, r.code, r.err);
		assertTrue(r.err.contains("no such image file: " + in), r.err);
		assertFalse(r.err.contains("Training"), "no training started: " + r.err);
		assertFalse(Files.exists(out));
	}

	@Test
	void anExistingOutputIsKeptWithoutOverwrite() throws Exception {
		final Path in = dir.resolve("in.tif"), out = dir.resolve("out.tif");
		assertTrue(new FileSaver(image()).saveAsTiff(in.toString()));
		Files.write(out, new byte[] { 1, 2, 3 });
		final CliTest.Run r = new CliTest.Run("zssr", in.toString(), out.toString(), "--scale", "2");
		assertEquals(1, r.code, r.err);
		assertTrue(r.err.contains("overwrite"), r.err);
		assertFalse(r.err.contains("Training"), "no training started: " + r.err);
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(out));
	}

	@Test
	void aBadOptionIsRefusedBeforeTraining() throws Exception {
		final Path in = dir.resolve("in.tif"), out = dir.resolve("out.tif");
		assertTrue(new FileSaver(image()).saveAsTiff(in.toString()));
		final CliTest.Run r = new CliTest.Run("zssr", in.toString(), out.toString(), "--scale", "2", "--kernel", "gauss");
		assertEquals(1, r.code, r.err);
		assertTrue(r.err.contains("Unknown kernel 'gauss'"), r.err);
		assertFalse(r.err.contains("Training"), r.err);
	}

	@Test
	void aShortRunWritesTheUpscaledCalibratedImage() throws Exception {
		final Path in = dir.resolve("in.tif"), out = dir.resolve("out.tif");
		assertTrue(new FileSaver(image()).saveAsTiff(in.toString()));
		final CliTest.Run r = new CliTest.Run("zssr", in.toString(), out.toString(), "--scale", "3", "--steps", "2", "--width", "8",
			"--depth", "3", "--patch", "16", "--seed", "4", "--threads", "1");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("wrote " + out + " (96x84, 16-bit) with zero-shot x3 (2 steps)"), r.out);
		final ImagePlus written = IJ.openImage(out.toString());
		assertEquals(96, written.getWidth());
		assertEquals(84, written.getHeight());
		assertEquals(16, written.getBitDepth());
		assertEquals(0.1, written.getCalibration().pixelWidth, 1e-6); // TIFF keeps a rational
	}
}
