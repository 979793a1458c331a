package org.deepsr.normalise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Timing program: {@link Percentiles} on 100 million
 * values held as 20 planes, float data (two passes) and 12-bit integers (one
 * pass), against sorting a copy of all values. Needs about 2 GiB of heap.
 * <p>
 * Usage: {@code JAVA_OPTS=-Xmx3g bench/run PercentilesSpeed}
 */
final class PercentilesSpeed {

	private PercentilesSpeed() {}

	public static void main(final String[] args) {
		final int planes = 20, size = 5_000_000;
		final List<float[]> real = new ArrayList<>(), integers = new ArrayList<>();
		final SplittableRandom random = new SplittableRandom(1);
		for (int p = 0; p < planes; p++) {
			final float[] x = new float[size], y = new float[size];
			for (int i = 0; i < size; i++) {
				x[i] = (float) (random.nextDouble() * 1000 - 3);
				y[i] = random.nextInt(4096);
			}
			real.add(x);
			integers.add(y);
		}
		for (int rep = 0; rep < 3; rep++) {
			final long t0 = System.nanoTime();
			final double[] pr = Percentiles.of(real, 0.1, 99.9);
			final long t1 = System.nanoTime();
			final double[] pi = Percentiles.of(integers, 0.1, 99.9);
			final long t2 = System.nanoTime();
			final float[] all = new float[planes * size];
			for (int p = 0; p < planes; p++)
				System.arraycopy(real.get(p), 0, all, p * size, size);
			Arrays.sort(all);
			final long t3 = System.nanoTime();
			System.out.printf("%d values: float %.2f s %s, 12-bit integers %.2f s %s, sorting a copy %.2f s%n", planes * size,
				(t1 - t0) / 1e9, Arrays.toString(pr), (t2 - t1) / 1e9, Arrays.toString(pi), (t3 - t2) / 1e9);
		}
	}
}
