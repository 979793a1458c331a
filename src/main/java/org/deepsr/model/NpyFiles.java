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
 * ({@code '<f4'}), C order, and reads them (versions 1-3, C order, the
 * little-endian or byte types {@code f4 f8 u1 i1 u2 i2 u4 i4 i8} as float).
 * Written by hand: no NumPy reader or writer is on Fiji's class path, and the
 * format is a short header plus raw data.
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

	/** An array read from a {@code .npy} file: C-order values and their shape. */
	static final class Array {

		final int[] shape;
		final float[] values;

		Array(final int[] shape, final float[] values) {
			this.shape = shape;
			this.values = values;
		}
	}

	private static final java.util.regex.Pattern DESCR = java.util.regex.Pattern.compile(
		"'descr'\\s*:\\s*'([<|>=])([a-z])(\\d+)'"), FORTRAN = java.util.regex.Pattern.compile(
			"'fortran_order'\\s*:\\s*(True|False)"), SHAPE = java.util.regex.Pattern.compile(
				"'shape'\\s*:\\s*\\(([^)]*)\\)");

	/**
	 * @param name the file's name, for messages
	 * @throws IOException naming what is not a readable array
	 */
	static Array read(final byte[] bytes, final String name) throws IOException {
		final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 10 || bytes[0] != MAGIC[0] || bytes[1] != 'N' || bytes[2] != 'U' || bytes[3] != 'M' ||
			bytes[4] != 'P' || bytes[5] != 'Y') throw new IOException(name + " is not a NumPy .npy file");
		final int major = bytes[6];
		final int headerLength;
		if (major == 1) headerLength = Short.toUnsignedInt(in.getShort(8));
		else if (major == 2 || major == 3) headerLength = bytes.length < 12 ? -1 : in.getInt(8);
		else throw new IOException(name + ": .npy format version " + major + " is not supported");
		final int start = major == 1 ? 10 : 12;
		if (headerLength < 0 || start + headerLength > bytes.length) throw new IOException(name +
			": truncated .npy header");
		final String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
		final java.util.regex.Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), sh = SHAPE.matcher(
			header);
		if (!d.find() || !f.find() || !sh.find()) throw new IOException(name + ": unreadable .npy header " + header
			.trim());
		if (f.group(1).equals("True")) throw new IOException(name + ": Fortran-order arrays are not supported; save " +
			"it in C order (numpy's default)");
		final String kind = d.group(2);
		final int size = Integer.parseInt(d.group(3));
		if (d.group(1).equals(">") && size > 1) throw new IOException(name + ": big-endian arrays are not " +
			"supported; save it little-endian");
		final String dims = sh.group(1).trim();
		final int[] shape = dims.isEmpty() ? new int[0] : Arrays.stream(dims.split(",")).map(String::trim).filter(
			t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
		long count = 1;
		for (final int n : shape) {
			if (n < 0) throw new IOException(name + ": negative dimension in .npy shape");
			count *= n;
		}
		if (!("f".equals(kind) && (size == 4 || size == 8) || ("u".equals(kind) || "i".equals(kind)) && (size == 1 ||
			size == 2 || size == 4 || size == 8))) throw new IOException(name + ": .npy type '" + kind + size +
				"' is not supported (float32/64 or integers)");
		if (start + headerLength + count * size != bytes.length) throw new IOException(name + ": holds " + (bytes.length -
			start - headerLength) + " data bytes, its shape " + Arrays.toString(shape) + " needs " + count * size);
		in.position(start + headerLength);
		final float[] values = new float[Math.toIntExact(count)];
		final boolean unsigned = "u".equals(kind);
		for (int i = 0; i < values.length; i++) {
			switch (kind + size) {
				case "f4": values[i] = in.getFloat(); break;
				case "f8": values[i] = (float) in.getDouble(); break;
				case "u1": case "i1": values[i] = unsigned ? Byte.toUnsignedInt(in.get()) : in.get(); break;
				case "u2": case "i2": values[i] = unsigned ? Short.toUnsignedInt(in.getShort()) : in.getShort(); break;
				case "u4": case "i4": values[i] = unsigned ? Integer.toUnsignedLong(in.getInt()) : in.getInt(); break;
				default: values[i] = in.getLong(); break;
			}
		}
		return new Array(shape, values);
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
