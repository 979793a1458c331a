package org.deepsr.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Raw little-endian float32 arrays (the test tensors of a bundle). */
public final class Float32Files {

	private Float32Files() {}

	/** Reads a whole file; a clear error when its length is not a multiple of 4. */
	public static float[] read(final Path file) throws IOException {
		final byte[] bytes = Files.readAllBytes(file);
		if (bytes.length % 4 != 0) {
			throw new IOException(file + " is not a float32 file: its length " + bytes.length +
				" is not a multiple of 4");
		}
		final float[] values = new float[bytes.length / 4];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
		return values;
	}

	public static void write(final Path file, final float[] values) throws IOException {
		final ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(values);
		Files.write(file, buffer.array());
	}
}
