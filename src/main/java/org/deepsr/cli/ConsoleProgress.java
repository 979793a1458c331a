package org.deepsr.cli;

import java.io.PrintWriter;

import org.deepsr.progress.Progress;

/** Progress on the command line: log lines and warnings to stderr, stdout kept for results. */
final class ConsoleProgress implements Progress {

	private final PrintWriter err;

	ConsoleProgress(final PrintWriter err) {
		this.err = err;
	}

	@Override
	public void log(final String message) {
		err.println(message);
		err.flush();
	}

	@Override
	public void warn(final String message) {
		err.println("warning: " + message);
		err.flush();
	}
}
