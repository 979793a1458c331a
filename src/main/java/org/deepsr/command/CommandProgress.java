package org.deepsr.command;

import ij.IJ;

import org.deepsr.progress.Progress;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;

/**
 * Connects the core's {@link Progress} to Fiji: status bar and progress bar
 * through SciJava's {@link StatusService}, messages through the
 * {@link LogService}, and cancellation through the Esc key, as ImageJ users
 * expect for long work.
 */
final class CommandProgress implements Progress {

	private final StatusService status;
	private final LogService log;
	private String lastMessage = "";

	CommandProgress(final StatusService status, final LogService log) {
		this.status = status;
		this.log = log;
		IJ.resetEscape();
	}

	@Override
	public void status(final String message) {
		lastMessage = message;
		if (status != null) status.showStatus(message);
	}

	@Override
	public void progress(final long done, final long total) {
		if (status == null || total <= 0) return;
		final int max = 1000;
		status.showStatus((int) (max * done / total), max, lastMessage);
	}

	@Override
	public void log(final String message) {
		if (log != null) log.info("DeepSR: " + message);
	}

	@Override
	public void warn(final String message) {
		if (log != null) log.warn("DeepSR: " + message);
	}

	@Override
	public boolean cancelled() {
		return IJ.escapePressed();
	}

	/** Clears the progress bar once the work is done or failed. */
	void done() {
		if (status != null) status.clearStatus();
	}
}
