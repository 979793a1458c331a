package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.deepsr.nets.NetRegistry;
import org.junit.jupiter.api.Test;

/** {@code deepsr networks}: one line per registered network, parameter counts against the papers' arithmetic. */
class NetworksCliTest {

	private static String[] run(final int expectedCode, final String... args) {
		final StringWriter o = new StringWriter(), e = new StringWriter();
		assertEquals(expectedCode, Main.execute(new PrintWriter(o), new PrintWriter(e), args), e.toString());
		return (expectedCode == 0 ? o : e).toString().split("\n");
	}

	@Test
	void everyNetworkHasALineWithThePapersCount() {
		final String[] lines = run(0, "networks");
		assertEquals("| network | params x4 | on | scales | channels | paper |", lines[0]);
		final List<String> names = Arrays.stream(lines).skip(2).map(l -> cell(l, 0).replace("`", "")).collect(Collectors.toList());
		assertEquals(NetRegistry.names(), names);
		// VDSR: 20 layers of 64 3x3 filters on Y, 665K with biases (DRCN's and DRRN's tables); EDSR x4 on RGB, 43M (Lim et al., Table 1)
		assertTrue(line(lines, "vdsr").matches("\\| `vdsr` \\| 665,921 \\| Y \\|.*Kim et al.*"), line(lines, "vdsr"));
		final long edsr = Long.parseLong(cell(line(lines, "edsr"), 1).replace(",", ""));
		assertTrue(Math.abs(edsr - 43e6) < 0.02 * 43e6, line(lines, "edsr"));
		assertTrue(line(lines, "espcn").contains("x2-x16"), line(lines, "espcn"));
	}

	@Test
	void aScaleANetworkCannotBuildIsADash() {
		final String[] lines = run(0, "networks", "--scale", "5");
		// ESPCN x5: 5x5x64 + 3x3x64x32 + 3x3x32x25 weights and 64 + 32 + 25 biases (Shi et al., Sec. 3.1)
		assertEquals("27,353", cell(line(lines, "espcn"), 1));
		assertEquals("-", cell(line(lines, "edsr"), 1));
		assertEquals("deepsr: Scale must be between 1 and 16, got 17.", run(1, "networks", "--scale", "17")[0]);
	}

	private static String line(final String[] lines, final String name) {
		return Arrays.stream(lines).filter(l -> l.startsWith("| `" + name + "` ")).findFirst().orElseThrow(() -> new AssertionError("no line for " + name));
	}

	/** The table row's i-th cell, trimmed. */
	private static String cell(final String row, final int i) {
		return row.split("\\|")[i + 1].trim();
	}
}
