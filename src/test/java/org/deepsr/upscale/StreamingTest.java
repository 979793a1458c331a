package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.deepsr.backend.Device;
import org.deepsr.backend.TinyNet;
import org.deepsr.cli.Main;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelImporter;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TIFF to TIFF streams: the file path gives exactly what the in-memory path
 * gives, and a JVM whose heap is several times smaller than the output
 * upscales the stack through the command line.
 */
class StreamingTest {

	@TempDir
	Path dir;

	/** An ImageJ-written 16-bit stack (ImageJ's writer, independent of TiffSink) of smooth noise. */
	private static ImagePlus stack(final int size, final int slices, final long seed) {
		final Random random = new Random(seed);
		final ImageStack stack = new ImageStack(size, size);
		for (int z = 0; z < slices; z++) {
			final ShortProcessor sp = new ShortProcessor(size, size);
			for (int i = 0; i < size * size; i++)
				sp.set(i, 1000 + (int) (20000 * Math.sin(i * 0.001 + z) * Math.sin(i % size * 0.05)) + 20000 + random.nextInt(500));
			stack.addSlice("z" + z, sp);
		}
		final ImagePlus imp = new ImagePlus("stack", stack);
		imp.getCalibration().pixelWidth = 0.4;
		imp.getCalibration().pixelHeight = 0.4;
		imp.getCalibration().pixelDepth = 2;
		imp.getCalibration().setUnit("micron");
		return imp;
	}

	@Test
	void tiffToTiffEqualsTheInMemoryResultWithAModel() throws IOException {
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
		try {
			final TinyNet net = new TinyNet(1, 3, 5);
			final Path pb = dir.resolve("tiny.pb");
			Files.write(pb, net.graphDef(false));
			final ModelDescriptor d = new ModelDescriptor();
			d.name = "tiny";
			d.architecture = "TinyNet";
			d.scale = 3;
			d.channels.mode = "grey";
			d.input.tensor = "input";
			d.output.tensor = "output";
			final Path bundle = ModelImporter.importFrozenGraph(pb, d, dir.resolve("tiny.zip"), false, Progress.NONE);
			final ImagePlus input = stack(40, 5, 1);
			final Path in = dir.resolve("in.tif"), out = dir.resolve("out.tif");
			assertTrue(new FileSaver(input).saveAsTiffStack(in.toString()));
			try (Upscaler up = Upscaler.open(new UpscaleSettings().method(bundle.toString()).tile(16).device(
				Device.CPU), new ModelRegistry(null, dir.resolve("user")), Progress.NONE))
			{
				up.upscaleFile(in, out, false, Progress.NONE);
				final ImagePlus expected = up.upscale(input, Progress.NONE);
				final ImagePlus streamed = IJ.openImage(out.toString());
				assertEquals(expected.getStackSize(), streamed.getStackSize());
				assertEquals(expected.getCalibration().pixelWidth, streamed.getCalibration().pixelWidth, 1e-9);
				assertEquals(expected.getCalibration().pixelDepth, streamed.getCalibration().pixelDepth, 1e-12);
				assertEquals(expected.getCalibration().getUnit(), streamed.getCalibration().getUnit());
				for (int z = 1; z <= 5; z++)
					assertArrayEquals((short[]) expected.getStack().getPixels(z), (short[]) streamed.getStack().getPixels(
						z), "slice " + z + ": whole-stack normalisation and tiles as in memory");
			}
		}
		finally {
			System.clearProperty("deepsr.cache");
		}
	}

	@Test
	void aSmallHeapUpscalesAStackFourTimesLargerThanItself() throws Exception {
		// 320 slices of 256x256 16-bit, x4: 640 MiB of output through a 160 MiB heap.
		final int size = 256, slices = 320, scale = 4;
		final ImagePlus input = stack(size, slices, 2);
		final Path in = dir.resolve("big.tif"), out = dir.resolve("big-x4.tif");
		assertTrue(new FileSaver(input).saveAsTiffStack(in.toString()));
		final List<String> cmd = Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx160m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
			Main.class.getName(), "upscale", "--model", "bicubic", "--scale", "" + scale, in.toString(), out
				.toString());
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
		assertEquals(0, p.exitValue(), log);
		final long bytes = Files.size(out);
		assertTrue(bytes > 4L * 160 * 1024 * 1024, bytes + " bytes");
		final ImagePlus result = IJ.openVirtual(out.toString());
		assertEquals(slices, result.getNSlices());
		assertEquals(size * scale, result.getWidth());
		assertEquals(0.1, result.getCalibration().pixelWidth, 1e-9);
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method("bicubic").scale(scale), new ModelRegistry(
			null, dir.resolve("user")), Progress.NONE))
		{
			for (final int z : new int[] { 1, 160, slices }) {
				final ImagePlus one = new ImagePlus("slice", input.getStack().getProcessor(z));
				assertArrayEquals((short[]) up.upscale(one, Progress.NONE).getProcessor().getPixels(), (short[]) result
					.getStack().getProcessor(z).getPixels(), "slice " + z);
			}
		}
	}
}
