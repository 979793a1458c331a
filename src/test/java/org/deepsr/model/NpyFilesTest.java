package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .npy writer against files written by NumPy 2.4's np.save
 * (src/test/python/make_npy_fixture.py): byte for byte.
 */
class NpyFilesTest {

	@Test
	void matchesNumPy4d(@TempDir final Path dir) throws IOException {
		final float[] values = new float[6];
		for (int i = 0; i < 6; i++) values[i] = i * 0.25f - 1;
		final Path file = dir.resolve("a.npy");
		NpyFiles.write(file, values, 1, 2, 3, 1);
		assertArrayEquals(resource("npy_1x2x3x1.npy"), Files.readAllBytes(file));
	}

	@Test
	void matchesNumPy1d(@TempDir final Path dir) throws IOException {
		final Path file = dir.resolve("b.npy");
		NpyFiles.write(file, new float[] { 1.5f, -2, 0, 3e-8f, 65504 }, 5);
		assertArrayEquals(resource("npy_5.npy"), Files.readAllBytes(file));
	}

	@Test
	void readsWhatNumPyWrote() throws IOException {
		final NpyFiles.Array a = NpyFiles.read(resource("npy_1x2x3x1.npy"), "npy_1x2x3x1.npy");
		assertArrayEquals(new int[] { 1, 2, 3, 1 }, a.shape);
		for (int i = 0; i < 6; i++) assertEquals(i * 0.25f - 1, a.values[i]);
		final NpyFiles.Array b = NpyFiles.read(resource("npy_5.npy"), "npy_5.npy");
		assertArrayEquals(new float[] { 1.5f, -2, 0, 3e-8f, 65504 }, b.values);
		final byte[] truncated = Arrays.copyOf(resource("npy_5.npy"), 130);
		final IOException e = assertThrows(IOException.class, () -> NpyFiles.read(truncated, "t.npy"));
		assertTrue(e.getMessage().startsWith("t.npy: holds 2 data bytes"), e.getMessage());
	}

	private static byte[] resource(final String name) throws IOException {
		try (InputStream in = NpyFilesTest.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
	}
}
