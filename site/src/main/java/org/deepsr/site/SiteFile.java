package org.deepsr.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A file to publish: where it goes on the site, where its bytes come from,
 * and its metadata. Immutable.
 */
public final class SiteFile {

	private final String sitePath;
	private final Path source;
	private final String description;
	private final List<String> dependencies;

	/**
	 * @param sitePath '/'-separated path inside Fiji, e.g. {@code jars/deepsr-0.1.0.jar}
	 *          or {@code jars/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar}
	 * @param source the file with the content
	 * @param description free text shown by the updater, or null
	 * @param dependencies site paths (versioned or not) of files of the same
	 *          site this one needs
	 * @throws IllegalArgumentException for an absolute path, '\\' or '..' in the path
	 */
	public SiteFile(final String sitePath, final Path source, final String description,
		final List<String> dependencies)
	{
		if (sitePath.startsWith("/") || sitePath.contains("\\") || sitePath.contains("..") || sitePath.endsWith("/"))
			throw new IllegalArgumentException("Site path must be relative, '/'-separated and name a file: '" +
				sitePath + "'");
		this.sitePath = sitePath;
		this.source = Objects.requireNonNull(source, "source");
		this.description = description;
		this.dependencies = Collections.unmodifiableList(new ArrayList<>(dependencies));
	}

	public SiteFile(final String sitePath, final Path source, final String description) {
		this(sitePath, source, description, Collections.emptyList());
	}

	public String sitePath() {
		return sitePath;
	}

	public Path source() {
		return source;
	}

	public String description() {
		return description;
	}

	public List<String> dependencies() {
		return dependencies;
	}

	/** @return the updater platform for a file under {@code jars/<platform>/}, or null */
	public String platform() {
		return SiteLayout.platformOf(sitePath);
	}
}
