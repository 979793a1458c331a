package org.deepsr.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdaterChecksumTest {

	@TempDir
	Path tmp;

	@Test
	void plainFileDigestsPathThenContent() throws IOException {
		final Path file = tmp.resolve("upscale-image.ijm");
		Files.write(file, "run(\"DeepSR Upscale\", \"scale=2\");\n".getBytes(StandardCharsets.UTF_8));
		// Reference: printf 'macros/upscale-image.ijm%s' 'run("DeepSR Upscale", "scale=2");<newline>' | sha1sum
		assertEquals("3d693a451f6fc0c47038077c87efc9961d4fb130", UpdaterChecksum.of("macros/upscale-image.ijm", file));
	}

	@Test
	void emptyPlainFileDigestsItsPathOnly() throws IOException {
		final Path file = Files.createFile(tmp.resolve("empty.ijm"));
		// Reference: printf 'macros/upscale-image.ijm' | sha1sum
		assertEquals("5d6dc386142debcaa05b9fe23994f9ec19db1168", UpdaterChecksum.of("macros/upscale-image.ijm", file));
	}

	@Test
	void jarDigestSortsEntriesSkipsPropertiesCommentsAndManifestContent() throws IOException, URISyntaxException {
		final Path jar = Paths.get(getClass().getResource("tiny.jar").toURI());
		// Reference: src/test/python/make_site_fixtures.py wrote tiny.jar and printed this
		// value from its own Python implementation of the updater's jar rules.
		assertEquals("8d23096d2ce454d2ac2a6f751e171c87002cb6ad", UpdaterChecksum.of("jars/tiny-0.1.0.jar", jar));
	}

	@Test
	void commentFilterReducesCommentLinesToTheirNewline() throws IOException {
		// Hand-traced through imagej-updater's SkipHashedLines: a comment line
		// becomes "\n"; after a bare "#\n" the line-start flag stays cleared, so
		// the following "#x" line is kept.
		assertEquals("\na=1\n", filtered("# date\na=1\n"));
		assertEquals("\n#x\n", filtered("#\n#x\n"));
		assertEquals("a=1 # b\n", filtered("a=1 # b\n#c")); // a trailing comment without newline vanishes
	}

	private static String filtered(final String text) throws IOException {
		try (InputStream in = new PropertiesCommentFilter(new ByteArrayInputStream(text.getBytes(
			StandardCharsets.US_ASCII))))
		{
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}
}
