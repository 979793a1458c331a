package org.deepsr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.macro.HeadlessMacro;
import org.deepsr.progress.Progress;
import org.deepsr.zeroshot.ZeroShotOptions;
import org.deepsr.zeroshot.ZeroShotUpscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins &gt; DeepSR &gt; Zero-Shot Upscale as a recorded macro in a headless
 * ImageJ JVM: the saved file equals the core's result for the same options
 * and seed, with the calibration scaled.
 */
class ZeroShotCommandTest {

	@TempDir
	Path dir;

	@Test
	void theMacroUpscalesTheCurrentImageAsTheCoreDoes() throws Exception {
		final short[] v = new short[36 * 30];
		for (int i = 0; i < v.length; i++) v[i] = (short) (300 + 50 * ((i % 36) / 6 + (i / 36) / 5) + 7 * (i % 5));
		final ImagePlus input = new ImagePlus("cells", new ShortProcessor(36, 30, v, null));
		input.getCalibration().pixelWidth = input.getCalibration().pixelHeight = 0.2;
		final Path in = dir.resolve("cells.tif"), out = dir.resolve("cells-zssr.tif"), macro = dir.resolve("zssr.ijm");
		assertTrue(new FileSaver(input).saveAsTiff(in.toString()));
		Files.writeString(macro, "setBatchMode(true);\nopen(\"" + in + "\");\n"
			+ "run(\"Zero-Shot Upscale\", \"scale=2 steps=3 kernel=bicubic seed=5 device=cpu save=[" + out + "]\");\n"
			+ "print(\"result title=\" + getTitle() + \" width=\" + getWidth());\n");
		final HeadlessMacro.Run run = HeadlessMacro.launch(macro, "");
		assertEquals(0, run.exit, run.log);
		assertTrue(run.log.contains("result title=cells-x2-zssr width=72"), run.log);
		final ImagePlus written = IJ.openImage(out.toString());
		assertEquals(0.1, written.getCalibration().pixelWidth, 1e-6);
		final ZeroShotOptions o = new ZeroShotOptions();
		o.steps = 3;
		o.seed = 5;
		o.device = "cpu";
		final ImagePlus expected = ZeroShotUpscaler.upscale(IJ.openImage(in.toString()), o, Progress.NONE).image;
		// TensorFlow's multi-threaded sums may round differently in another JVM: one count at most, same seed
		final short[] e = (short[]) expected.getProcessor().getPixels(), w = (short[]) written.getProcessor().getPixels();
		assertEquals(e.length, w.length);
		int differ = 0;
		for (int i = 0; i < e.length; i++) {
			assertTrue(Math.abs((e[i] & 0xffff) - (w[i] & 0xffff)) <= 1, "pixel " + i + ": " + (e[i] & 0xffff) + " vs " +
				(w[i] & 0xffff));
			if (e[i] != w[i]) differ++;
		}
		assertTrue(differ <= e.length / 100, differ + " pixels differ by one count");
	}
}
