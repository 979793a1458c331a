package org.deepsr.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import org.deepsr.macro.HeadlessMacro;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.deepsr.volume.Orientation;
import org.deepsr.volume.ThroughPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins &gt; DeepSR &gt; Through-plane Upscale as a macro in a headless
 * ImageJ JVM, as users run it: the result and the saved file equal the core's;
 * a virtual stack streams into the file and the result is a virtual stack.
 */
class ThroughPlaneCommandTest {

	@TempDir
	Path dir;

	@Test
	void theMacroRefinesTheStackAlongZ() throws Exception {
		refine(false);
	}

	@Test
	void aVirtualStackStreamsIntoTheSavedFile() throws Exception {
		refine(true);
	}

	private void refine(final boolean virtual) throws Exception {
		final ImageStack stack = new ImageStack(8, 6);
		for (int z = 0; z < 4; z++) {
			final ByteProcessor bp = new ByteProcessor(8, 6);
			for (int i = 0; i < 48; i++)
				bp.set(i, (11 * i + 60 * z) % 256);
			stack.addSlice(bp);
		}
		final ImagePlus input = new ImagePlus("stack", stack);
		final Path in = dir.resolve("stack.tif"), out = dir.resolve("stack-z.tif"), macro = dir.resolve("tp.ijm");
		assertTrue(new FileSaver(input).saveAsTiffStack(in.toString()));
		Files.writeString(macro, "setBatchMode(true);\n" + (virtual ? "run(\"TIFF Virtual Stack...\", \"open=[" + in +
			"]\");\n" : "open(\"" + in + "\");\n") +
			"run(\"Through-plane Upscale\", \"model=bicubic scale=1 tile=0 device=cpu axis=z zfactor=1.5 orientations=xz save=[" +
			out + "]\");\nprint(\"result title=\" + getTitle() + \" slices=\" + nSlices + \" virtual=\" + is(\"Virtual Stack\"));\n");
		final HeadlessMacro.Run run = HeadlessMacro.launch(macro, "");
		assertEquals(0, run.exit, run.log);
		assertTrue(run.log.contains("result title=stack-z1.5 slices=6 virtual=" + (virtual ? 1 : 0)), run.log);
		final ImagePlus written = IJ.openImage(out.toString());
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method("bicubic").scale(1), new ModelRegistry(null,
			dir.resolve("user")), Progress.NONE))
		{
			final ImagePlus expected = new ThroughPlane(up, 1.5, EnumSet.of(Orientation.XZ), ThroughPlane.resampling(
				"bicubic")).run(input, Progress.NONE);
			assertEquals(6, written.getStackSize());
			for (int z = 1; z <= 6; z++)
				assertArrayEquals((byte[]) expected.getStack().getPixels(z), (byte[]) written.getStack().getPixels(z),
					"slice " + z);
		}
	}
}
