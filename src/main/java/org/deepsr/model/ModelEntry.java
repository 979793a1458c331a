package org.deepsr.model;

import java.nio.file.Path;

/** One model the registry knows: what a model chooser shows. */
public final class ModelEntry {

	/** Where a model comes from. */
	public enum Source {
		/** Shipped with DeepSR (read-only). */
		BUNDLED,
		/** Imported or trained by the user. */
		USER
	}

	private final String name;
	private final int scale;
	private final String architecture;
	private final String channelMode;
	private final Source source;
	private final Path path;

	ModelEntry(final ModelDescriptor d, final Source source, final Path path) {
		this.name = d.name;
		this.scale = d.scale;
		this.architecture = d.architecture;
		this.channelMode = d.channels.mode;
		this.source = source;
		this.path = path;
	}

	public String name() {
		return name;
	}

	/** Upscaling factor, 2..8. */
	public int scale() {
		return scale;
	}

	public String architecture() {
		return architecture;
	}

	/** "y", "grey", "per_channel" or "rgb". */
	public String channelMode() {
		return channelMode;
	}

	public Source source() {
		return source;
	}

	/** The bundle (zip or folder). */
	public Path path() {
		return path;
	}

	@Override
	public String toString() {
		return name + " (x" + scale + ", " + architecture + ", " + channelMode + ", " + source.name()
			.toLowerCase() + ")";
	}
}
