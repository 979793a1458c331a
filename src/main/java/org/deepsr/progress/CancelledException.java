package org.deepsr.progress;

/** Thrown out of long work when the user cancelled it; callers discard partial output. */
public class CancelledException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("Cancelled by the user.");
	}
}
