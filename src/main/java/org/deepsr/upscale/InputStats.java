package org.deepsr.upscale;

import java.util.Iterator;

import org.deepsr.normalise.NoiseLevel;

/**
 * What the upscale path learns about a volume while the normaliser reads its
 * planes (no extra pass): the minimum, the fraction of exact zeros, and the
 * noise of the first planes ({@link NoiseLevel}, their median). Counts only the
 * first complete pass over the planes.
 */
final class InputStats {

	/** Planes whose noise is estimated (a stack's first ones). */
	private static final int NOISE_PLANES = 3;

	private final int width, height;
	private boolean complete, counting;
	private long zeros, count;
	private double min = Double.POSITIVE_INFINITY;
	private final double[] noise = new double[NOISE_PLANES];
	private int noisePlanes;

	InputStats(final int width, final int height) {
		this.width = width;
		this.height = height;
	}

	/** The planes as given, counted as they pass the first time. */
	Iterable<float[]> tap(final Iterable<float[]> planes) {
		return () -> {
			final Iterator<float[]> it = planes.iterator();
			final boolean first = !complete && !counting;
			counting |= first;
			return new Iterator<float[]>() {
				@Override
				public boolean hasNext() {
					final boolean more = it.hasNext();
					if (!more && first) complete = true;
					return more;
				}

				@Override
				public float[] next() {
					final float[] p = it.next();
					if (first) add(p);
					return p;
				}
			};
		};
	}

	private void add(final float[] plane) {
		for (final float v : plane) {
			if (v == 0) zeros++;
			if (v < min) min = v;
		}
		count += plane.length;
		if (noisePlanes < NOISE_PLANES && plane.length == (long) width * height)
			noise[noisePlanes++] = NoiseLevel.of(plane, width, height);
	}

	boolean complete() {
		return complete;
	}

	double min() {
		return min;
	}

	double zeroFraction() {
		return count == 0 ? 0 : (double) zeros / count;
	}

	/** The median noise std of the first planes, in image units. */
	double noise() {
		final double[] v = java.util.Arrays.copyOf(noise, noisePlanes);
		java.util.Arrays.sort(v);
		return v.length == 0 ? 0 : v[v.length / 2];
	}
}
