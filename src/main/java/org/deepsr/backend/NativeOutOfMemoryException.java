package org.deepsr.backend;

/**
 * TensorFlow ran out of its own (native, off-heap) memory while running a
 * network: a resource-exhausted run, not a Java {@link OutOfMemoryError}.
 * Smaller tiles may fit where these did not.
 */
public final class NativeOutOfMemoryException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public NativeOutOfMemoryException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
