package org.deepsr.train;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.YCbCr;
import org.deepsr.normalise.Normaliser;

/**
 * Image files as training samples in [0,1]: every slice and frame of a stack is
 * a sample; RGB becomes studio Y / 255 ({@link ChannelMode#Y}), three grey
 * samples ({@link ChannelMode#GREY}) or one three-channel sample / 255
 * ({@link ChannelMode#RGB}, which refuses other images); other channels are grey samples. A
 * NaN or infinite pixel is refused, naming the file.
 */
final class TrainingImages {

	private static final double[] UNIT = { 0, 1 };
	private static final String[] EXTENSIONS = { "png", "tif", "tiff", "bmp", "jpg", "jpeg", "gif" };

	private TrainingImages() {}

	/** Image files of a folder, sorted by name. */
	static List<Path> list(final Path folder) throws IOException {
		if (folder != null && Files.isRegularFile(folder) && isImage(folder)) return List.of(folder); // one named file
		if (folder == null || !Files.isDirectory(folder)) throw new IOException("The image folder " + folder + " does not exist or is not a folder (or an image file).");
		try (Stream<Path> files = Files.list(folder)) {
			final List<Path> images = files.filter(Files::isRegularFile).filter(TrainingImages::isImage).sorted().collect(Collectors.toList());
			if (images.isEmpty()) throw new IOException("The folder " + folder + " has no images (.png, .tif, .bmp, .jpg, .gif).");
			return images;
		}
	}

	static boolean isImage(final Path p) {
		final String ext = ImageFiles.extension(p);
		if (p.getFileName().toString().startsWith(".")) return false;
		for (final String e : EXTENSIONS) if (e.equals(ext)) return true;
		return false;
	}

	/** 8-bit grey or RGB (0..255). */
	static boolean eightBit(final ImagePlus imp) {
		return imp.getBitDepth() == 8 || imp.getBitDepth() == 24;
	}

	/** How this file's values become [0,1]: statistics of the whole file, as Upscale takes them at inference. */
	static Normaliser normaliser(final ImagePlus imp, final Normalisation normalisation) {
		try {
			return Normaliser.of(normalisation.descriptorMode(), Normalisation.LOW_PERCENT, Normalisation.HIGH_PERCENT,
				eightBit(imp), new ImagePlusSource(imp).planes(), UNIT);
		} catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("Image " + imp.getTitle() + ": " + e.getMessage() + "; remove it from the training folder.", e);
		}
	}

	/**
	 * Whether the samples are 8-bit values / 255, on which the 8-bit rounding of
	 * MATLAB bicubic applies: 8-bit data under min-max, and the luma of RGB.
	 */
	static boolean byteScaled(final ImagePlus imp, final ChannelMode mode, final Normalisation normalisation) {
		return eightBit(imp) && (normalisation == Normalisation.MIN_MAX || luma(imp, mode) || mode == ChannelMode.RGB);
	}

	private static boolean luma(final ImagePlus imp, final ChannelMode mode) {
		return mode == ChannelMode.Y && imp.getType() == ImagePlus.COLOR_RGB;
	}

	/**
	 * @param normaliser this file's, from {@link #normaliser} (the luma of RGB is always 0..255)
	 * @return one single-channel sample per plane, or one RGB sample per slice and frame
	 * @throws IllegalArgumentException for an image that is not RGB under {@link ChannelMode#RGB}
	 */
	static List<FloatImage> samples(final ImagePlus imp, final ChannelMode mode, final Normaliser normaliser) {
		final int w = imp.getWidth(), h = imp.getHeight(), n = w * h;
		final boolean luma = luma(imp, mode);
		if (mode == ChannelMode.RGB && imp.getType() != ImagePlus.COLOR_RGB)
			throw new IllegalArgumentException("Image " + imp.getTitle() + " is " + imp.getBitDepth() + "-bit, not RGB: the rgb channel mode trains on RGB images (use grey or y for others).");
		final Normaliser eightBit = Normaliser.eightBit(UNIT);
		final List<FloatImage> out = new ArrayList<>();
		for (int t = 1; t <= imp.getNFrames(); t++) for (int z = 1; z <= imp.getNSlices(); z++) {
			if (luma) {
				final float[] r = plane(imp, 1, z, t), g = plane(imp, 2, z, t), b = plane(imp, 3, z, t);
				final float[] y = new float[n];
				for (int i = 0; i < n; i++) y[i] = (float) eightBit.forward(YCbCr.studioY(r[i], g[i], b[i]));
				out.add(new FloatImage(h, w, 1, y));
				continue;
			}
			if (mode == ChannelMode.RGB) {
				final float[] rgb = new float[3 * n];
				for (int c = 0; c < 3; c++) {
					final float[] v = plane(imp, c + 1, z, t);
					for (int i = 0; i < n; i++) rgb[3 * i + c] = (float) eightBit.forward(v[i]);
				}
				out.add(new FloatImage(h, w, 3, rgb));
				continue;
			}
			for (int c = 1; c <= ImagePlanes.channels(imp); c++) {
				final float[] v = plane(imp, c, z, t).clone();
				requireFinite(v, w, imp, c, z, t);
				normaliser.forward(v);
				out.add(new FloatImage(h, w, 1, v));
			}
		}
		return out;
	}

	/** A NaN or infinite pixel would make the loss NaN and the run look diverged: refuse the file instead. */
	private static void requireFinite(final float[] v, final int w, final ImagePlus imp, final int c, final int z, final int t) {
		for (int i = 0; i < v.length; i++)
			if (!Float.isFinite(v[i])) throw new IllegalArgumentException("Image " + imp.getTitle() + " has a " + v[i] + " pixel at x " + i % w + ", y " + i / w + " (c" + c + " z" + z + " t" + t
				+ "): replace it (e.g. Process > Math > Remove NaNs) or remove the file from the training folder.");
	}

	private static float[] plane(final ImagePlus imp, final int c, final int z, final int t) {
		return ImagePlanes.plane(imp, c, z, t).update(null).getCurrentStorageArray();
	}
}
