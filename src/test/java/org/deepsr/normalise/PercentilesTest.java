package org.deepsr.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/**
 * {@link Percentiles} against numpy.nanpercentile (fixture written by
 * src/test/python/percentiles_fixture.py: ties, NaNs, 16-bit data, float data
 * with outliers, signed zeros and subnormals, many planes), to the last bit.
 */
class PercentilesTest {

	@Test
	void equalNumpyToTheLastBit() throws IOException {
		int cases = 0;
		try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(getClass()
			.getResourceAsStream("percentiles.txt.gz")), StandardCharsets.US_ASCII)))
		{
			double[] q = null, expected = null;
			String name = null;
			List<float[]> planes = new ArrayList<>();
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.startsWith("q ")) q = numbers(line);
				else if (line.startsWith("case ")) {
					if (name != null) check(name, planes, q, expected);
					name = line.split(" ")[1];
					planes = new ArrayList<>();
					cases++;
				}
				else if (line.startsWith("p ")) expected = numbers(line);
				else if (line.startsWith("v")) planes.add(floats(line));
			}
			check(name, planes, q, expected);
		}
		assertEquals(10, cases);
	}

	/**
	 * More values than an int can count or an array can hold (the overflow a
	 * stack-sized buffer had): 130 planes of 4096x4096 in which each of 0..65535
	 * occurs K = 256 * 130 times, so that rank r holds floor(r / K) and numpy's
	 * percentile p lies between ranks floor(p/100 (N-1)) and the next.
	 */
	@Test
	void countBeyondTwoToThe31Values() {
		final float[] plane = new float[4096 * 4096];
		for (int i = 0; i < plane.length; i++)
			plane[i] = i % 65536;
		final int copies = 130;
		final long n = (long) plane.length * copies;
		assertTrue(n > Integer.MAX_VALUE);
		final double[] p = Percentiles.of(() -> new Iterator<float[]>() {

			private int served;

			@Override
			public boolean hasNext() {
				return served < copies;
			}

			@Override
			public float[] next() {
				served++;
				return plane;
			}
		}, 0, 25, 50, 100);
		// N = 65536 K: p=25 sits at rank 16384 K - 0.25, between values 16383 and 16384; p=50 at 32768 K - 0.5
		assertEquals(0, p[0], 0.0);
		assertEquals(16383.75, p[1], 0.0);
		assertEquals(32767.5, p[2], 0.0);
		assertEquals(65535, p[3], 0.0);
	}

	private static void check(final String name, final List<float[]> planes, final double[] q, final double[] expected) {
		final double[] actual = Percentiles.of(planes, q);
		for (int i = 0; i < q.length; i++)
			assertEquals(expected[i], actual[i], 0.0, name + " percentile " + q[i]);
	}

	private static double[] numbers(final String line) {
		return Arrays.stream(line.substring(2).split(" ")).mapToDouble(Double::parseDouble).toArray();
	}

	private static float[] floats(final String line) {
		final String[] hex = line.length() > 1 ? line.substring(2).split(" ") : new String[0];
		final float[] v = new float[hex.length];
		for (int i = 0; i < v.length; i++)
			v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(hex[i], 16));
		return v;
	}

	/**
	 * A stack of 3 million values, more than any sample the statistics may take:
	 * even and odd pixels come from different distributions, so any subsample on
	 * a stride gives other numbers. Reference: all values sorted, numpy's formula.
	 */
	@Test
	void exactOnLargeStacks() {
		final Random random = new Random(7);
		final List<float[]> planes = new ArrayList<>();
		for (int p = 0; p < 3; p++) {
			final float[] plane = new float[1_000_000];
			for (int i = 0; i < plane.length; i++)
				plane[i] = i % 2 == 0 ? (float) random.nextGaussian() : 1000 + 10 * random.nextFloat();
			planes.add(plane);
		}
		final float[] all = new float[3_000_000];
		for (int p = 0; p < 3; p++)
			System.arraycopy(planes.get(p), 0, all, p * 1_000_000, 1_000_000);
		Arrays.sort(all);
		final double[] q = { 0.1, 40, 50, 60, 99.9 };
		final double[] actual = Percentiles.of(planes, q);
		for (int i = 0; i < q.length; i++)
			assertEquals(sortedPercentile(all, q[i]), actual[i], 0.0, "percentile " + q[i]);
	}

	/** numpy's linear percentile of sorted values, written from its documentation. */
	static double sortedPercentile(final float[] sorted, final double q) {
		final double index = (sorted.length - 1) * (q / 100);
		final int i = (int) Math.floor(index);
		if (i >= sorted.length - 1) return sorted[sorted.length - 1];
		final double t = index - i, a = sorted[i], b = sorted[i + 1];
		return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
	}

	/** Streaming: 16-bit data are read once, float data twice, never held. */
	@Test
	void readsIntegerDataOnceAndFloatDataTwice() {
		final float[] counts = { 0, 1, 2, 65535 }, real = { 0.5f, 1, 2, 3 };
		final int[] passes = new int[1];
		final Iterable<float[]> integers = counting(counts, passes);
		Percentiles.of(integers, 50);
		assertEquals(1, passes[0]);
		passes[0] = 0;
		Percentiles.of(counting(real, passes), 50);
		assertEquals(2, passes[0]);
	}

	private static Iterable<float[]> counting(final float[] plane, final int[] passes) {
		return () -> {
			passes[0]++;
			return new Iterator<float[]>() {

				private boolean done;

				@Override
				public boolean hasNext() {
					return !done;
				}

				@Override
				public float[] next() {
					done = true;
					return plane.clone();
				}
			};
		};
	}

	@Test
	void clearErrors() {
		final IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Percentiles.of(List.of(
			new float[] { Float.NaN }), 50));
		assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
		final IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> Percentiles.of(List.of(
			new float[] { 1 }), 101));
		assertTrue(range.getMessage().contains("0..100"), range.getMessage());
	}

	@Test
	void keysSortAsTheirFloats() {
		final float[] v = { Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1, -Float.MIN_VALUE, -0f, 0f, Float.MIN_VALUE, 1,
			Float.MAX_VALUE, Float.POSITIVE_INFINITY };
		for (int i = 0; i < v.length; i++) {
			assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(Percentiles.value(Percentiles.key(v[i]))));
			if (i > 0) assertTrue(Integer.compareUnsigned(Percentiles.key(v[i - 1]), Percentiles.key(v[i])) < 0, "key order at " + v[i]);
		}
	}
}
