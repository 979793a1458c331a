package org.deepsr.benchmark;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deepsr.image.ImageFiles;
import org.deepsr.metrics.ImageQuality;
import org.deepsr.metrics.MetricOptions;
import org.deepsr.metrics.QualityReport;
import org.deepsr.metrics.QualityRow;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.Upscaler;

/**
 * Runs one super-resolution method over a benchmark set, with the protocol of
 * published tables by default: each HR image is cropped to a multiple of the
 * scale (modcrop), shrunk into the LR input (MATLAB bicubic on the 8-bit image,
 * see {@link LrSource}) unless LR files are given, super-resolved, and compared
 * with the cropped HR on Y (BT.601 studio range, as MATLAB rgb2ycbcr, not
 * rounded) after shaving {@code scale} border pixels: PSNR with peak 255, SSIM
 * (11x11 Gaussian, sigma 1.5). Works on single-plane images: 8-bit, 16-bit,
 * float or RGB; a grey image is its own Y, as in SRCNN's MATLAB code.
 */
public final class Benchmark {

	private Benchmark() {}

	/**
	 * @param upscaler the method, opened once (a model or a classical method);
	 *          its scale is the benchmark's scale
	 * @param data a folder of HR images, or a dataset root holding {@code HR/}
	 *          (and {@code LR_bicubic/X<s>/})
	 * @throws IOException when a folder or file is missing or unreadable
	 * @throws IllegalArgumentException when an image is a stack or its LR file
	 *           has the wrong size
	 */
	public static BenchmarkReport run(final Upscaler upscaler, final Path data, final BenchmarkOptions options,
		final Progress progress) throws IOException
	{
		final int s = upscaler.scale();
		final Dataset set = Dataset.open(data, options.lrFolder, options.lrSource, s);
		final LrSource source = set.lrFolder != null ? LrSource.FOLDER : options.lrSource;
		final MetricOptions metric = options.metricOptions(s);
		final List<Path> files = set.hrImages();
		final List<QualityRow> rows = new ArrayList<>();
		MetricOptions resolved = null;
		for (int i = 0; i < files.size(); i++) {
			progress.checkCancelled();
			final Path file = files.get(i);
			final String name = ImageFiles.baseName(file);
			progress.status("DeepSR benchmark: " + (i + 1) + "/" + files.size() + " " + name);
			final ImagePlus hr = LowResolution.modcrop(single(ImageFiles.open(file)), s);
			final ImagePlus lr = source == LrSource.FOLDER ? given(set.lrFor(file), hr, s, progress) : LowResolution
				.shrink(hr, s, source);
			final ImagePlus sr = upscaler.upscale(lr, Progress.NONE);
			final QualityReport q = ImageQuality.evaluate(hr, sr, metric, progress);
			resolved = resolved == null || sameRange(resolved, q.options()) ? q.options() : metric;
			for (final QualityRow r : q.rows())
				rows.add(new QualityRow(q.rows().size() > 1 ? name + " " + r.label() : name, r.psnr(), r.ssim(), r
					.msSsim(), r.nrmse(), r.mae()));
			progress.progress(i + 1, files.size());
		}
		return new BenchmarkReport(upscaler.describe(), set.hrFolder, s, source == LrSource.FOLDER ? source
			.description() + " from " + set.lrFolder : source.description(), new QualityReport(resolved, rows));
	}

	private static boolean sameRange(final MetricOptions a, final MetricOptions b) {
		return a.dataRange() == b.dataRange();
	}

	private static ImagePlus single(final ImagePlus imp) {
		if (imp.getStackSize() > 1) throw new IllegalArgumentException("'" + imp.getTitle() + "' has " + imp
			.getStackSize() + " planes; a benchmark set holds single-plane images (grey or RGB)");
		return imp;
	}

	/** A given LR file, checked against the HR size and converted to the HR's grey/RGB kind. */
	private static ImagePlus given(final Path file, final ImagePlus hr, final int s, final Progress progress)
		throws IOException
	{
		final ImagePlus lr = single(ImageFiles.open(file));
		if (lr.getWidth() != hr.getWidth() / s || lr.getHeight() != hr.getHeight() / s)
			throw new IllegalArgumentException("LR image " + file + " is " + lr.getWidth() + "x" + lr.getHeight() +
				", but the HR cropped to a multiple of " + s + " is " + hr.getWidth() + "x" + hr.getHeight() +
				": it should be " + hr.getWidth() / s + "x" + hr.getHeight() / s);
		final boolean hrRgb = hr.getType() == ImagePlus.COLOR_RGB, lrRgb = lr.getType() == ImagePlus.COLOR_RGB;
		if (hrRgb == lrRgb) return lr;
		progress.warn(file.getFileName() + " is " + (lrRgb ? "RGB" : "grey") + " but its HR image is " + (hrRgb
			? "RGB" : "grey") + ": converted");
		if (hrRgb) return new ImagePlus(lr.getTitle(), lr.getProcessor().convertToRGB());
		// Unweighted mean: a grey image stored as RGB (R = G = B) comes back unchanged.
		final int[] rgb = (int[]) lr.getProcessor().getPixels();
		final byte[] grey = new byte[rgb.length];
		for (int i = 0; i < rgb.length; i++)
			grey[i] = (byte) Math.round((((rgb[i] >> 16) & 0xff) + ((rgb[i] >> 8) & 0xff) + (rgb[i] & 0xff)) / 3.0);
		return new ImagePlus(lr.getTitle(), new ByteProcessor(lr.getWidth(), lr.getHeight(), grey));
	}
}
