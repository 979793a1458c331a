package org.deepsr.metrics;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPInputStream;

/**
 * Reads the images written by src/test/python/metrics_fixtures.py: gzip'd
 * little-endian samples, row-major [h][w][c], of type u8, u16 or f32.
 */
final class Fixtures {

	private Fixtures() {}

	static ImagePlus image(final String name, final String type, final int h, final int w, final int c) {
		final ByteBuffer buf = ByteBuffer.wrap(read(name)).order(ByteOrder.LITTLE_ENDIAN);
		final int n = w * h;
		final ImageProcessor ip;
		if (c == 3) {
			final int[] px = new int[n];
			for (int i = 0; i < n; i++)
				px[i] = ((buf.get() & 0xff) << 16) | ((buf.get() & 0xff) << 8) | (buf.get() & 0xff);
			ip = new ColorProcessor(w, h, px);
		}
		else if (type.equals("u8")) {
			final byte[] px = new byte[n];
			buf.get(px);
			ip = new ByteProcessor(w, h, px);
		}
		else if (type.equals("u16")) {
			final short[] px = new short[n];
			buf.asShortBuffer().get(px);
			ip = new ShortProcessor(w, h, px, null);
		}
		else {
			final float[] px = new float[n];
			buf.asFloatBuffer().get(px);
			ip = new FloatProcessor(w, h, px);
		}
		return new ImagePlus(name, ip);
	}

	private static byte[] read(final String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
			if (in == null) throw new IllegalStateException("Missing test resource " + name);
			try (GZIPInputStream gz = new GZIPInputStream(in)) {
				return gz.readAllBytes();
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
