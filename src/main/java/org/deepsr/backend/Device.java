package org.deepsr.backend;

/** Where a network runs. */
public enum Device {
	/** A GPU when TensorFlow finds one, else the CPU. */
	AUTO,
	/** The CPU only: GPUs are hidden from the session. */
	CPU,
	/** A GPU, or an error explaining how to get one. */
	GPU;

	/** "auto", "cpu" or "gpu" (any case), with a clear error for anything else. */
	public static Device parse(final String name) {
		final String key = name == null ? "" : name.trim().toUpperCase(java.util.Locale.ROOT);
		for (final Device d : values())
			if (d.name().equals(key)) return d;
		throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + name + "'");
	}
}
