package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.backend.Device;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.TinyBundle;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepsr upscale} on a multi-channel TIFF stack with a model per channel. */
class HyperstackCliTest {

	@TempDir
	static Path dir;

	@BeforeAll
	static void cache() {
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
	}

	@AfterAll
	static void clear() {
		System.clearProperty("deepsr.cache");
	}

	@Test
	void aModelPerChannelFromTheCommandLine() throws IOException {
		final ImagePlus stack = IJ.createHyperStack("cells", 14, 10, 2, 3, 1, 16);
		for (int i = 1; i <= 6; i++) {
			final ShortProcessor sp = (ShortProcessor) stack.getStack().getProcessor(i);
			for (int p = 0; p < 140; p++)
				sp.set(p, (i % 2 == 1 ? 300 : 9000) + (37 * p * i) % (i % 2 == 1 ? 900 : 30000));
		}
		final Path in = dir.resolve("cells.tif"), out = dir.resolve("cells-x2.tif");
		IJ.saveAsTiff(stack, in.toString());
		final Path x2 = TinyBundle.bundle(dir, TinyBundle.descriptor("d2", 2, "grey"), new double[][] { { 2 } });
		final Path x3 = TinyBundle.bundle(dir, TinyBundle.descriptor("d3", 3, "grey"), new double[][] { { 2 } });
		final CliTest.Run r = new CliTest.Run("upscale", "--model", "C1=" + x2 + ",C2=bicubic", "--device", "cpu",
			in.toString(), out.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("C1: model " + x2) && r.out.contains("C2: bicubic x2"), r.out);
		final ImagePlus written = IJ.openImage(out.toString());
		assertEquals(2, written.getNChannels());
		assertEquals(3, written.getNSlices());
		try (Upscaler up = Upscaler.open(new UpscaleSettings().methods(x2 + ",bicubic").device(Device.CPU),
			new ModelRegistry(null, dir.resolve("user")), Progress.NONE))
		{
			final ImagePlus expected = up.upscale(stack, Progress.NONE);
			for (int i = 1; i <= 6; i++)
				assertArrayEquals((short[]) expected.getStack().getPixels(i), (short[]) written.getStack().getPixels(i));
		}
		final Path never = dir.resolve("never.tif");
		final CliTest.Run mixed = new CliTest.Run("upscale", "--model", x2 + "," + x3, in.toString(), never
			.toString());
		assertEquals(1, mixed.code);
		assertTrue(mixed.err.contains("per-channel models must share one scale, but C1 " + x2 + " x2, C2 " + x3 +
			" x3") && mixed.err.trim().split("\n").length == 1, mixed.err);
		assertFalse(Files.exists(never));
	}
}
