package org.deepsr.command;

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

import org.deepsr.macro.HeadlessMacro;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fiji command on a virtual stack with a .tif to save to: the stack is
 * streamed into the file, and the command's output is a virtual stack read
 * from it, equal to the in-memory result. Run as a macro in a headless
 * ImageJ JVM, as users run it.
 */
class VirtualStackUpscaleTest {

	@TempDir
	Path dir;

	@Test
	void aVirtualStackStreamsIntoTheSavedFile() throws Exception {
		final ImageStack stack = new ImageStack(12, 9);
		for (int z = 0; z < 4; z++) {
			final ShortProcessor sp = new ShortProcessor(12, 9);
			for (int i = 0; i < 108; i++)
				sp.set(i, 300 * z + 7 * i);
			stack.addSlice(sp);
		}
		final ImagePlus input = new ImagePlus("virtual", stack);
		final Path in = dir.resolve("virtual.tif"), out = dir.resolve("virtual-x2.tif"), macro = dir.resolve(
			"virtual.ijm");
		assertTrue(new FileSaver(input).saveAsTiffStack(in.toString()));
		Files.writeString(macro, "setBatchMode(true);\nrun(\"TIFF Virtual Stack...\", \"open=[" + in + "]\");\nprint(\"input virtual=\" + is(\"Virtual Stack\"));\n" +
			"run(\"Upscale\", \"model=bicubic scale=2 tile=0 device=cpu save=[" + out + "]\");\n" +
			"print(\"result virtual=\" + is(\"Virtual Stack\") + \" title=\" + getTitle() + \" slices=\" + nSlices);\n");
		final HeadlessMacro.Run run = HeadlessMacro.launch(macro, "");
		assertEquals(0, run.exit, run.log);
		assertTrue(run.log.contains("result virtual=1 title=virtual-x2 slices=4"), run.log);
		final ImagePlus written = IJ.openImage(out.toString());
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method("bicubic").scale(2), new ModelRegistry(null,
			dir.resolve("user")), Progress.NONE))
		{
			final ImagePlus expected = up.upscale(input, Progress.NONE);
			for (int z = 1; z <= 4; z++)
				assertArrayEquals((short[]) expected.getStack().getPixels(z), (short[]) written.getStack().getPixels(z));
		}
	}
}
