package org.deepsr.command;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

import java.awt.GraphicsEnvironment;
import java.util.List;

import org.deepsr.metrics.QualityRow;
import org.deepsr.metrics.mos.MethodScore;

/**
 * Builds the ResultsTables of the quality commands and hands them to the user
 * or the calling macro. Headless there are no windows, and a macro's
 * {@code getResult}/{@code nResults}/{@code saveAs("Results", ...)} read the
 * system Results table, so there the table becomes the system Results table;
 * in a GUI session it is shown in its own window under its title (macros read
 * it with {@code Table.get(column, row, title)}).
 */
final class ResultsTables {

	private ResultsTables() {}

	/**
	 * Rows labelled as given (ImageJ's Label column), then a "Mean" row; columns
	 * PSNR (dB), SSIM, MS-SSIM, NRMSE, MAE, and on the Mean row a Convention column.
	 */
	static ResultsTable quality(final List<QualityRow> rows, final QualityRow mean, final String convention) {
		final ResultsTable rt = new ResultsTable();
		rt.setPrecision(6);
		for (final QualityRow r : rows)
			add(rt, r.label(), r);
		add(rt, "Mean", mean);
		rt.addValue("Convention", convention);
		return rt;
	}

	private static void add(final ResultsTable rt, final String label, final QualityRow r) {
		rt.addRow();
		rt.addLabel(label);
		rt.addValue("PSNR", r.psnr());
		rt.addValue("SSIM", r.ssim());
		rt.addValue("MS-SSIM", r.msSsim());
		rt.addValue("NRMSE", r.nrmse());
		rt.addValue("MAE", r.mae());
		rt.addValue("Convention", "");
	}

	/** One row per method: N, MOS, SD, CI low and high. */
	static ResultsTable mos(final List<MethodScore> scores) {
		final ResultsTable rt = new ResultsTable();
		rt.setPrecision(4);
		for (final MethodScore s : scores) {
			rt.addRow();
			rt.addLabel(s.method());
			rt.addValue("N", s.count());
			rt.addValue("MOS", s.mean());
			rt.addValue("SD", s.sd());
			rt.addValue("CI low", s.low());
			rt.addValue("CI high", s.high());
			rt.addValue("CI level", s.level());
		}
		return rt;
	}

	/** Shows the table under {@code title}, or headless makes it the system Results table. */
	static void publish(final ResultsTable rt, final String title) {
		if (GraphicsEnvironment.isHeadless()) Analyzer.setResultsTable(rt);
		else rt.show(title);
	}
}
