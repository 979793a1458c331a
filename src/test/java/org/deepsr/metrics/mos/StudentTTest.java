package org.deepsr.metrics.mos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Quantiles and CDF against scipy.stats.t.ppf / t.cdf: t_quantiles.csv is
 * written by src/test/python/mos_fixtures.py (scipy 1.10).
 */
class StudentTTest {

	@Test
	void agreesWithScipy() throws IOException {
		int n = 0;
		try (BufferedReader in = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
			"t_quantiles.csv"), StandardCharsets.UTF_8)))
		{
			in.readLine();
			for (String line; (line = in.readLine()) != null; n++) {
				final String[] f = line.split(",");
				final double p = Double.parseDouble(f[0]), df = Double.parseDouble(f[1]);
				final double ppf = Double.parseDouble(f[2]), cdf = Double.parseDouble(f[3]);
				// scipy's ppf is only ~2e-9 relative: t.cdf(t.ppf(0.995, 3), 3) = 0.994999999976 in scipy itself
				final double t = StudentT.quantile(p, df);
				assertEquals(ppf, t, 1e-8 * Math.max(1, Math.abs(ppf)), "ppf " + p + " df " + df);
				assertEquals(p, StudentT.cdf(t, df), 1e-13, "cdf(quantile(p)) " + p + " df " + df);
				assertEquals(cdf, StudentT.cdf(1.3, df), 1e-12, "cdf(1.3) df " + df);
			}
		}
		assertEquals(98, n, "fixture rows");
	}

	@Test
	void rejectsBadArguments() {
		assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1.0, 5));
		assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.975, 0));
	}
}
