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
			final Path bundle = TinyBundle.create(new TinyNet(1, 3, 5), "grey", dir);
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

	/**
	 * The streamed file against the ImagePlus path of before (upscale in memory,
	 * then ImageJ's FileSaver): same pixels, layout, LUTs, display ranges, labels
	 * and calibration, for a composite C/Z/T hyperstack and for RGB.
	 */
	@Test
	void streamedFileKeepsWhatTheImagePlusPathKept() throws IOException {
		final ImagePlus hyper = IJ.createHyperStack("hyper", 9, 7, 2, 3, 2, 16);
		final Random random = new Random(5);
		for (int i = 1; i <= hyper.getStackSize(); i++) {
			hyper.getStack().setSliceLabel("label " + i, i);
			for (int p = 0; p < 63; p++)
				hyper.getStack().getProcessor(i).set(p, random.nextInt(60000));
		}
		final ij.CompositeImage composite = new ij.CompositeImage(hyper, ij.CompositeImage.COLOR);
		composite.setChannelLut(ij.process.LUT.createLutFromColor(java.awt.Color.ORANGE), 1);
		composite.getChannelLut(2).min = 100;
		composite.getChannelLut(2).max = 20000;
		final ij.measure.Calibration cal = composite.getCalibration();
		cal.setUnit("micron");
		cal.pixelWidth = 0.3;
		cal.pixelHeight = 0.3;
		cal.pixelDepth = 1.2;
		cal.xOrigin = 4;
		cal.frameInterval = 5;
		final ij.process.ColorProcessor colour = new ij.process.ColorProcessor(8, 6);
		for (int p = 0; p < 48; p++)
			colour.set(p, random.nextInt(1 << 24));
		for (final ImagePlus input : new ImagePlus[] { composite, new ImagePlus("colour", colour) }) {
			final Path in = dir.resolve(input.getTitle() + ".tif");
			assertTrue(new FileSaver(input).saveAsTiff(in.toString()));
			try (Upscaler up = Upscaler.open(new UpscaleSettings().method("bicubic").scale(2), new ModelRegistry(null,
				dir.resolve("user")), Progress.NONE))
			{
				final Path streamed = dir.resolve(input.getTitle() + "-streamed.tif"), before = dir.resolve(input
					.getTitle() + "-before.tif");
				up.upscaleFile(in, streamed, false, Progress.NONE);
				org.deepsr.image.ImageFiles.save(up.upscale(org.deepsr.image.ImageFiles.open(in), Progress.NONE), before,
					false);
				final ImagePlus a = IJ.openImage(before.toString()), b = IJ.openImage(streamed.toString());
				assertEquals(a.getBitDepth(), b.getBitDepth());
				assertArrayEquals(a.getDimensions(), b.getDimensions());
				assertEquals(a.getClass(), b.getClass());
				final ij.measure.Calibration ca = a.getCalibration(), cb = b.getCalibration();
				assertEquals(ca.getUnit(), cb.getUnit());
				assertEquals(ca.pixelWidth, cb.pixelWidth, 1e-9);
				assertEquals(ca.pixelDepth, cb.pixelDepth, 1e-12);
				assertEquals(ca.xOrigin, cb.xOrigin, 1e-9);
				assertEquals(ca.frameInterval, cb.frameInterval, 1e-12);
				for (int i = 1; i <= a.getStackSize(); i++) {
					assertEquals(a.getStack().getSliceLabel(i), b.getStack().getSliceLabel(i));
					assertArrayEquals(new Object[] { a.getStack().getPixels(i) }, new Object[] { b.getStack().getPixels(i) },
						"plane " + i);
				}
				if (a instanceof ij.CompositeImage) {
					assertEquals(((ij.CompositeImage) a).getMode(), ((ij.CompositeImage) b).getMode());
					for (int c = 1; c <= a.getNChannels(); c++) {
						final ij.process.LUT la = ((ij.CompositeImage) a).getChannelLut(c), lb = ((ij.CompositeImage) b)
							.getChannelLut(c);
						assertEquals(la.min, lb.min);
						assertEquals(la.max, lb.max);
						assertEquals(la.getRGB(200), lb.getRGB(200));
					}
				}
			}
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
