package org.deepsr.zeroshot;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.OutputImage;
import org.deepsr.image.StagedFile;
import org.deepsr.image.YCbCr;
import org.deepsr.io.NiftiImages;
import org.deepsr.io.NiftiSource;
import org.deepsr.normalise.Normaliser;
import org.deepsr.progress.Progress;
import org.deepsr.train.FloatImage;

/**
 * Zero-shot upscaling of an ImageJ image: grey (8, 16 or 32-bit, any
 * channels, slices and frames) or RGB. Grey values are normalised once for
 * the whole image ({@link Normaliser}: 8-bit 0..255, else the image's exact
 * min..max) and mapped back after, so intensities stay quantitative; RGB is
 * converted to studio-range YCbCr, Y is learnt and refined, Cb and Cr are
 * interpolated with the kernel. One network is trained on all the image's
 * planes ({@link ZeroShot}) and applied to each. The output has the input's
 * layout and bit depth ({@link OutputImage}: rounded and clamped for
 * integers) and its calibration with pixel sizes divided by the scale (any
 * scale > 1, whole or not: round(scale * side) pixels); the input is only read.
 */
public final class ZeroShotUpscaler {

	private static final double[] UNIT = { 0, 1 };

	private ZeroShotUpscaler() {}

	/** What a run did, for the front ends' one line. */
	public static final class Result {

		public final ImagePlus image;
		public final String device;
		public final double seconds;

		Result(final ImagePlus image, final String device, final double seconds) {
			this.image = image;
			this.device = device;
			this.seconds = seconds;
		}
	}

