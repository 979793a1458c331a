package org.deepsr.benchmark;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.deepsr.LoadAverage;
import org.deepsr.PythonBench;
import org.deepsr.image.ImageFiles;
import org.deepsr.model.ModelRegistry;
import org.deepsr.model.OpenCvModels;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;

/**
 * DeepSR against OpenCV's {@code dnn_superres} (Debian's python3-opencv,
 * child {@code bench/python/opencv_side_by_side.py}) in one run: the same
 * OpenCV {@code .pb} (ESPCN and FSRCNN x2/x3/x4, imported as
 * OpenCvModelsBenchmark imports them) on the same 8-bit PNG, grey and RGB,
 * same threads (the processors). Prints MP/s of output for both (DeepSR: best of R runs with
 * the automatic tiles and with one tile over the whole image, after a
 * warm-up each; OpenCV: best of R after a warm-up), the ratio DeepSR/OpenCV
 * and the largest difference between the two outputs in 8-bit levels (the
 * same network: rounding and, for RGB, chroma resampling differ).
 *
 * <pre>bench/run OpenCvSideBySide [size=1024] [R=3] [colours=grey,rgb] [data=../shared/data]</pre>
 */
public final class OpenCvSideBySide {

	public static void main(final String[] args) throws Exception {
		final int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
		final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		final String[] colours = (args.length > 2 ? args[2] : "grey,rgb").split(",");
		final Path data = Paths.get(args.length > 3 ? args[3] : "../shared/data");
		// DeepSR's sessions use every processor; OpenCV gets as many threads
		final int threads = Runtime.getRuntime().availableProcessors();
		final Path dir = Files.createTempDirectory("opencv-side-by-side");
		final ModelRegistry registry = new ModelRegistry(null, dir);
		System.out.println("load average " + LoadAverage.now());
		System.out.printf(Locale.ROOT, "%dx%d 8-bit in, %d threads, best of %d%n", size, size, threads, rounds);
		System.out.println("| model | colour | DeepSR MP/s (tiles) | OpenCV MP/s | DeepSR/OpenCV | max |difference| |");
		System.out.println("|---|---|---|---|---|---|");
		for (final String colour : colours) {
			final boolean rgb = colour.equals("rgb");
			final Path in = dir.resolve(colour + ".png");
			ImageFiles.save(new ImagePlus(colour, pattern(size, rgb)), in, true);
			final ImagePlus image = ImageFiles.open(in);
			for (final String family : new String[] { "ESPCN", "FSRCNN" })
				for (int s = 2; s <= 4; s++) {
					final Path pb = data.resolve("models/opencv/" + family + "_x" + s + ".pb");
					final String model = OpenCvModels.importModel(pb, dir.resolve(family + "_x" + s + ".zip"), true,
						Progress.NONE).toString();
					double best = Double.MAX_VALUE;
					String tiles = null;
					ImagePlus ours = null;
					for (final int tile : new int[] { 0, size }) {
						try (Upscaler up = Upscaler.open(new UpscaleSettings().method(model).scale(s).tile(tile), registry,
							Progress.NONE))
						{
							ours = up.upscale(image, Progress.NONE);
							for (int r = 0; r < rounds; r++) {
								final long t0 = System.nanoTime();
								ours = up.upscale(image, Progress.NONE);
								final double t = (System.nanoTime() - t0) / 1e9;
								if (t < best) {
									best = t;
									tiles = tile == 0 ? "automatic" : "whole";
								}
							}
						}
					}
					final Path theirs = dir.resolve(colour + "-" + family + s + "-opencv.png");
					final String line = PythonBench.run("opencv_side_by_side.py", pb, family.toLowerCase(Locale.ROOT), s,
						in, theirs, threads, rounds);
					final double opencv = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
					final double mp = (double) ours.getWidth() * ours.getHeight() / 1e6 / best;
					System.out.printf(Locale.ROOT, "| %s x%d | %s | %.2f (%s) | %.2f | %.2f | %d |%n", family, s, colour, mp,
						tiles, opencv, mp / opencv, maxDifference(ours.getProcessor(), ImageFiles.open(theirs)
							.getProcessor()));
				}
		}
		System.out.println("load average " + LoadAverage.now());
	}

	/** The largest difference of any channel, in levels. */
	private static int maxDifference(final ImageProcessor a, final ImageProcessor b) {
		int max = 0;
		for (int i = 0; i < a.getPixelCount(); i++) {
			if (a instanceof ColorProcessor) {
				final int p = a.get(i), q = b.get(i);
				for (int shift = 0; shift < 24; shift += 8)
					max = Math.max(max, Math.abs((p >> shift & 255) - (q >> shift & 255)));
			}
			else max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
		}
		return max;
	}

	/** A deterministic 8-bit image with edges, gradients and texture; RGB: three such patterns. */
	private static ImageProcessor pattern(final int size, final boolean rgb) {
		final ImageProcessor ip = rgb ? new ColorProcessor(size, size) : new ByteProcessor(size, size);
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				int v = 0;
				for (int c = 0; c < (rgb ? 3 : 1); c++)
					v = v << 8 | (int) Math.max(0, Math.min(255, 128 + 60 * Math.sin(x * 0.05 + c) * Math.cos(y * 0.031) +
						40 * Math.sin((x + 2 * y) * 0.37 + c) + ((x / 64 + y / 64 + c) % 2 == 0 ? 20 : -20)));
				ip.set(x, y, v);
			}
		return ip;
	}
}
