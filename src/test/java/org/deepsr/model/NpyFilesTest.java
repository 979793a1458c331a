package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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

	private static byte[] resource(final String name) throws IOException {
		try (InputStream in = NpyFilesTest.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
	}
}
