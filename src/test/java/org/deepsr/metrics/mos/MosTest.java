package org.deepsr.metrics.mos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * MOS and 95% intervals against scipy: ratings.csv and expected_mos.csv are
 * written by src/test/python/mos_fixtures.py (numpy mean/std(ddof=1),
 * scipy.stats.t.interval with scale = scipy.stats.sem).
 */
class MosTest {

	private Reader resource(final String name) {
		return new InputStreamReader(getClass().getResourceAsStream(name), StandardCharsets.UTF_8);
	}

	@Test
	void meanAndIntervalAgreeWithScipy() throws IOException {
		final List<MethodScore> scores;
		try (Reader in = resource("ratings.csv")) {
			scores = Mos.aggregate(RatingsCsv.read(in, "ratings.csv"));
		}
		try (BufferedReader in = new BufferedReader(resource("expected_mos.csv"))) {
			in.readLine();
			int i = 0;
			for (String line; (line = in.readLine()) != null; i++) {
				final String[] f = line.startsWith("\"") ? new String[] { line.substring(1, line.indexOf('"', 1)) }
					: null;
				final String[] rest = (f == null ? line : line.substring(line.indexOf('"', 1) + 2)).split(",");
				final String method = f == null ? rest[0] : f[0];
				final int off = f == null ? 1 : 0;
				final MethodScore s = scores.get(i);
				assertEquals(method, s.method());
				assertEquals(Integer.parseInt(rest[off]), s.count(), method + " n");
				assertEquals(Double.parseDouble(rest[off + 1]), s.mean(), 1e-12, method + " mean");
				if (s.count() > 1) {
					assertEquals(Double.parseDouble(rest[off + 2]), s.sd(), 1e-12, method + " sd");
					assertEquals(Double.parseDouble(rest[off + 3]), s.low(), 1e-9, method + " low");
					assertEquals(Double.parseDouble(rest[off + 4]), s.high(), 1e-9, method + " high");
				}
				else assertTrue(Double.isNaN(s.halfWidth()), "one rating has no interval");
			}
			assertEquals(scores.size(), i);
		}
	}

	@Test
	void csvRoundTripsAndRejectsBadScores() throws IOException {
		final List<Rating> ratings = List.of(new Rating("ann", "bird.png", "EDSR, \"x4\"", 5), new Rating("bob",
			"baby", "bicubic", 1));
		final StringWriter out = new StringWriter();
		RatingsCsv.write(out, ratings);
		assertTrue(out.toString().startsWith("rater,image,method,score\n"));
		assertEquals(ratings, RatingsCsv.read(new StringReader(out.toString()), "mem"));

		final IOException e = assertThrows(IOException.class, () -> RatingsCsv.read(new StringReader(
			"rater,image,method,score\nann,bird,x,6\n"), "r.csv"));
		assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("1..5"), e.getMessage());
		assertThrows(IOException.class, () -> RatingsCsv.read(new StringReader("a,b,c\n"), "r.csv"));
		assertThrows(IllegalArgumentException.class, () -> new Rating("ann", "bird", "x", 0));
	}

	@Test
	void sessionIsBlindShuffledReproducibleAndComplete() {
		final Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
		for (final String image : List.of("baby", "bird", "head")) {
			final Map<String, String> m = new LinkedHashMap<>();
			for (final String method : List.of("bicubic", "FSRCNN", "EDSR"))
				m.put(method, image + "/" + method);
			outputs.put(image, m);
		}
		final RatingSession<String> a = new RatingSession<>("ann", outputs, 42);
		final RatingSession<String> b = new RatingSession<>("ann", outputs, 42);
		final RatingSession<String> c = new RatingSession<>("ann", outputs, 43);
		final List<String> orderA = order(a), orderB = order(b), orderC = order(c);
		assertEquals(orderA, orderB, "same seed, same order");
		assertNotEquals(orderA, orderC, "another seed, another order");
		assertEquals(9, new HashSet<>(orderA).size(), "every output exactly once");
		for (int i = 0; i < a.size(); i++) {
			assertEquals(false, a.complete());
			a.rate(i, 1 + i % 5);
		}
		assertTrue(a.complete());
		final Set<String> seen = new HashSet<>();
		for (int i = 0; i < a.size(); i++) {
			final Rating r = a.ratings().get(i);
			assertEquals(a.trial(i).item(), r.image() + "/" + r.method(), "score goes to the method shown");
			assertEquals(1 + i % 5, r.score());
			seen.add(r.method());
		}
		assertEquals(Set.of("bicubic", "FSRCNN", "EDSR"), seen);
		assertThrows(IllegalArgumentException.class, () -> a.rate(0, 9));
	}

	private static List<String> order(final RatingSession<String> s) {
		return java.util.stream.IntStream.range(0, s.size()).mapToObj(i -> s.trial(i).item()).collect(Collectors
			.toList());
	}
}
