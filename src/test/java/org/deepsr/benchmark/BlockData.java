package org.deepsr.benchmark;

import org.deepsr.image.ImageFiles;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Tiny benchmark sets whose HR images are made of {@code s x s} constant
 * blocks, with LR files holding one pixel per block: nearest-neighbour
 * upscaling of such an LR image gives back the HR image exactly, so the
 * expected metrics are known without any resampling code.
 */
public final class BlockData {

	private BlockData() {}

	/**
	 * Writes {@code root/HR/<name>.png} (RGB "a", grey "b"; {@code extra} pixels
	 * beyond a multiple of s on the right and bottom, which modcrop removes) and
	 * {@code root/LR_bicubic/X<s>/<name>x<s>.png} with every LR value plus
	 * {@code lrOffset} (values stay inside 20..235, so no clamping).
	 */
	public static Path write(final Path root, final int s, final int extra, final int lrOffset) throws IOException {
		final Path hr = Files.createDirectories(root.resolve("HR"));
		final Path lr = Files.createDirectories(root.resolve("LR_bicubic").resolve("X" + s));
		final Random random = new Random(42);
		final int bw = 20, bh = 14;
		for (final String name : new String[] { "a", "b" }) {
			final boolean rgb = name.equals("a");
			final ImageProcessor big = rgb ? new ColorProcessor(bw * s + extra, bh * s + extra) : new ByteProcessor(bw *
				s + extra, bh * s + extra);
			final ImageProcessor small = rgb ? new ColorProcessor(bw, bh) : new ByteProcessor(bw, bh);
			for (int y = 0; y < big.getHeight(); y++)
				for (int x = 0; x < big.getWidth(); x++)
					big.set(x, y, value(random, rgb));
			for (int y = 0; y < bh; y++)
				for (int x = 0; x < bw; x++) {
					final int v = value(random, rgb);
					small.set(x, y, offset(v, lrOffset, rgb));
					for (int dy = 0; dy < s; dy++)
						for (int dx = 0; dx < s; dx++)
							big.set(x * s + dx, y * s + dy, v);
				}
			ImageFiles.save(new ImagePlus(name, big), hr.resolve(name + ".png"), false);
			ImageFiles.save(new ImagePlus(name, small), lr.resolve(name + "x" + s + ".png"), false);
		}
		return root;
	}

	private static int value(final Random random, final boolean rgb) {
		final int r = 20 + random.nextInt(200), g = 20 + random.nextInt(200), b = 20 + random.nextInt(200);
		return rgb ? (r << 16) | (g << 8) | b : r;
	}

	private static int offset(final int v, final int d, final boolean rgb) {
		if (!rgb) return v + d;
		return ((((v >> 16) & 0xff) + d) << 16) | ((((v >> 8) & 0xff) + d) << 8) | ((v & 0xff) + d);
	}
}
