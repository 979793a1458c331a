package org.deepsr.train;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.normalise.MinMax;
import org.deepsr.progress.Progress;

/**
 * Writes a paired dataset from HR images: {@code <out>/HR/<name>} (modcropped)
 * and {@code <out>/X<s>/<base>x<s>.<ext>} (degraded), the benchmark/DIV2K
 * layout that {@link TrainingData} pairs back. Every plane and channel is
 * degraded separately, with values as fractions of the data's range, so that
 * noise parameters are fractions of it: 8-bit and RGB 0..255 (the benchmark
 * LR), 16-bit and float {@code (v - min) / (max - min)} with the min and max
 * of the whole image or stack (a 12-bit camera's 100..4000 in a 16-bit file
 * gets noise relative to 3900, not to 65535). LR keeps the input's bit depth,
 * rounded and clamped to the type.
 */
public final class TrainingPairs {

	private TrainingPairs() {}

	/**
	 * @return the number of images written
	 * @throws IOException when the folder has no images, a file exists and overwrite is false, or writing fails
	 */
	public static int write(final Path hrFolder, final Path out, final int scale, final String degradation, final long seed,
		final boolean overwrite, final Progress progress) throws IOException
	{
		final DegradationSpec spec = DegradationSpec.parse(degradation, scale);
		final List<Path> files = TrainingImages.list(hrFolder);
		int index = 0;
		for (final Path f : files) {
			progress.checkCancelled();
			progress.status("Degrading " + f.getFileName());
			final ImagePlus imp = ImageFiles.open(f);
			final String ext = lossless(ImageFiles.extension(f));
			final Random random = new Random(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
			final ImagePlus[] pair = degrade(imp, spec, random);
			ImageFiles.save(pair[0], out.resolve("HR").resolve(ImageFiles.baseName(f) + "." + ext), overwrite);
			ImageFiles.save(pair[1], out.resolve("X" + scale).resolve(ImageFiles.baseName(f) + "x" + scale + "." + ext), overwrite);
			progress.progress(++index, files.size());
		}
		progress.log("Wrote " + index + " HR/LR pair(s) (" + spec + ", x" + scale + ", seed " + seed + ") into " + out);
		return index;
	}

	/** JPEG would add its own artefacts to the LR: write PNG instead. */
	private static String lossless(final String ext) {
		return ext.equals("jpg") || ext.equals("jpeg") || ext.equals("gif") ? "png" : ext;
	}

	/** {modcropped HR, LR}, both with the input's type and stack layout. */
	static ImagePlus[] degrade(final ImagePlus imp, final DegradationSpec spec, final Random random) {
		final int s = spec.scale(), w = imp.getWidth() / s * s, h = imp.getHeight() / s * s;
		if (w == 0 || h == 0) throw new IllegalArgumentException("Image " + imp.getTitle() + " is " + imp.getWidth() + "x" + imp.getHeight() + ", smaller than the scale " + s + ".");
		final int nc = ImagePlanes.channels(imp), bits = imp.getBitDepth();
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final double[] range = range(imp);
		final double offset = range[0], full = range[1];
		final ImageStack hrStack = new ImageStack(w, h), lrStack = new ImageStack(w / s, h / s);
		for (int t = 1; t <= imp.getNFrames(); t++) for (int z = 1; z <= imp.getNSlices(); z++) {
			final float[][] lrPlanes = new float[nc][];
			final float[][] hrPlanes = new float[nc][];
			for (int c = 1; c <= nc; c++) {
				final float[] raw = ImagePlanes.plane(imp, c, z, t).update(null).getCurrentStorageArray();
				final float[] v = new float[w * h];
				for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) v[y * w + x] = (float) ((raw[y * imp.getWidth() + x] - offset) / full);
				hrPlanes[c - 1] = v;
				lrPlanes[c - 1] = spec.degrade(new FloatImage(h, w, 1, v), bits == 8 || bits == 24, random).data();
			}
			if (rgb) {
				hrStack.addSlice(rgb(hrPlanes, w, h));
				lrStack.addSlice(rgb(lrPlanes, w / s, h / s));
			} else for (int c = 0; c < nc; c++) {
				hrStack.addSlice(grey(hrPlanes[c], w, h, bits, offset, full));
				lrStack.addSlice(grey(lrPlanes[c], w / s, h / s, bits, offset, full));
			}
		}
		return new ImagePlus[] { like(imp, hrStack, 1), like(imp, lrStack, s) };
	}

	private static ImagePlus like(final ImagePlus imp, final ImageStack stack, final int s) {
		final ImagePlus out = new ImagePlus(imp.getTitle(), stack);
		out.setDimensions(imp.getType() == ImagePlus.COLOR_RGB ? 1 : imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
		out.setCalibration(imp.getCalibration().copy());
		out.getCalibration().pixelWidth *= s;
		out.getCalibration().pixelHeight *= s;
		return out;
	}

	/**
	 * {offset, range}: values v become (v - offset) / range. 8-bit and RGB
	 * {0, 255}; 16-bit and float the min and max - min of the whole image
	 * (a constant image: range 1).
	 */
	static double[] range(final ImagePlus imp) {
		final int bits = imp.getBitDepth();
		if (bits == 8 || bits == 24) return new double[] { 0, 255 };
		final MinMax m = MinMax.of(new ImagePlusSource(imp).planes());
		return new double[] { m.min, m.max > m.min ? m.max - m.min : 1 };
	}

	private static ImageProcessor grey(final float[] v, final int w, final int h, final int bits, final double offset,
		final double full)
	{
		final int max = bits == 16 ? 65535 : 255;
		if (bits == 32) {
			final float[] out = new float[v.length];
			for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] * full + offset);
			return new FloatProcessor(w, h, out);
		}
		final ImageProcessor ip = bits == 16 ? new ShortProcessor(w, h) : new ByteProcessor(w, h);
		for (int i = 0; i < v.length; i++) ip.set(i, (int) Math.round(Math.min(max, Math.max(0, v[i] * full + offset))));
		return ip;
	}

	private static ImageProcessor rgb(final float[][] p, final int w, final int h) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		final int[] px = (int[]) cp.getPixels();
		for (int i = 0; i < px.length; i++) {
			int v = 0;
			for (int c = 0; c < 3; c++) v = v << 8 | (int) Math.round(Math.min(255, Math.max(0, p[c][i] * 255)));
			px[i] = 0xff000000 | v;
		}
		return cp;
	}
}
