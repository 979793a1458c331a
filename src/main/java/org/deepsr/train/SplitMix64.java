package org.deepsr.train;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and its whole state is
 * one long, derived here from (seed, stream) so that each batch has its own
 * reproducible stream.
 */
final class SplitMix64 {

	private long state;

	SplitMix64(final long seed, final long stream) {
		state = mix(seed ^ mix(stream + 0x632BE59BD9B4E019L));
	}

	long nextLong() {
		return mix(state += 0x9E3779B97F4A7C15L);
	}

	/** Uniform in [0, bound). */
	int nextInt(final int bound) {
		return (int) ((nextLong() >>> 1) % bound);
	}

	/** Uniform in [0, bound). */
	long nextLong(final long bound) {
		return (nextLong() >>> 1) % bound;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
