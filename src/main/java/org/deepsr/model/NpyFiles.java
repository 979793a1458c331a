package org.deepsr.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes NumPy {@code .npy} files, format version 1.0, little-endian float32
 * ({@code '<f4'}), C order. Written by hand: no NumPy reader or writer is on
 * Fiji's class path, and the format is a short header plus raw data.
 */
final class NpyFiles {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 };

	private NpyFiles() {}

	/**
	 * @param shape C-order dimensions; their product must equal values.length
	 */
	static void write(final Path file, final float[] values, final int... shape) throws IOException {
		final long count = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
		if (count != values.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) +
			" holds " + count + " values, got " + values.length);
		final byte[] header = header(shape);
		final ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 2 + header.length + 4 * values.length).order(
			ByteOrder.LITTLE_ENDIAN);
		buffer.put(MAGIC).putShort((short) header.length).put(header);
		buffer.asFloatBuffer().put(values);
		Files.write(file, buffer.array());
	}

	/** The header dict, padded with spaces and ended by '\n' so that data starts at a multiple of 64. */
	static byte[] header(final int... shape) {
		final String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
		final String tuple = shape.length == 1 ? "(" + dims + ",)" : "(" + dims + ")";
		final StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple +
			", }");
		// Spare room for the first axis to grow in place, as NumPy writes it, so files match np.save byte for byte.
		if (shape.length > 0) h.append(" ".repeat(Math.max(0, 21 - Integer.toString(shape[0]).length())));
		final int prefix = MAGIC.length + 2;
		while ((prefix + h.length() + 1) % 64 != 0) h.append(' ');
		h.append('\n');
		return h.toString().getBytes(StandardCharsets.US_ASCII);
	}
}
