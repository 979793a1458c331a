package org.deepsr.backend;

/** Where a network runs. */
public enum Device {
	/** A GPU when TensorFlow finds one, else the CPU. */
	AUTO,
	/** The CPU only: GPUs are hidden from the session. */
	CPU,
	/** A GPU, or an error explaining how to get one. */
	GPU
}
