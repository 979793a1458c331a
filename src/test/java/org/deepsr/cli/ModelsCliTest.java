package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.deepsr.backend.Sha256;
import org.deepsr.backend.TinyNet;
import org.deepsr.model.TrustedModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deepsr models} and its subcommands through {@link Main#execute}, on a
 * tiny network (TinyNet: a 3x3 convolution and a x2 pixel shuffle), with the
 * user and bundled model folders redirected by system properties.
 */
class ModelsCliTest {

	@TempDir
	Path dir;

	@BeforeEach
	void folders() {
		System.setProperty("deepsr.user.models", dir.resolve("user").toString());
		System.setProperty("deepsr.models", dir.resolve("bundled").toString());
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
	}

	@AfterEach
	void restore() {
		System.clearProperty("deepsr.user.models");
		System.clearProperty("deepsr.models");
		System.clearProperty("deepsr.cache");
	}

	private static final class Run {
		final int code;
		final String out;
		final String err;

		Run(final String... args) {
			final StringWriter o = new StringWriter(), e = new StringWriter();
			code = Main.execute(new PrintWriter(o), new PrintWriter(e), args);
			out = o.toString();
			err = e.toString();
		}
	}

	@Test
	void importListExportCheckRemove() throws Exception {
		final Path pb = dir.resolve("net.pb");
		Files.write(pb, new TinyNet(1, 2, 3).graphDef(true));
		assertEquals("", new Run("models").out, "no models yet");

		final Run missing = new Run("models", "import", pb.toString());
		assertEquals(1, missing.code);
		assertTrue(missing.err.startsWith("deepsr: ") && missing.err.contains("scale"), missing.err);

		final Run imported = new Run("models", "import", pb.toString(), "--name", "tiny", "--scale", "2",
			"--channels", "grey", "--input", "input", "--output", "output", "--layout", "NCHW");
		assertEquals(0, imported.code, imported.err);
		assertTrue(imported.out.startsWith("imported tiny\tx2\timported\tgrey\tuser"), imported.out);

		final Run list = new Run("models");
		assertEquals(0, list.code);
		assertEquals("tiny\tx2\timported\tgrey\tuser", list.out.trim());

		assertEquals(1, new Run("models", "import", pb.toString(), "--name", "tiny", "--scale", "2", "--channels",
			"grey", "--input", "input", "--output", "output", "--layout", "NCHW").code, "no overwrite unless asked");

		final Run check = new Run("models", "check", "tiny");
		assertEquals(0, check.code, check.err);
		assertTrue(check.out.startsWith("tiny: self-test passed on CPU"), check.out);

		final Path zip = dir.resolve("tiny-bioimageio.zip");
		final Run export = new Run("models", "export", "tiny", zip.toString(), "--format", "bioimageio");
		assertEquals(0, export.code, export.err);
		try (ZipFile z = new ZipFile(zip.toFile())) {
			assertTrue(z.getEntry("rdf.yaml") != null && z.getEntry("saved_model.zip") != null);
		}
		assertEquals(1, new Run("models", "export", "tiny", zip.toString()).code, "existing file kept");
		// the bioimage.io package imports back as a model of its own: the same scale, channels and self-test
		final Run back = new Run("models", "import", zip.toString(), "--name", "tiny-back");
		assertEquals(0, back.code, back.err);
		assertTrue(back.out.startsWith("imported tiny-back\tx2\timported\tgrey\tuser"), back.out);
		assertEquals(0, new Run("models", "check", "tiny-back").code);
		assertEquals(0, new Run("models", "remove", "tiny-back").code);
		final Run onnx = new Run("models", "export", "tiny", dir.resolve("x.zip").toString(), "--format", "onnx");
		assertEquals(1, onnx.code);
		assertTrue(onnx.err.contains("bundle or bioimageio"), onnx.err);

		final Run remove = new Run("models", "remove", "tiny");
		assertEquals(0, remove.code, remove.err);
		assertFalse(Files.exists(dir.resolve("user/tiny.zip")));
		final Run again = new Run("models", "remove", "tiny");
		assertEquals(1, again.code);
		assertTrue(again.err.contains("no user model named tiny"), again.err);
	}

	/** The weights' SHA-256 (computed here with {@link Sha256}) is recorded in the user folder's trust file, and withdrawn. */
	@Test
	void trustAndRevoke() throws Exception {
		final Path pb = Files.write(dir.resolve("net.pb"), new TinyNet(1, 2, 3).graphDef(false));
		final String sha = Sha256.of(pb);
		final Path record = dir.resolve("user").resolve(TrustedModels.FILE);

		final Run trusted = new Run("models", "trust", pb.toString());
		assertEquals(0, trusted.code, trusted.err);
		assertEquals("trusted " + pb + "\t" + sha, trusted.out.trim());
		assertTrue(trusted.err.contains("may run any TensorFlow op"), "warns: " + trusted.err);
		assertEquals(sha + " net", Files.readString(record).trim());
		assertTrue(TrustedModels.fromEnvironment().trusts(sha));

		final Run revoked = new Run("models", "trust", "--revoke", pb.toString());
		assertEquals(0, revoked.code, revoked.err);
		assertFalse(TrustedModels.fromEnvironment().trusts(sha));
		assertEquals("", Files.readString(record).trim());

		final Run again = new Run("models", "trust", "--revoke", pb.toString());
		assertEquals(1, again.code);
		assertEquals("deepsr: model net was not trusted (weights sha256 " + sha + ")", again.err.trim());
		final Run unknown = new Run("models", "trust", "no-such-model");
		assertEquals(1, unknown.code);
		assertTrue(unknown.err.startsWith("deepsr: unknown model \"no-such-model\"") && unknown.err.trim().split("\n")
			.length == 1, unknown.err);
	}
}
