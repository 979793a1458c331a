package org.deepsr.benchmark;

import java.nio.file.Path;

import org.deepsr.metrics.MetricOptions;

/**
 * How a benchmark runs: the LR source and the metric convention. The default
 * is the protocol behind published SR tables: MATLAB-bicubic LR from the
 * modcropped HR, Y channel (BT.601 studio range), {@code scale} border pixels
 * shaved, data range automatic (255 for 8-bit and RGB).
 */
public final class BenchmarkOptions {

	/** Where LR inputs come from; {@link LrSource#FOLDER} when {@link #lrFolder} is set. */
	public LrSource lrSource = LrSource.MATLAB;
	/**
	 * A folder of LR files ({@code <name>.png} or {@code <name>x<s>.png}), or a
	 * dataset root holding {@code LR_bicubic/X<s>/} or {@code X<s>/}; null to
	 * make LR images from the HR ones.
	 */
	public Path lrFolder;
	/** Channels compared: Y (default), RGB together, or each channel. */
	public MetricOptions.Channels channels = MetricOptions.Channels.Y;
	/** Border pixels shaved before measuring; -1 (default) shaves {@code scale} pixels. */
	public int shave = -1;
	/** Peak value for PSNR/SSIM, or NaN (default) for automatic: 255 for 8-bit/RGB, HR max - min otherwise. */
	public double dataRange = Double.NaN;

	public BenchmarkOptions lrSource(final LrSource value) {
		lrSource = value;
		return this;
	}

	public BenchmarkOptions lrFolder(final Path value) {
		lrFolder = value;
		if (value != null) lrSource = LrSource.FOLDER;
		return this;
	}

	public BenchmarkOptions channels(final MetricOptions.Channels value) {
		channels = value;
		return this;
	}

	public BenchmarkOptions shave(final int value) {
		shave = value;
		return this;
	}

	public BenchmarkOptions dataRange(final double value) {
		dataRange = value;
		return this;
	}

	/** The metric convention for a given scale. */
	MetricOptions metricOptions(final int scale) {
		final MetricOptions m = MetricOptions.DEFAULT.withChannels(channels).withShave(shave < 0 ? scale : shave);
		return Double.isNaN(dataRange) ? m.withAutomaticRange() : m.withDataRange(dataRange);
	}
}
