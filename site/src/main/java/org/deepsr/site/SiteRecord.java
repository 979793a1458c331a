package org.deepsr.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.scijava.util.FileUtils;

/**
 * One {@code <plugin>} entry of a {@code db.xml.gz}: a file of the site with
 * its current version (null once the file was removed, i.e. obsolete), its
 * history, platforms (e.g. {@code linux64}), description and dependencies.
 * Immutable.
 */
public final class SiteRecord {

	private final String filename;
	private final Version current;
	private final List<Version> previous;
	private final List<String> platforms;
	private final String description;
	private final List<Dependency> dependencies;

	/**
	 * @param filename the site path with version, e.g. {@code jars/deepsr-0.1.0.jar}
	 * @param current the current version, or null when obsolete
	 * @param previous earlier versions, oldest first
	 * @param platforms updater platform names; empty for every platform
	 * @param description free text, or null
	 * @param dependencies files this one needs
	 */
	public SiteRecord(final String filename, final Version current, final List<Version> previous,
		final List<String> platforms, final String description, final List<Dependency> dependencies)
	{
		this.filename = Objects.requireNonNull(filename, "filename");
		this.current = current;
		this.previous = Collections.unmodifiableList(new ArrayList<>(previous));
		this.platforms = Collections.unmodifiableList(new ArrayList<>(platforms));
		this.description = description;
		this.dependencies = Collections.unmodifiableList(new ArrayList<>(dependencies));
	}

	/**
	 * The updater's identity of a file: its site path with the version stripped
	 * by the same scijava-common function the updater uses, so
	 * {@code jars/deepsr-0.1.0.jar} and {@code jars/deepsr-0.2.0.jar} are one record.
	 *
	 * @param sitePath a site path, '/'-separated
	 * @return the unversioned path, e.g. {@code jars/deepsr.jar}
	 */
	public static String identity(final String sitePath) {
		return FileUtils.stripFilenameVersion(sitePath);
	}

	public String filename() {
		return filename;
	}

	/** @return {@link #identity(String)} of the file name */
	public String identity() {
		return identity(filename);
	}

	/** @return the current version, or null if the file was removed from the site */
	public Version current() {
		return current;
	}

	public boolean isObsolete() {
		return current == null;
	}

	/** @return earlier versions, oldest first */
	public List<Version> previous() {
		return previous;
	}

	public List<String> platforms() {
		return platforms;
	}

	/** @return the description, or null */
	public String description() {
		return description;
	}

	public List<Dependency> dependencies() {
		return dependencies;
	}

	/** @return the name a version is stored under on the server: {@code <path>-<timestamp>} */
	public static String storedName(final String sitePath, final long timestamp) {
		return sitePath + "-" + timestamp;
	}

	@Override
	public String toString() {
		return filename + (current == null ? " (obsolete)" : " " + current);
	}
}
