package org.deepsr.site;

import java.util.Objects;

/**
 * One version of a file on an update site: its updater checksum (40 hex
 * digits), its timestamp ({@link Timestamps}), its size in bytes and, for
 * previous versions, when it was superseded and under which file name it was
 * published.
 */
public final class Version {

	private final String checksum;
	private final long timestamp;
	private final long filesize;
	private final long timestampObsolete;
	private final String filename;

	/**
	 * @param checksum updater checksum, 40 lower-case hex digits
	 * @param timestamp when this version was published
	 * @param filesize size in bytes, >= 0 (0 where unknown, e.g. old previous versions)
	 * @param timestampObsolete when a newer version replaced it; 0 for a current version
	 * @param filename the site path it was published under, or null for "same as the record"
	 */
	public Version(final String checksum, final long timestamp, final long filesize,
		final long timestampObsolete, final String filename)
	{
		this.checksum = Objects.requireNonNull(checksum, "checksum");
		this.timestamp = timestamp;
		this.filesize = filesize;
		this.timestampObsolete = timestampObsolete;
		this.filename = filename;
	}

	public String checksum() {
		return checksum;
	}

	public long timestamp() {
		return timestamp;
	}

	public long filesize() {
		return filesize;
	}

	/** @return when it was superseded, 0 if never (current version or unknown) */
	public long timestampObsolete() {
		return timestampObsolete;
	}

	/** @return the site path it was published under, or null for the record's own */
	public String filename() {
		return filename;
	}

	/** @return this version retired at {@code obsoleteAt}, remembering its file name */
	Version retire(final long obsoleteAt, final String publishedAs) {
		return new Version(checksum, timestamp, filesize, obsoleteAt, publishedAs);
	}

	@Override
	public String toString() {
		return (filename == null ? "" : filename + " ") + checksum + " @" + timestamp +
			(timestampObsolete == 0 ? "" : " obsolete @" + timestampObsolete);
	}
}
