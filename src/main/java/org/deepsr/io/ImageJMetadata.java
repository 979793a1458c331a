package org.deepsr.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.deepsr.image.Display;

/**
 * ImageJ's private TIFF metadata (tags 50838/50839, as ij.io.TiffEncoder
 * writes and TiffDecoder reads them): a header "IJIJ" with (type, count)
 * pairs, then the display ranges (doubles), one 768-byte LUT per channel and
 * one UTF-16 label per stack plane; the byte count of each piece goes to tag
 * 50838, the header's first.
 */
final class ImageJMetadata {

	private static final int MAGIC = 0x494a494a, RANGES = 0x72616e67, LUTS = 0x6c757473, LABELS = 0x6c61626c;

	private final List<Integer> counts = new ArrayList<>();
	private final byte[] bytes;

	/**
	 * @param display what to keep, or null for nothing
	 * @param pages stack planes of the file (labels beyond them are dropped)
	 */
	ImageJMetadata(final Display display, final int pages) {
		if (display == null) {
			bytes = new byte[0];
			return;
		}
		final List<int[]> types = new ArrayList<>();
		final ByteArrayOutputStream body = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(body)) {
			if (display.ranges() != null) {
				types.add(new int[] { RANGES, 1 });
				for (final double v : display.ranges())
					out.writeDouble(v);
				counts.add(8 * display.ranges().length);
			}
			if (display.luts() != null) {
				types.add(new int[] { LUTS, display.luts().length });
				for (final byte[] lut : display.luts()) {
					out.write(lut);
					counts.add(lut.length);
				}
			}
			if (display.labels() != null) {
				final int n = Math.min(pages, display.labels().length);
				types.add(new int[] { LABELS, n });
				for (int i = 0; i < n; i++) {
					final String label = display.labels()[i] == null ? "" : display.labels()[i];
					out.writeChars(label);
					counts.add(2 * label.length());
				}
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e); // in memory: cannot happen
		}
		final ByteArrayOutputStream all = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(all)) {
			out.writeInt(MAGIC);
			for (final int[] t : types) {
				out.writeInt(t[0]);
				out.writeInt(t[1]);
			}
			counts.add(0, 4 + 8 * types.size());
			body.writeTo(out);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		bytes = all.toByteArray();
	}

	/** Tag 50838: the byte count of the header and of each piece; empty when there is nothing to write. */
	int[] counts() {
		return bytes.length == 0 ? new int[0] : counts.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Tag 50839: header and pieces. */
	byte[] bytes() {
		return bytes;
	}
}
