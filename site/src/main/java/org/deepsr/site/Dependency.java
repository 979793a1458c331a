package org.deepsr.site;

/**
 * A dependency of a site file on another one: the other's unversioned site
 * path (e.g. {@code jars/ndarray.jar}, as the updater stores it) and the
 * timestamp of the version depended upon.
 */
public final class Dependency {

	private final String filename;
	private final long timestamp;

	public Dependency(final String filename, final long timestamp) {
		this.filename = filename;
		this.timestamp = timestamp;
	}

	/** @return the unversioned site path of the file depended upon */
	public String filename() {
		return filename;
	}

	public long timestamp() {
		return timestamp;
	}
}
