package org.deepsr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.ShortProcessor;

/** {@code deepsr-spark upscale --master local[2]}: the command line, its summary, its one-line refusals. */
class SparkMainTest {

	@TempDir
	Path dir;

	@Test
	void upscalesAFolderThenSkipsItAndRefusesAStackIntoOneFile() throws IOException {
		final Path in = dir.resolve("in");
		Files.createDirectories(in);
		for (int k = 0; k < 3; k++) {
			final ShortProcessor p = new ShortProcessor(16, 12);
			for (int i = 0; i < 16 * 12; i++) p.set(i, (i * 37 + k * 1001) % 4096);
			ImageFiles.save(new ImagePlus("a" + k, p), in.resolve("a" + k + ".tif"), false);
		}
		final Path out = dir.resolve("out"), single = dir.resolve("single");
		String[] r = run("upscale", "--master", "local[2]", in.toString(), out.toString(), "--model", "bicubic");
		assertEquals("0", r[0], r[1] + r[2]);
		assertTrue(r[1].contains("3 parts, 3 written, 0 skipped, 0 failed"), r[1]);
		final StringWriter o = new StringWriter(), e = new StringWriter();
		assertEquals(0, org.deepsr.cli.Main.execute(new PrintWriter(o), new PrintWriter(e), "upscale", "--model",
			"bicubic", in.toString(), single.toString()), o + "" + e);
		for (int k = 0; k < 3; k++)
			assertArrayEquals(Files.readAllBytes(single.resolve("a" + k + "-x2.tif")), Files.readAllBytes(out.resolve("a" +
				k + "-x2.tif")));

		r = run("upscale", "--master", "local[2]", in.toString(), out.toString(), "--model", "bicubic");
		assertEquals("0", r[0], r[1] + r[2]);
		assertTrue(r[1].contains("3 parts, 0 written, 3 skipped, 0 failed"), r[1]);

		r = run("upscale", "--master", "local[2]", in.resolve("a0.tif").toString(), dir.resolve("x.tif").toString(),
			"--model", "bicubic");
		assertEquals("1", r[0]);
		assertEquals(1, r[2].strip().lines().count(), r[2]);
		assertTrue(r[2].startsWith("deepsr-spark: ") && r[2].contains("OME-Zarr output"), r[2]);
	}

	private static String[] run(final String... args) {
		final StringWriter out = new StringWriter(), err = new StringWriter();
		final int code = SparkMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new String[] { String.valueOf(code), out.toString(), err.toString() };
	}
}
