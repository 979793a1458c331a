package org.deepsr.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deepsr.image.StagedFile;
import org.deepsr.metrics.QualityReport;
import org.deepsr.metrics.QualityRow;

/** A benchmark's per-image rows, their mean, and the protocol that produced them. */
public final class BenchmarkReport {

	private final String method, lr;
	private final Path hrFolder;
	private final int scale;
	private final QualityReport quality;

	BenchmarkReport(final String method, final Path hrFolder, final int scale, final String lr,
		final QualityReport quality)
	{
		this.method = method;
		this.hrFolder = hrFolder;
		this.scale = scale;
		this.lr = lr;
		this.quality = quality;
	}

	/** Per-image rows labelled with the image name (plus the channel for per-channel metrics), and the options used. */
	public QualityReport quality() {
		return quality;
	}

	public List<QualityRow> rows() {
		return quality.rows();
	}

	/** The mean over the images (mean of per-image PSNR, as papers report). */
	public QualityRow mean() {
		return quality.mean();
	}

	public int scale() {
		return scale;
	}

	/**
	 * The protocol in one sentence, e.g. "bicubic x2 on .../Set5/HR: HR cropped
	 * to a multiple of 2; LR = MATLAB imresize bicubic ...; PSNR/SSIM on Y ...".
	 */
	public String describe() {
		return method + " on " + hrFolder + ": HR cropped to a multiple of " + scale + " (modcrop); LR = " + lr + "; " +
			quality.describe();
	}

	/** CSV: header {@code label,psnr,ssim,msssim,nrmse,mae}, one row per image, then the mean row. */
	public String toCsv() {
		return quality.toCsv();
	}

	/** A plain-text table: image, PSNR (dB), SSIM, one line each, then the mean. */
	public String format() {
		final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %9s %8s%n", "image", "PSNR(dB)",
			"SSIM"));
		final List<QualityRow> all = new ArrayList<>(rows());
		all.add(mean());
		for (final QualityRow r : all)
			sb.append(String.format(Locale.ROOT, "%-16s %9.4f %8.4f%n", r.label(), r.psnr(), r.ssim()));
		return sb.toString();
	}

	/**
	 * Writes {@link #toCsv()} through a {@link StagedFile}: written beside the
	 * target, forced to the disk, then renamed over it.
	 *
	 * @param overwrite replace an existing file; otherwise an existing file is an error
	 */
	public void writeCsv(final Path file, final boolean overwrite) throws IOException {
		final byte[] csv = toCsv().getBytes(StandardCharsets.UTF_8);
		StagedFile.write(file, overwrite, path -> Files.write(path, csv));
	}
}
