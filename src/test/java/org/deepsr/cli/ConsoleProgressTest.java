package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** {@link ConsoleProgress} on a clock of its own: throttled lines, the time left at a steady rate, warnings once. */
class ConsoleProgressTest {

	private static final long S = 1_000_000_000L;

	@Test
	void onePlaneLineEveryIntervalWithTheTimeLeft() {
		final AtomicLong now = new AtomicLong(0);
		final StringWriter text = new StringWriter();
		final ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), now::get);
		// 100 planes, one per second, 4 tiles each: a steady rate of 1% per second.
		for (int plane = 0; plane < 100; plane++) {
			p.status("DeepSR: upscaling plane " + (plane + 1) + "/100 of vol.tif");
			for (int tile = 1; tile <= 4; tile++) {
				now.addAndGet(S / 4);
				p.progress(plane * 4 + tile, 400);
			}
		}
		final List<String> lines = List.of(text.toString().split("\n"));
		// A line at most every 2 s over 100 s of work: 50 lines at most (the last 100% is left to the summary).
		assertEquals(49, lines.size(), text.toString());
		// At t = 2 s: 2% done in 2 s since the first report at 0.25% (t = 0.25 s), so 98 s left.
		assertEquals("DeepSR: upscaling plane 2/100 of vol.tif: 2%, about 1 min 38 s left", lines.get(0));
		assertEquals("DeepSR: upscaling plane 50/100 of vol.tif: 50%, about 50 s left", lines.get(24));
	}

	@Test
	void workShorterThanTheIntervalPrintsNoProgress() {
		final AtomicLong now = new AtomicLong(0);
		final StringWriter text = new StringWriter();
		final ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), now::get);
		p.status("DeepSR: upscaling astronaut.png");
		for (int tile = 1; tile <= 16; tile++) {
			now.addAndGet(S / 10);
			p.progress(tile, 16);
		}
		assertEquals("", text.toString());
	}

	@Test
	void eachWarningOnce() {
		final StringWriter text = new StringWriter();
		final ConsoleProgress p = new ConsoleProgress(new PrintWriter(text));
		for (int i = 0; i < 3; i++) {
			p.warn("MS-SSIM needs at least 176x176 px after shaving; reported as NaN for smaller images.");
			p.warn("other");
		}
		assertEquals("warning: MS-SSIM needs at least 176x176 px after shaving; reported as NaN for smaller images.\n" +
			"warning: other\n", text.toString().replace(System.lineSeparator(), "\n"));
	}

	@Test
	void durations() {
		assertEquals("45 s", ConsoleProgress.duration(45));
		assertEquals("3 min 20 s", ConsoleProgress.duration(200));
		assertEquals("2 h 05 min", ConsoleProgress.duration(7500));
	}
}
