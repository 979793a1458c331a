package org.deepsr.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier must notice each kind of damage to a sound site. */
class SiteVerifierTest {

	private static final long T = 20261126153000L;

	@TempDir
	Path tmp;

	private Path site;

	@BeforeEach
	void buildSmallSite() throws IOException {
		final Path macro = Files.write(tmp.resolve("a.ijm"), "print(1);\n".getBytes(StandardCharsets.UTF_8));
		final Path lib = Files.write(tmp.resolve("lib.txt"), "x".getBytes(StandardCharsets.UTF_8));
		site = tmp.resolve("site");
		new SiteBuilder(line -> {}).build(List.of(new SiteFile("macros/a.ijm", macro, "a macro"), new SiteFile(
			"lib/linux64/lib.txt", lib, null)), new SiteDatabase(), null, site, T);
		assertTrue(SiteVerifier.verify(site).isOk(), SiteVerifier.verify(site).summary());
	}

	@Test
	void detectsChangedContent() throws IOException {
		Files.write(site.resolve("macros/a.ijm-" + T), "print(2);\n".getBytes(StandardCharsets.UTF_8));
		assertProblem("checksum");
	}

	@Test
	void detectsWrongSize() throws IOException {
		Files.write(site.resolve("macros/a.ijm-" + T), "print(1);\n\n".getBytes(StandardCharsets.UTF_8));
		assertProblem("bytes");
	}

	@Test
	void detectsMissingAndUnlistedFiles() throws IOException {
		Files.move(site.resolve("macros/a.ijm-" + T), site.resolve("macros/a.ijm-" + (T + 1)));
		assertProblem("missing macros/a.ijm-" + T);
		assertProblem("unlisted file macros/a.ijm-" + (T + 1));
	}

	@Test
	void detectsPlatformTagNotMatchingItsFolder() throws IOException {
		rewriteDb("<platform>linux64</platform>", "<platform>win64</platform>");
		assertProblem("folder means [linux64]");
	}

	@Test
	void detectsInconsistentHistory() throws IOException {
		rewriteDb("</version>\n", "</version>\n        <previous-version timestamp=\"" + (T + 5) +
			"\" timestamp-obsolete=\"" + (T + 9) + "\" checksum=\"0000000000000000000000000000000000000000\"/>\n");
		assertProblem("is not older than the current version");
	}

	private void assertProblem(final String fragment) throws IOException {
		final SiteVerifier.Report report = SiteVerifier.verify(site);
		assertTrue(report.problems().stream().anyMatch(p -> p.contains(fragment)), report.summary());
	}

	/** Edits the XML inside db.xml.gz (first occurrence only). */
	private void rewriteDb(final String from, final String to) throws IOException {
		final Path db = site.resolve(DbXml.FILE_NAME);
		final ByteArrayOutputStream xml = new ByteArrayOutputStream();
		DbXml.writeXml(DbXml.read(db), xml);
		final String text = xml.toString(StandardCharsets.UTF_8);
		assertTrue(text.contains(from), text);
		final String edited = text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher
			.quoteReplacement(to));
		DbXml.write(DbXml.readXml(new ByteArrayInputStream(edited.getBytes(StandardCharsets.UTF_8)), "edited"), db);
		assertEquals(edited, rewritten(db));
	}

	private static String rewritten(final Path db) throws IOException {
		final ByteArrayOutputStream xml = new ByteArrayOutputStream();
		DbXml.writeXml(DbXml.read(db), xml);
		return xml.toString(StandardCharsets.UTF_8);
	}
}
