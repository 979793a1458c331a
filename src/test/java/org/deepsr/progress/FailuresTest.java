package org.deepsr.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors the file system really raises, each told with its reason rather than as a bare path. */
class FailuresTest {

	@TempDir
	Path dir;

	@Test
	void barePathsGetTheirReason() throws IOException {
		final Path missing = dir.resolve("missing.png");
		assertEquals(missing + ": no such file or folder", Failures.describe(assertThrows(IOException.class,
			() -> Files.newInputStream(missing))));
		final Path file = Files.createFile(dir.resolve("file"));
		assertEquals(file + ": exists already", Failures.describe(assertThrows(IOException.class, () -> Files
			.createFile(file))));
		final Path full = Files.createDirectory(dir.resolve("full"));
		Files.createFile(full.resolve("inside"));
		assertEquals(full + ": the folder is not empty", Failures.describe(assertThrows(IOException.class,
			() -> Files.delete(full))));
		assertEquals("no such file or folder", Failures.reason(assertThrows(IOException.class, () -> Files
			.newInputStream(missing))));
	}

	@Test
	void aReasonGivenIsKeptAndEverythingIsOneLine() {
		assertEquals("a: b", Failures.describe(new java.nio.file.FileSystemException("a", null, "b")));
		assertEquals("An error occured writing the file. File too large", Failures.describe(new IOException(
			"An error occured writing the file.\n \nFile too large")));
		assertEquals("java.lang.NullPointerException", Failures.describe(new NullPointerException()));
	}
}
