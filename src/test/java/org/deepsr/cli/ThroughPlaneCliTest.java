package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.deepsr.volume.Orientation;
import org.deepsr.volume.ThroughPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepsr through-plane}: TIFF to TIFF, the same voxels as in memory, the refined z calibration. */
class ThroughPlaneCliTest {

	@TempDir
	Path dir;

	private static ImagePlus stack16() {
		final ImageStack stack = new ImageStack(9, 7);
		for (int z = 0; z < 5; z++) {
			final ShortProcessor sp = new ShortProcessor(9, 7);
			for (int i = 0; i < 63; i++)
				sp.set(i, (37 * i + 900 * z) % 4000);
			stack.addSlice(sp);
		}
		final ImagePlus imp = new ImagePlus("cells", stack);
		imp.getCalibration().setUnit("µm");
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.4;
		imp.getCalibration().pixelDepth = 1.0;
		return imp;
	}

	@Test
	void aTiffStackIsRefinedAlongZFromItsCalibration() throws Exception {
		final ImagePlus input = stack16();
		final Path in = dir.resolve("cells.tif"), out = dir.resolve("cells-z.tif");
		assertTrue(new FileSaver(input).saveAsTiffStack(in.toString()));
		final CliTest.Run r = new CliTest.Run("through-plane", "--method", "bicubic", in.toString(), out
			.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("wrote " + out + " (9x7x13, z voxel 0.4 µm"), r.out); // F = 1 / 0.4, round(12.5)
		final ImagePlus written = IJ.openImage(out.toString());
		assertEquals(13, written.getNSlices());
		assertEquals(16, written.getBitDepth());
		assertEquals(0.4, written.getCalibration().pixelDepth, 1e-9);
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method("bicubic").scale(2), new ModelRegistry(null,
			dir.resolve("user")), Progress.NONE))
		{
			final ImagePlus expected = new ThroughPlane(up, 2.5, Orientation.parse("xz,yz"), ThroughPlane.resampling(
				"bicubic")).run(input, Progress.NONE);
			for (int z = 1; z <= 13; z++)
				assertArrayEquals((short[]) expected.getStack().getPixels(z), (short[]) written.getStack().getPixels(z),
					"slice " + z);
		}
	}

	@Test
	void badInputGetsOneClearLine() throws Exception {
		final Path in = dir.resolve("c.tif");
		assertTrue(new FileSaver(stack16()).saveAsTiffStack(in.toString()));
		final CliTest.Run model = new CliTest.Run("through-plane", "--method", "espcn", in.toString(), dir.resolve(
			"o.tif").toString());
		assertEquals(1, model.code);
		assertTrue(model.err.contains("--method espcn is not nearest, bilinear, bicubic or lanczos3"), model.err);
		final CliTest.Run orientation = new CliTest.Run("through-plane", "--method", "bicubic", "--orientations",
			"xy", in.toString(), dir.resolve("o.tif").toString());
		assertEquals(1, orientation.code);
		assertTrue(orientation.err.contains("orientation 'xy' is not xz or yz"), orientation.err);
		Files.writeString(dir.resolve("exists.tif"), "x");
		final CliTest.Run exists = new CliTest.Run("through-plane", "--method", "bicubic", "--z-factor", "2", in
			.toString(), dir.resolve("exists.tif").toString());
		assertEquals(1, exists.code, exists.err);
	}
}
