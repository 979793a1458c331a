package org.deepsr.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Per-plane quality rows and their mean, with the convention they follow
 * (the options carry the data range actually used, never "automatic").
 * Rows of identical data (PSNR infinite) are reported apart: the mean is over
 * the others, and the convention names them.
 */
public final class QualityReport {

	private final MetricOptions options;
	private final String convention;
	private final List<QualityRow> rows;

	/** A report whose convention is the options' {@link MetricOptions#describe() sentence}. */
	public QualityReport(final MetricOptions options, final List<QualityRow> rows) {
		this(options, options.describe(), rows);
	}

	/** @param convention what was measured, as {@link ImageQuality} found it (e.g. "on the grey values") */
	QualityReport(final MetricOptions options, final String convention, final List<QualityRow> rows) {
		if (rows.isEmpty()) throw new IllegalArgumentException("A quality report needs at least one row.");
		this.options = options;
		this.convention = convention;
		this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
	}

	/** The convention used, with the resolved data range. */
	public MetricOptions options() {
		return options;
	}

	/** One row per plane (slice, frame) or channel, in stack order. */
	public List<QualityRow> rows() {
		return rows;
	}

	/** The labels of the rows whose data are identical (PSNR infinite), in order. */
	public List<String> identical() {
		final List<String> out = new ArrayList<>();
		for (final QualityRow r : rows)
			if (r.psnr() == Double.POSITIVE_INFINITY) out.add(r.label());
		return out;
	}

	/**
	 * The mean of each column over the rows, labelled "mean" (mean of per-row
	 * PSNR, as SR papers average per image), leaving out the {@link #identical}
	 * rows, whose infinite PSNR would make the mean infinite; over all rows
	 * when every row is identical. NaN where a row's value is NaN (MS-SSIM of
	 * a small plane).
	 */
	public QualityRow mean() {
		final List<QualityRow> counted = new ArrayList<>();
		for (final QualityRow r : rows)
			if (r.psnr() != Double.POSITIVE_INFINITY) counted.add(r);
		if (counted.isEmpty()) counted.addAll(rows);
		final double[] s = new double[5];
		for (final QualityRow r : counted) {
			s[0] += r.psnr();
			s[1] += r.ssim();
			s[2] += r.msSsim();
			s[3] += r.nrmse();
			s[4] += r.mae();
		}
		final int n = counted.size();
		return new QualityRow("mean", s[0] / n, s[1] / n, s[2] / n, s[3] / n, s[4] / n);
	}

	/**
	 * The convention sentence (see {@link MetricOptions#describe()}, with what
	 * the automatic choices resolved to), and the identical rows left out of the mean.
	 */
	public String describe() {
		final List<String> same = identical();
		if (same.isEmpty()) return convention;
		return convention + "; " + (same.size() == rows.size() ? "every row identical (PSNR infinite)"
			: same.size() + " of " + rows.size() + " rows identical (PSNR infinite), left out of the mean: " + String.join(", ", same));
	}

	/**
	 * CSV with header {@code label,psnr,ssim,msssim,nrmse,mae}, the rows, then the
	 * mean row; numbers with 6 decimals, {@code inf}/{@code nan} where infinite or
	 * undefined.
	 */
	public String toCsv() {
		final StringBuilder sb = new StringBuilder("label,psnr,ssim,msssim,nrmse,mae\n");
		final List<QualityRow> all = new ArrayList<>(rows);
		all.add(mean());
		for (final QualityRow r : all)
			sb.append(quote(r.label())).append(',').append(number(r.psnr())).append(',').append(number(r.ssim()))
				.append(',').append(number(r.msSsim())).append(',').append(number(r.nrmse())).append(',')
				.append(number(r.mae())).append('\n');
		return sb.toString();
	}

	@Override
	public String toString() {
		return describe() + "\n" + toCsv();
	}

	private static String number(final double v) {
		if (Double.isNaN(v)) return "nan";
		if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
		return String.format(Locale.ROOT, "%.6f", v);
	}

	private static String quote(final String s) {
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}
