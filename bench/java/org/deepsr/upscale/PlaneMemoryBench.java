package org.deepsr.upscale;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.deepsr.backend.Device;
import org.deepsr.backend.TinyNet;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;

/**
 * Heap bytes allocated by the calling thread to upscale one plane (a 512x512
 * RGB image through a luma model, and a 16-bit grey one), in units of one
 * full-size float output plane: {@code bench/run PlaneMemoryBench}.
 * With arguments {@code once N} it upscales one N x N RGB plane and exits, for
 * finding the smallest {@code -Xmx} that suffices (peak live heap).
 */
public final class PlaneMemoryBench {

	private PlaneMemoryBench() {}

	public static void main(final String... args) throws Exception {
		final Path dir = Files.createTempDirectory("deepsr-plane-memory");
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
		final Path bundle = TinyBundle.create(new TinyNet(1, 3, 3), "y", dir);
		final int size = args.length > 1 ? Integer.parseInt(args[1]) : 512;
		final Random random = new Random(1);
		final ColorProcessor rgb = new ColorProcessor(size, size);
		final ShortProcessor grey = new ShortProcessor(size, size);
		for (int i = 0; i < size * size; i++) {
			rgb.set(i, random.nextInt(1 << 24));
			grey.set(i, random.nextInt(65536));
		}
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method(bundle.toString()).device(Device.CPU),
			new ModelRegistry(null, dir.resolve("user")), Progress.NONE))
		{
			if (args.length > 0 && args[0].equals("once")) {
				// One RGB plane and exit: run under decreasing -Xmx to find the smallest heap that suffices.
				up.upscale(new ImagePlus("rgb", rgb), Progress.NONE);
				System.out.println("ok");
				return;
			}
			report("RGB " + size + "x" + size + " x3, luma model", up, new ImagePlus("rgb", rgb));
			report("16-bit " + size + "x" + size + " x3", up, new ImagePlus("grey", grey));
		}
	}

	private static void report(final String what, final Upscaler up, final ImagePlus image) {
		final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		up.upscale(image, Progress.NONE); // warm-up
		final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
		up.upscale(image, Progress.NONE);
		final long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
		final double plane = 4.0 * 9 * image.getWidth() * image.getHeight();
		System.out.println(String.format(Locale.ROOT, "%-28s %7.1f MiB allocated = %.1f full-size float output planes",
			what, bytes / 1048576.0, bytes / plane));
	}
}
