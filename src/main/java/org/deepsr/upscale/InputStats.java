package org.deepsr.upscale;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.deepsr.normalise.NoiseLevel;

/**
 * What the upscale path learns about a volume while the normaliser reads its
 * planes (no extra pass): the minimum, the fraction of exact zeros, and the
 * noise of the first planes ({@link NoiseLevel}, their median). Counts the
 * first pass over each tapped iterable.
 */
final class InputStats {

	/** Planes whose noise is estimated (a stack's first ones). */
	private static final int NOISE_PLANES = 3;

	private final int width, height;
	private final List<Tapped> tapped = new ArrayList<>();
	private long zeros, count;
	private double min = Double.POSITIVE_INFINITY;
	private final double[] noise = new double[NOISE_PLANES];
	private int noisePlanes;

	InputStats(final int width, final int height) {
		this.width = width;
		this.height = height;
	}

	/**
	 * The planes as given, counted as they pass the first time (a normaliser
	 * may read them twice); each tapped iterable (a channel's planes) counts once.
	 */
	Iterable<float[]> tap(final Iterable<float[]> planes) {
		final Tapped t = new Tapped(planes);
		tapped.add(t);
		return t;
	}

	/** Reads, to count them, the tapped planes no normaliser read (a fixed 8-bit normalisation reads none). */
	void finish() {
		for (final Tapped t : tapped)
			if (!t.started) for (final float[] plane : t) { /* counted */ }
	}

	private final class Tapped implements Iterable<float[]> {

		private final Iterable<float[]> planes;
		private boolean started;

		Tapped(final Iterable<float[]> planes) {
			this.planes = planes;
		}

		@Override
		public Iterator<float[]> iterator() {
			final Iterator<float[]> it = planes.iterator();
			final boolean first = !started;
			started = true;
			return new Iterator<float[]>() {
				@Override
				public boolean hasNext() {
					return it.hasNext();
				}

				@Override
				public float[] next() {
					final float[] p = it.next();
					if (first) add(p);
					return p;
				}
			};
		}
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