	/**
	 * @throws IllegalArgumentException for bad options, or an image too small or constant
	 * @throws org.deepsr.progress.CancelledException when cancelled
	 */
	public static Result upscale(final ImagePlus input, final ZeroShotOptions options, final Progress progress) {
		options.validate();
		final long start = System.nanoTime();
		final double scale = options.scale;
		// OutputImage lays out a whole scale; a fractional one is made at the next whole scale, then cropped
		final int whole = (int) Math.ceil(scale);
		final boolean rgb = input.getType() == ImagePlus.COLOR_RGB;
		final int w = input.getWidth(), h = input.getHeight(), nc = rgb ? 1 : ImagePlanes.channels(input);
		final int nz = input.getNSlices(), nt = input.getNFrames();
		// the learnt planes (grey, or Y of RGB), copied: the input is never changed
		final List<float[]> planes = new ArrayList<>();
		for (int t = 1; t <= nt; t++)
			for (int z = 1; z <= nz; z++)
				for (int c = 1; c <= nc; c++)
					planes.add(rgb ? luma(input, z, t) : copy(input, c, z, t));
		final Normaliser normaliser = rgb || input.getBitDepth() == 8 ? Normaliser.eightBit(UNIT)
			: Normaliser.of(Normaliser.FIXED, null, null, false, planes, UNIT);
		final List<FloatImage> normalised = new ArrayList<>();
		for (final float[] p : planes) {
			normaliser.forward(p);
			normalised.add(new FloatImage(h, w, 1, p));
		}
		final String x = ScaleText.of(scale);
		progress.status("Zero-shot x" + x + ": learning from the image");
		final int ow = ZeroShot.outputSide(w, scale), oh = ZeroShot.outputSide(h, scale);
		final OutputImage out = OutputImage.create(input, whole, false, null);
		final String device;
		try (ZeroShot net = ZeroShot.train(normalised, options, progress)) {
			device = net.device();
			int i = 0;
			for (int t = 1; t <= nt; t++)
				for (int z = 1; z <= nz; z++)
					for (int c = 1; c <= nc; c++) {
						progress.checkCancelled();
						progress.status("Zero-shot x" + x + ": upscaling plane " + (i + 1) + "/" + planes.size());
						final float[] y = net.apply(normalised.get(i), progress).data();
						normaliser.inverse(y);
						if (rgb) setRgb(out, input, z, t, y, options);
						else out.setPlane(c, z, t, ArrayImgs.floats(pad(y, ow, oh, whole * w, whole * h), whole * w, whole * h));
						i++;
					}
		}
		final ImagePlus result = out.image();
		if (whole != scale) crop(result, input, ow, oh, scale);
		result.setTitle(input.getTitle().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "") + "-x" + x + "-zssr");
		if (input.getProperty(NiftiImages.HEADER) != null) result.setProperty(NiftiImages.HEADER, input.getProperty(NiftiImages.HEADER));
		return new Result(result, device, (System.nanoTime() - start) / 1e9);
	}

	/**
	 * Checks {@code in} and {@code out} (before any training), then upscales
	 * the file and writes the result through a {@link StagedFile}: NIfTI for
	 * .nii/.nii.gz, else the format of the extension.
	 */
	public static Result upscaleFile(final Path in, final Path out, final boolean overwrite, final ZeroShotOptions options,
		final Progress progress) throws IOException
	{
		requireFiles(in, out, overwrite);
		options.validate();
		final ImagePlus input = NiftiSource.isNifti(in) ? NiftiImages.read(in) : ImageFiles.open(in);
		final Result r = upscale(input, options, progress);
		if (NiftiSource.isNifti(out)) NiftiImages.write(r.image, out, overwrite);
		else ImageFiles.save(r.image, out, overwrite);
		return r;
	}

	/** The input is a readable file and the output may be written (a format DeepSR writes; an existing file only with overwrite). */
	public static void requireFiles(final Path in, final Path out, final boolean overwrite) throws IOException {
		ImageFiles.requireReadable(in);
		if (NiftiSource.isNifti(out)) StagedFile.requireWritable(out, overwrite);
		else ImageFiles.requireWritable(out, overwrite);
	}

	/** A plane of {@code w x h} in the top-left corner of a zero {@code pw x ph} one. */
	private static float[] pad(final float[] v, final int w, final int h, final int pw, final int ph) {
		if (w == pw && h == ph) return v;
		final float[] out = new float[pw * ph];
		for (int y = 0; y < h; y++)
			System.arraycopy(v, y * w, out, y * pw, w);
		return out;
	}

	/** Cuts an image made at the next whole scale to {@code w x h}, with the calibration of the fractional scale. */
	private static void crop(final ImagePlus result, final ImagePlus input, final int w, final int h, final double scale) {
		final int c = result.getNChannels(), z = result.getNSlices(), t = result.getNFrames();
		result.setStack(result.getStack().crop(0, 0, 0, w, h, result.getStackSize()), c, z, t);
		final ij.measure.Calibration in = input.getCalibration(), cal = result.getCalibration();
		cal.pixelWidth = in.pixelWidth / scale;
		cal.pixelHeight = in.pixelHeight / scale;
		cal.xOrigin = in.xOrigin * scale;
		cal.yOrigin = in.yOrigin * scale;
		result.setCalibration(cal);
	}

	private static float[] copy(final ImagePlus imp, final int c, final int z, final int t) {
		return ImagePlanes.plane(imp, c, z, t).update(null).getCurrentStorageArray().clone();
	}

	/** Studio-range Y (16..235) of an RGB plane. */
	private static float[] luma(final ImagePlus imp, final int z, final int t) {
		final float[] r = copy(imp, 1, z, t), g = copy(imp, 2, z, t), b = copy(imp, 3, z, t);
		for (int i = 0; i < r.length; i++)
			r[i] = (float) YCbCr.studioY(r[i], g[i], b[i]);
		return r;
	}

	/** The refined Y with Cb and Cr interpolated by the kernel, back to R, G, B. */
	private static void setRgb(final OutputImage out, final ImagePlus input, final int z, final int t, final float[] y, final ZeroShotOptions options) {
		final int w = input.getWidth(), h = input.getHeight(), ow = ZeroShot.outputSide(w, options.scale), oh = ZeroShot.outputSide(h, options.scale);
		final int pw = (int) Math.ceil(options.scale) * w, ph = (int) Math.ceil(options.scale) * h;
		final float[] r = copy(input, 1, z, t), g = copy(input, 2, z, t), b = copy(input, 3, z, t);
		final float[] cb = new float[r.length], cr = new float[r.length];
		for (int i = 0; i < r.length; i++) {
			cb[i] = (float) YCbCr.studioCb(r[i], g[i], b[i]);
			cr[i] = (float) YCbCr.studioCr(r[i], g[i], b[i]);
		}
		final float[] bigCb = SelfExamples.interpolated(new FloatImage(h, w, 1, cb), ow, oh, options.scale, options.interpolation()).data();
		final float[] bigCr = SelfExamples.interpolated(new FloatImage(h, w, 1, cr), ow, oh, options.scale, options.interpolation()).data();
		YCbCr.toRgbInPlace(y, bigCb, bigCr, true);
		out.setPlane(1, z, t, ArrayImgs.floats(pad(y, ow, oh, pw, ph), pw, ph));
		out.setPlane(2, z, t, ArrayImgs.floats(pad(bigCb, ow, oh, pw, ph), pw, ph));
		out.setPlane(3, z, t, ArrayImgs.floats(pad(bigCr, ow, oh, pw, ph), pw, ph));
	}
}
