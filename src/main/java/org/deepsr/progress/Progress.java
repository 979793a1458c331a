package org.deepsr.progress;

/**
 * How long work reports back: status lines, a fraction done, warnings, and a
 * cancel request. The core only talks to this interface; commands wire it to
 * SciJava's StatusService/LogService, the command line to stderr.
 */
public interface Progress {

	/** A progress reporter that shows nothing and never cancels. */
	Progress NONE = new Progress() {};

	/** A short line for the status bar ("Upscaling slice 3/40"). */
	default void status(final String message) {}

	/** Fraction of the whole job done, as {@code done} of {@code total}. */
	default void progress(final long done, final long total) {}

	/** Something worth keeping in the log (device used, timings). */
	default void log(final String message) {}

	/** Something the user should act on, but that does not stop the work. */
	default void warn(final String message) {}

	/** True once the user asked to stop; long loops poll this between units. */
	default boolean cancelled() {
		return false;
	}

	/** Throws {@link CancelledException} when the user asked to stop. */
	default void checkCancelled() {
		if (cancelled()) throw new CancelledException();
	}
}
