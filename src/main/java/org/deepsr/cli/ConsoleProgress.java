package org.deepsr.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

import org.deepsr.progress.Progress;

/**
 * Progress on the command line, on stderr (stdout is kept for results): log
 * lines; each distinct warning once; and, at most every {@link #INTERVAL_NS},
 * the current status with the fraction done and the time left ("DeepSR:
 * upscaling plane 3/128 of vol.tif with ...: 12%, about 1 min 20 s left").
 * The fraction comes per tile, so a large plane shows progress too. Work
 * shorter than the interval prints no progress line.
 */
final class ConsoleProgress implements Progress {

	/** At most one progress line per interval. */
	static final long INTERVAL_NS = 2_000_000_000L;

	private final PrintWriter err;
	private final LongSupplier clock;
	private final Set<String> warned = new HashSet<>();
	private String status;
	private double fraction = -1;
	private long firstAt = -1;
	private double firstFraction;
	private long printedAt;

	ConsoleProgress(final PrintWriter err) {
		this(err, System::nanoTime);
	}

	/** With a clock in nanoseconds, for tests. */
	ConsoleProgress(final PrintWriter err, final LongSupplier clock) {
		this.err = err;
		this.clock = clock;
		this.printedAt = clock.getAsLong();
	}

	@Override
	public void status(final String message) {
		status = message;
		maybePrint();
	}

	@Override
	public void progress(final long done, final long total) {
		if (total <= 0) return;
		final double f = Math.min(1, Math.max(0, (double) done / total));
		final long now = clock.getAsLong();
		if (firstAt < 0 || f < fraction) { // the first report, or a new job on the same console
			firstAt = now;
			firstFraction = f;
		}
		fraction = f;
		if (f < 1) maybePrint();
	}

	@Override
	public void log(final String message) {
		err.println(message);
		err.flush();
	}

	@Override
	public void warn(final String message) {
		if (!warned.add(message)) return; // each fact once
		err.println("warning: " + message);
		err.flush();
	}

	private void maybePrint() {
		final long now = clock.getAsLong();
		if (now - printedAt < INTERVAL_NS || status == null && fraction < 0) return;
		printedAt = now;
		err.println(line(now));
		err.flush();
	}

	/** The status with the fraction done and the time left, where known. */
	String line(final long now) {
		final StringBuilder b = new StringBuilder(status != null ? status : "working");
		if (fraction >= 0) {
			b.append(String.format(Locale.ROOT, ": %d%%", (int) Math.floor(100 * fraction)));
			final double rate = (fraction - firstFraction) / (now - firstAt);
			if (rate > 0 && fraction < 1) b.append(", about ").append(duration((1 - fraction) / rate / 1e9))
				.append(" left");
		}
		return b.toString();
	}

	/** "45 s", "3 min 20 s", "2 h 05 min". */
	static String duration(final double seconds) {
		final long s = Math.max(1, Math.round(seconds));
		if (s < 60) return s + " s";
		if (s < 3600) return s / 60 + " min " + String.format(Locale.ROOT, "%02d", s % 60) + " s";
		return s / 3600 + " h " + String.format(Locale.ROOT, "%02d", s % 3600 / 60) + " min";
	}
}
