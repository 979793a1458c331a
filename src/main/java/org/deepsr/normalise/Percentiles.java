package org.deepsr.normalise;

import java.util.Arrays;

/**
 * Exact percentiles of all the values of an image, stack or volume, read as
 * planes, with memory that does not grow with the data: numpy's default
 * {@code numpy.nanpercentile(values, q)} (method "linear", NaNs ignored),
 * equal to it to the last bit for the same values taken as float64.
 * <p>
 * Method (radix selection on the float's bits): every value has a 32-bit key
 * that sorts as the value does. The first pass counts the keys in 65536 bins
 * of their upper 16 bits, which gives the bin, and the rank within it, of
 * every order statistic the percentiles need (two per percentile); the second
 * pass counts the lower 16 bits of the keys in those bins only, which gives
 * the order statistics themselves. When every value is an integer in
 * 0..65535 (8-bit, 16-bit and RGB data), the first pass also counts the values
 * themselves and the second pass is skipped. Memory: at most
 * {@code 65536 * (2 + 2 * percents)} counters; time: one or two reads of every
 * value, no sort. Infinities count as values (they sort to the ends). The
 * planes must give the same values on every pass.
 */
public final class Percentiles {

	private static final int BINS = 1 << 16;

	private Percentiles() {}

	/**
	 * @param planes the values, iterated once or twice; NaNs are ignored
	 * @param percents 0..100 each
	 * @return the percentiles, in the order asked
	 * @throws IllegalArgumentException when no value is a number, or a percent is outside 0..100
	 */
	public static double[] of(final Iterable<float[]> planes, final double... percents) {
		for (final double p : percents)
			if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("a percentile must be in 0..100, got " + p);
		final long[] high = new long[BINS];
		long[] exact = new long[BINS];
		long n = 0;
		for (final float[] plane : planes)
			for (final float v : plane) {
				if (v != v) continue;
				n++;
				high[key(v) >>> 16]++;
				if (exact != null) {
					if (v >= 0 && v < BINS && v == (int) v) exact[(int) v]++;
					else exact = null;
				}
			}
		if (n == 0) throw new IllegalArgumentException("the image has no pixel values that are numbers (all NaN)");
		final long[] ranks = ranks(n, percents);
		final double[] values = exact != null ? select(exact, ranks) : select(planes, high, ranks);
		final double[] out = new double[percents.length];
		for (int i = 0; i < percents.length; i++)
			out[i] = interpolate(n, percents[i], values[2 * i], values[2 * i + 1]);
		return out;
	}

	/**
	 * numpy's linear percentile of values sorted ascending, NaNs excluded:
	 * {@code _lerp} of numpy's {@code _quantile}, operation for operation.
	 */
	static double interpolate(final long n, final double percent, final double below, final double above) {
		final double index = (n - 1) * (percent / 100);
		if (index >= n - 1) return above;
		final double t = index - Math.floor(index), diff = above - below;
		return t >= 0.5 ? above - diff * (1 - t) : below + diff * t;
	}

	/** The 0-based ranks of the two order statistics around each percentile (numpy's previous/next index). */
	private static long[] ranks(final long n, final double[] percents) {
		final long[] ranks = new long[2 * percents.length];
		for (int i = 0; i < percents.length; i++) {
			final double index = (n - 1) * (percents[i] / 100);
			final long below = index >= n - 1 ? n - 1 : (long) Math.floor(index);
			ranks[2 * i] = below;
			ranks[2 * i + 1] = Math.min(below + 1, n - 1);
		}
		return ranks;
	}

	/** The values of the given ranks from counts per integer value. */
	private static double[] select(final long[] counts, final long[] ranks) {
		final double[] out = new double[ranks.length];
		for (int r = 0; r < ranks.length; r++)
			out[r] = locate(counts, ranks[r])[0];
		return out;
	}

	/** Second pass: the lower 16 bits of the keys in the bins that hold the ranks. */
	private static double[] select(final Iterable<float[]> planes, final long[] high, final long[] ranks) {
		final int[] bin = new int[ranks.length];
		final long[] within = new long[ranks.length];
		for (int r = 0; r < ranks.length; r++) {
			final long[] at = locate(high, ranks[r]);
			bin[r] = (int) at[0];
			within[r] = at[1];
		}
		final int[] wanted = Arrays.stream(bin).distinct().toArray();
		final long[][] low = new long[wanted.length][BINS];
		final int[] slot = new int[BINS];
		Arrays.fill(slot, -1);
		for (int w = 0; w < wanted.length; w++)
			slot[wanted[w]] = w;
		for (final float[] plane : planes)
			for (final float v : plane) {
				if (v != v) continue;
				final int k = key(v), s = slot[k >>> 16];
				if (s >= 0) low[s][k & 0xffff]++;
			}
		final double[] out = new double[ranks.length];
		for (int r = 0; r < ranks.length; r++) {
			final int lower = (int) locate(low[slot[bin[r]]], within[r])[0];
			out[r] = value(bin[r] << 16 | lower);
		}
		return out;
	}

	/** {bin, rank within the bin} of the value of 0-based rank {@code rank}. */
	private static long[] locate(final long[] counts, final long rank) {
		long before = 0;
		for (int b = 0; b < counts.length; b++) {
			if (rank < before + counts[b]) return new long[] { b, rank - before };
			before += counts[b];
		}
		throw new IllegalStateException("rank " + rank + " beyond " + before + " values: the planes changed between passes");
	}

	/** An unsigned 32-bit key (as an int) that orders like the float: flip all bits of negatives, the sign bit of the rest. */
	static int key(final float v) {
		final int bits = Float.floatToRawIntBits(v);
		return bits ^ (bits >> 31 | 0x80000000);
	}

	/** The float of a {@link #key}. */
	static float value(final int key) {
		return Float.intBitsToFloat(key ^ (~key >> 31 | 0x80000000));
	}
}
