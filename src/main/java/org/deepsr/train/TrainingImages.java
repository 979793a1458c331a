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
import org.deepsr.image.YCbCr;

/**
 * Image files as training samples in [0,1]: every slice and frame of a stack is
 * a sample; RGB becomes studio Y / 255 ({@link ChannelMode#Y}) or three grey
 * samples ({@link ChannelMode#GREY}); other channels are grey samples.
 */
final class TrainingImages {

	private static final String[] EXTENSIONS = { "png", "tif", "tiff", "bmp", "jpg", "jpeg", "gif" };

	private TrainingImages() {}

	/** Image files of a folder, sorted by name. */
	static List<Path> list(final Path folder) throws IOException {
		if (folder == null || !Files.isDirectory(folder)) throw new IOException("The image folder " + folder + " does not exist or is not a folder.");
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

	/** 8-bit grey or RGB: values are / 255 and the 8-bit rounding of MATLAB bicubic applies. */
	static boolean eightBit(final ImagePlus imp) {
		return imp.getBitDepth() == 8 || imp.getBitDepth() == 24;
	}

	/** Raw value mapped to 0 and 1 for this file. */
	static double[] range(final ImagePlus imp, final Normalisation normalisation) {
		if (eightBit(imp)) return new double[] { 0, 255 };
		final int nc = ImagePlanes.channels(imp), nz = imp.getNSlices(), nt = imp.getNFrames();
		final int n = imp.getWidth() * imp.getHeight();
		final float[] all = new float[values(imp.getTitle(), imp.getWidth(), imp.getHeight(), nc * (long) nz * nt)];
		int o = 0;
		for (int t = 1; t <= nt; t++) for (int z = 1; z <= nz; z++) for (int c = 1; c <= nc; c++) {
			System.arraycopy(ImagePlanes.plane(imp, c, z, t).update(null).getCurrentStorageArray(), 0, all, o, n);
			o += n;
		}
		final double[] r = normalisation.range(all);
		if (!(r[1] > r[0])) throw new IllegalArgumentException("Image " + imp.getTitle() + " is constant (" + r[0] + "): remove it from the training folder.");
		return r;
	}

	/** Largest Java array (a few header words under 2^31). */
	static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

	/**
	 * Number of values of a stack, counted in long: w*h*planes overflows an
	 * int for large stacks (e.g. 2048x2048x512), which would allocate a wrong size.
	 *
	 * @throws IllegalArgumentException when they do not fit one Java array
	 */
	static int values(final String title, final int width, final int height, final long planes) {
		final long count = (long) width * height * planes;
		if (count > MAX_ARRAY) throw new IllegalArgumentException("Image " + title + " (" + width + "x" + height + ", " + planes + " planes) has " + count
			+ " values, more than one normalisation pass can hold (" + MAX_ARRAY + "): split the stack into smaller files.");
		return (int) count;
	}

	/**
	 * @param range raw values mapped to 0 and 1 (from {@link #range})
	 * @return one single-channel sample per plane
	 */
	static List<FloatImage> samples(final ImagePlus imp, final ChannelMode mode, final double[] range) {
		final int w = imp.getWidth(), h = imp.getHeight(), n = w * h;
		final boolean luma = mode == ChannelMode.Y && imp.getType() == ImagePlus.COLOR_RGB;
		final double k = 1 / (range[1] - range[0]);
		final List<FloatImage> out = new ArrayList<>();
		for (int t = 1; t <= imp.getNFrames(); t++) for (int z = 1; z <= imp.getNSlices(); z++) {
			if (luma) {
				final float[] r = plane(imp, 1, z, t), g = plane(imp, 2, z, t), b = plane(imp, 3, z, t);
				final float[] y = new float[n];
				for (int i = 0; i < n; i++) y[i] = (float) (YCbCr.studioY(r[i], g[i], b[i]) / 255);
				out.add(new FloatImage(h, w, 1, y));
				continue;
			}
			for (int c = 1; c <= ImagePlanes.channels(imp); c++) {
				final float[] v = plane(imp, c, z, t).clone();
				for (int i = 0; i < n; i++) v[i] = (float) ((v[i] - range[0]) * k);
				out.add(new FloatImage(h, w, 1, v));
			}
		}
		return out;
	}

	private static float[] plane(final ImagePlus imp, final int c, final int z, final int t) {
		return ImagePlanes.plane(imp, c, z, t).update(null).getCurrentStorageArray();
	}
}
