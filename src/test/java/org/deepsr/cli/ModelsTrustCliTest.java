package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.backend.Sha256;
import org.deepsr.backend.TinyNet;
import org.deepsr.model.TrustedModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deepsr models trust FILE [--revoke]}: records the weights' SHA-256
 * (computed here with {@link Sha256}) in the user folder's trust file, and
 * withdraws it; unknown models and trust never given fail with one line.
 */
class ModelsTrustCliTest {

	@TempDir
	Path dir;

	private static String[] run(final String... args) {
		final StringWriter o = new StringWriter(), e = new StringWriter();
		final int code = Main.execute(new PrintWriter(o), new PrintWriter(e), args);
		return new String[] { Integer.toString(code), o.toString(), e.toString() };
	}

	@AfterEach
	void clear() {
		System.clearProperty("deepsr.user.models");
	}

	@Test
	void trustAndRevoke() throws IOException {
		System.setProperty("deepsr.user.models", dir.resolve("models").toString());
		final Path pb = Files.write(dir.resolve("net.pb"), new TinyNet(1, 2, 3).graphDef(false));
		final String sha = Sha256.of(pb);
		final Path record = dir.resolve("models").resolve(TrustedModels.FILE);

		final String[] trusted = run("models", "trust", pb.toString());
		assertEquals("0", trusted[0], trusted[2]);
		assertEquals("trusted " + pb + "\t" + sha, trusted[1].trim());
		assertTrue(trusted[2].contains("may run any TensorFlow op"), "warns: " + trusted[2]);
		assertEquals(sha + " net", Files.readString(record).trim());
		assertTrue(TrustedModels.fromEnvironment().trusts(sha));

		final String[] revoked = run("models", "trust", "--revoke", pb.toString());
		assertEquals("0", revoked[0], revoked[2]);
		assertFalse(TrustedModels.fromEnvironment().trusts(sha));
		assertEquals("", Files.readString(record).trim());

		final String[] again = run("models", "trust", "--revoke", pb.toString());
		assertEquals("1", again[0]);
		assertTrue(again[2].trim().matches("deepsr: model net was not trusted \\(weights sha256 " + sha + "\\)"),
			again[2]);
		final String[] unknown = run("models", "trust", "no-such-model");
		assertEquals("1", unknown[0]);
		assertTrue(unknown[2].startsWith("deepsr: unknown model \"no-such-model\"") && unknown[2].trim().split("\n")
			.length == 1, unknown[2]);
	}
}
