package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.deepsr.backend.Device;
import org.deepsr.backend.TinyNet;
import org.deepsr.cli.Main;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan is fitted to the heap before the first plane: tiles too large for
 * a small heap are shrunk (the output unchanged), and an output that cannot
 * fit is refused in one line naming what would, never with a stack trace.
 * Each case runs the command line in a JVM with a small {@code -Xmx}.
 */
class MemoryTest {

	@TempDir
	Path dir;

	/** {@code deepsr upscale ARGS} in a JVM with {@code -Xmx<heap>}: its exit code and its output, stderr included. */
	private Object[] deepsr(final String heap, final String... args) throws Exception {
		final List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin",
			"java").toString(), "-Xmx" + heap, "-Djava.awt.headless=true", "-Ddeepsr.cache=" + dir.resolve("cache"),
			"-cp", System.getProperty("java.class.path"), Main.class.getName(), "upscale"));
		cmd.addAll(Arrays.asList(args));
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(2, TimeUnit.MINUTES), "timed out");
		return new Object[] { p.exitValue(), log };
	}

	/**
	 * One tile of 1024x1024 through a x3 network needs about 80 MiB of tile
	 * buffers on top of the plane's: under a heap between the engine's
	 * estimates for that tile and for tiles of 512 (about 99 MiB) this ended in an
	 * OutOfMemoryError before tiles were fitted to the heap. Now the tiles
	 * shrink, and the file equals the one-tile result of a large heap (tiled
	 * equals untiled: the halo covers the receptive field).
	 */
	@Test
	void tilesTooLargeForTheHeapShrinkAndGiveTheSameOutput() throws Exception {
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
		try {
			final Path bundle = TinyBundle.create(new TinyNet(1, 3, 3), "grey", dir);
			final int size = 1024;
			final Random random = new Random(3);
			final ShortProcessor sp = new ShortProcessor(size, size);
			for (int i = 0; i < size * size; i++)
				sp.set(i, 20000 + (int) (15000 * Math.sin(i * 0.002) * Math.sin(i % size * 0.03)) + random.nextInt(800));
			final ImagePlus input = new ImagePlus("grey", sp);
			final Path in = dir.resolve("grey.tif"), out = dir.resolve("grey-x3.tif");
			assertTrue(new FileSaver(input).saveAsTiff(in.toString()));
			// the heap between the engine's estimates for one tile of 1024 and tiles of 512, with room for the JVM's own
			final long whole, half;
			try (ModelEngine engine = new ModelEngine(org.deepsr.model.Models.load(bundle, Device.CPU, Progress.NONE),
				"tiny", size, 0))
			{
				whole = engine.planeBytes(size, size, 1, false);
				assertEquals(size / 2, engine.shrinkTiles(size, size));
				half = engine.planeBytes(size, size, 1, false);
			}
			final long heap = (whole + half) / 2 / (1 << 20) + 8;
			assertTrue(whole > (heap << 20) && half < (heap << 20) * 3 / 4, whole + ", " + half + " for " + heap + " MiB");
			final Object[] run = deepsr(heap + "m", "--model", bundle.toString(), "--tile", "" + size, in.toString(),
				out.toString());
			assertEquals(0, run[0], (String) run[1]);
			assertTrue(((String) run[1]).contains("tiles of 512 pixels fit"), (String) run[1]);
			try (Upscaler up = Upscaler.open(new UpscaleSettings().method(bundle.toString()).tile(size).device(
				Device.CPU), new ModelRegistry(null, dir.resolve("user")), Progress.NONE))
			{
				final ImagePlus expected = up.upscale(input, Progress.NONE);
				assertArrayEquals((short[]) expected.getProcessor().getPixels(), (short[]) IJ.openImage(out.toString())
					.getProcessor().getPixels());
			}
		}
		finally {
			System.clearProperty("deepsr.cache");
		}
	}

	/**
	 * A PNG output is made in memory, then copied by ImageJ's writer and
	 * decoded to check it: 2048x2048 8-bit upscaled x4 is three 64 MiB images,
	 * more than a 128 MiB heap holds however small the bands of the bicubic
	 * work. Refused before any plane, in one line that names the need (the
	 * engine's own estimate), the free heap, a .tif output (which streams) and
	 * a heap that would do.
	 */
	@Test
	void anInMemoryOutputLargerThanTheHeapIsRefusedInOneLine() throws Exception {
		final int size = 2048, scale = 4;
		final Path in = randomPng(size), out = dir.resolve("grey-x4.png");
		final String line = refusal(deepsr("128m", "--model", "bicubic", "--scale", "" + scale, in.toString(), out
			.toString()));
		assertTrue(line.matches("deepsr: upscaling 'grey.png' needs about \\d+ MiB of heap, \\d+ MiB are free: " +
			"write to a .tif or .nii file \\(streams plane by plane\\), or start Java with -Xmx\\d+m " +
			"\\(in Fiji: Edit > Options > Memory & Threads\\)"), line);
		final long need = Long.parseLong(line.replaceAll(".*needs about (\\d+) MiB.*", "$1"));
		// the estimate the upscaler made: three output images and the bicubic work in the smallest bands
		final ClassicalEngine engine = new ClassicalEngine(org.deepsr.resample.Interpolation.BICUBIC, scale);
		while (engine.shrinkTiles(size, size) > 0) {}
		final long output = (long) scale * size * scale * size;
		assertEquals((long) Math.ceil((3 * output + engine.planeBytes(size, size, 1, false)) / (double) (1 << 20)),
			need, line);
		final long heap = Long.parseLong(line.replaceAll(".*-Xmx(\\d+)m.*", "$1"));
		assertTrue(heap > need, line);
		assertFalse(Files.exists(out));
	}

	/**
	 * What that refusal offers holds: into a .tif the same upscaling streams,
	 * the bicubic plane computed band by band as the file is written. The heap
	 * is below the engine's estimate for the whole float plane (an
	 * OutOfMemoryError before banding) and above its estimate for bands of
	 * its first tiles; the file equals the whole plane interpolated at once.
	 */
	@Test
	void aClassicalPlaneLargerThanTheHeapGoesBandByBandIntoATiff() throws Exception {
		final int size = 2048, scale = 4;
		final Path in = randomPng(size), out = dir.resolve("grey-x4.tif");
		final ClassicalEngine engine = new ClassicalEngine(org.deepsr.resample.Interpolation.BICUBIC, scale);
		final long whole = engine.planeBytes(size, size, 1, false);
		engine.shrinkTiles(size, size);
		final long banded = engine.planeBytes(size, size, 1, false);
		final long heap = 128L << 20;
		assertTrue(whole > 2 * heap && banded < heap, whole + " and " + banded + " bytes for a heap of " + heap);
		final Object[] run = deepsr(heap / (1 << 20) + "m", "--model", "bicubic", "--scale", "" + scale, in
			.toString(), out.toString());
		assertEquals(0, run[0], (String) run[1]);
		try (Upscaler whole1 = new Upscaler(new ClassicalEngine(org.deepsr.resample.Interpolation.BICUBIC, scale),
			false))
		{
			final ImagePlus expected = whole1.upscale(IJ.openImage(in.toString()), Progress.NONE);
			assertArrayEquals((byte[]) expected.getProcessor().getPixels(), (byte[]) IJ.openImage(out.toString())
				.getProcessor().getPixels());
		}
	}

	/**
	 * ESPCN x3 on a 6000x6000 TIFF under -Xmx512m: the network's float output
	 * plane alone is 1.2 GiB. This ended in an OutOfMemoryError and a stack
	 * trace; now it is refused before the first tile, in one line whose heap
	 * would hold the need it names, and nothing is written.
	 */
	@Test
	void espcnOnALargePlaneUnderASmallHeapIsOneLine() throws Exception {
		final int size = 6000;
		final ByteProcessor bp = new ByteProcessor(size, size);
		final byte[] pixels = (byte[]) bp.getPixels();
		for (int i = 0; i < pixels.length; i++)
			pixels[i] = (byte) (128 + 100 * Math.sin(i * 0.001) * Math.sin(i % size * 0.01));
		final Path in = dir.resolve("large.tif"), out = dir.resolve("large-x3.tif");
		assertTrue(new FileSaver(new ImagePlus("large", bp)).saveAsTiff(in.toString()));
		final String line = refusal(deepsr("512m", "--model", "ESPCN_x3-deepsr", "--device", "cpu", in.toString(),
			out.toString()));
		assertTrue(line.matches("deepsr: upscaling 'large.tif' needs about [0-9.]+ GiB of heap, \\d+ MiB are free: " +
			"start Java with -Xmx\\d+m \\(in Fiji: Edit > Options > Memory & Threads\\)"), line);
		final double need = Double.parseDouble(line.replaceAll(".*needs about ([0-9.]+) GiB.*", "$1"));
		assertTrue(need >= 4.0 * 9 * size * size / (1L << 30), line + ": at least the float output plane");
		assertTrue(Long.parseLong(line.replaceAll(".*-Xmx(\\d+)m.*", "$1")) > need * 1024, line);
		assertFalse(Files.exists(out));
	}

	/** A run's one failure: exit 1, one "deepsr:" line (returned), no OutOfMemoryError or stack trace. */
	private static String refusal(final Object[] run) {
		final String log = (String) run[1];
		assertEquals(1, run[0], log);
		final List<String> lines = Arrays.stream(log.split("\\R")).filter(l -> l.startsWith("deepsr:")).collect(
			Collectors.toList());
		assertEquals(1, lines.size(), log);
		assertFalse(log.contains("OutOfMemoryError") || log.contains("\tat ") || log.contains("Exception"), log);
		return lines.get(0);
	}

	/** A {@code size x size} 8-bit PNG of noise, grey.png. */
	private Path randomPng(final int size) {
		final Random random = new Random(4);
		final ByteProcessor bp = new ByteProcessor(size, size);
		for (int i = 0; i < size * size; i++)
			bp.set(i, random.nextInt(256));
		final Path in = dir.resolve("grey.png");
		assertTrue(new FileSaver(new ImagePlus("grey", bp)).saveAsPng(in.toString()));
		return in;
	}
}
