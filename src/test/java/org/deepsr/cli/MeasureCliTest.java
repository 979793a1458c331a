package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deepsr.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deepsr measure} refuses unlike or undefined data in one line (exit
 * 1) instead of printing a number, and reports identical slices apart.
 * References are closed forms: a constant error e on a data range R gives
 * PSNR 20 log10(R / e) and MAE e; the mean over slices is the hand mean.
 */
class MeasureCliTest {

	@TempDir
	Path dir;

	private static final int W = 40, H = 30;

	/** 10..209 in a pattern: room for +3 within 8 bits. */
	private static int value(final int i) {
		return 10 + (i * 7) % 200;
	}

	private Path save(final String name, final ImagePlus imp) throws Exception {
		final Path p = dir.resolve(name);
		ImageFiles.save(imp, p, false);
		return p;
	}

	private Path save(final String name, final ImageProcessor ip) throws Exception {
		return save(name, new ImagePlus(name, ip));
	}

	private static CliTest.Run measure(final Path test, final Path reference, final String... more) {
		final List<String> args = new ArrayList<>(Arrays.asList("measure", "--test", test.toString(), "--reference", reference.toString()));
		args.addAll(Arrays.asList(more));
		return new CliTest.Run(args.toArray(new String[0]));
	}

	private static double number(final String out, final String key) {
		final Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " +([-0-9.eE]+)").matcher(out);
		assertTrue(m.find(), key + " missing in\n" + out);
		return Double.parseDouble(m.group(1));
	}

	/** The one line of a refusal: the last of stderr (a warning about MS-SSIM's size may come before it). */
	private static String refusal(final CliTest.Run r) {
		assertEquals(1, r.code, r.out + r.err);
		assertEquals("", r.out);
		final String[] lines = r.err.trim().split("\\R");
		final String e = lines[lines.length - 1];
		assertTrue(e.startsWith("deepsr: "), r.err);
		return e;
	}

	/**
	 * The same picture (reference + 3 as the test) as 8-bit, as 16-bit and
	 * float holding the same values (what ImageJ's conversions give), and as
	 * 16-bit full scale (x 257) and float 0..1 (/ 255), what other tools write.
	 * The first two measure 20 log10(255 / 3) like 8-bit against 8-bit and
	 * say that types were mixed; the last two were 4.8 dB and -43 dB, and are refused.
	 */
	@Test
	void differentTypesAreComparedOnlyInTheSameUnits() throws Exception {
		final ByteProcessor ref = new ByteProcessor(W, H), test = new ByteProcessor(W, H);
		final ShortProcessor same16 = new ShortProcessor(W, H), full16 = new ShortProcessor(W, H);
		final FloatProcessor same32 = new FloatProcessor(W, H), unit32 = new FloatProcessor(W, H);
		for (int i = 0; i < W * H; i++) {
			ref.set(i, value(i));
			test.set(i, value(i) + 3);
			same16.set(i, value(i) + 3);
			full16.set(i, 257 * (value(i) + 3));
			same32.setf(i, value(i) + 3);
			unit32.setf(i, (value(i) + 3) / 255f);
		}
		final Path r = save("r.tif", ref);
		final double expected = 20 * Math.log10(255 / 3.0);
		final CliTest.Run bytes = measure(save("t8.tif", test), r);
		assertEquals(0, bytes.code, bytes.err);
		assertEquals(expected, number(bytes.out, "PSNR"), 1e-4);
		for (final Path t : new Path[] { save("t16.tif", same16), save("t32.tif", same32) }) {
			final CliTest.Run m = measure(t, r);
			assertEquals(0, m.code, m.err);
			assertEquals(number(bytes.out, "PSNR"), number(m.out, "PSNR"), 0, "PSNR as 8-bit against 8-bit");
			assertEquals(number(bytes.out, "SSIM"), number(m.out, "SSIM"), 0);
			assertTrue(m.out.contains("; 8-bit reference 'r.tif' (values 10..209) and ") && m.out.contains(" (values 13..212) compared as they are, in the same units"), m.out);
		}
		assertEquals("deepsr: The 8-bit reference 'r.tif' (values 10..209) and 16-bit test 't16full.tif' (values 3341..54484) are not in the same units"
			+ " (their spans are 257.0 times apart): convert both to one type and range first (e.g. 16-bit full scale = 8-bit x 257, float 0..1 = 8-bit / 255).",
			refusal(measure(save("t16full.tif", full16), r)));
		assertTrue(refusal(measure(save("t01.tif", unit32), r)).contains("are not in the same units (their spans are 255.0 times apart)"));
	}

	@Test
	void nanPixelsAreRefused() throws Exception {
		final FloatProcessor ref = new FloatProcessor(W, H), test = new FloatProcessor(W, H);
		for (int i = 0; i < W * H; i++) {
			ref.setf(i, value(i) / 255f);
			test.setf(i, value(i) / 255f + 0.01f);
		}
		test.setf(5, 7, Float.NaN);
		assertEquals("deepsr: Test 't.tif' (c1 z1 t1) has a NaN pixel at x 5, y 7: measure finite data only (e.g. Process > Math > Remove NaNs, or crop the undefined part away).",
			refusal(measure(save("t.tif", test), save("r.tif", ref))));
	}

	@Test
	void nanNegativeAndInfiniteDataRangesAreRefused() throws Exception {
		final ByteProcessor ref = new ByteProcessor(W, H);
		for (int i = 0; i < W * H; i++) ref.set(i, value(i));
		final Path r = save("r.png", ref);
		for (final String range : new String[] { "NaN", "-1", "Infinity" }) {
			final CliTest.Run m = measure(r, r, "--data-range=" + range);
			assertEquals(2, m.code, "a usage error: " + m.err);
			assertEquals("", m.out);
			assertEquals("deepsr: Invalid value for option '--data-range': The data range must be a positive number, or 0 for automatic; got "
				+ Double.parseDouble(range) + ". (see 'deepsr measure --help')", m.err.trim(), range);
		}
	}

	/**
	 * A 16-bit stack whose test is the reference + 30 on z1, identical on z2
	 * and + 60 on z3: the rows are 20 log10(R / 30), infinity and 20 log10(R / 60)
	 * with R the reference's max - min over the stack; the mean is that of z1
	 * and z3, and the convention names z2 and what the grey 16-bit data were measured with.
	 */
	@Test
	void identicalSlicesAreReportedApartFromTheMean() throws Exception {
		final ImageStack ref = new ImageStack(W, H), test = new ImageStack(W, H);
		final int[] error = { 30, 0, 60 };
		int min = Integer.MAX_VALUE, max = 0;
		for (int z = 0; z < 3; z++) {
			final ShortProcessor a = new ShortProcessor(W, H), b = new ShortProcessor(W, H);
			for (int i = 0; i < W * H; i++) {
				final int v = 100 + 5 * value(i) + 400 * z;
				a.set(i, v);
				b.set(i, v + error[z]);
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			ref.addSlice(a);
			test.addSlice(b);
		}
		final double range = max - min;
		final CliTest.Run m = measure(save("t.tif", new ImagePlus("t", test)), save("r.tif", new ImagePlus("r", ref)), "--rows");
		assertEquals(0, m.code, m.err);
		assertEquals((20 * Math.log10(range / 30) + 20 * Math.log10(range / 60)) / 2, number(m.out, "PSNR"), 1e-4);
		assertEquals(45, number(m.out, "MAE"), 1e-6);
		assertTrue(m.out.contains("\nz2,inf,1.000000,"), m.out);
		assertTrue(m.out.contains("Convention: PSNR/SSIM on the grey values (a single channel is its own Y), no border shaved, data range " + (max - min)
			+ " (the reference's max - min, " + min + ".." + max + "); 1 of 3 rows identical (PSNR infinite), left out of the mean: z2\n"), m.out);
	}
}
