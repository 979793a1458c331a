package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.deepsr.Prerequisites;
import org.deepsr.backend.Sha256;
import org.deepsr.backend.TinyNet;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model manager on a tiny sub-pixel network whose output is known
 * independently ({@link TinyNet#reference}, plain loops), and its bioimage.io
 * export checked against a golden rdf.yaml, NumPy's .npy reading (through
 * the shape and data layout) and, when python3-yaml is installed,
 * src/test/python/check_bioimageio.py.
 */
@org.junit.jupiter.api.extension.ExtendWith(TemporaryModelCache.class)
class ModelManagerTest {

	private static Path tinyPb(final Path dir, final TinyNet net) throws IOException {
		final Path pb = dir.resolve("tiny.pb");
		Files.write(pb, net.graphDef(false));
		return pb;
	}

	private static ImportOptions tinyOptions(final int scale) {
		return new ImportOptions().scale(scale).channels("y").ycbcr("full").tensors("input", "output");
	}

	@Test
	void importListExportReimportRemove(@TempDir final Path dir) throws IOException {
		final Path bundled = Files.createDirectories(dir.resolve("bundled"));
		final ModelManager manager = new ModelManager(new ModelRegistry(bundled, dir.resolve("user")));
		final Path pb = tinyPb(dir, new TinyNet(1, 2, 3));

		final ModelEntry tiny = manager.importModel(pb, tinyOptions(2), Progress.NONE);
		assertEquals("tiny", tiny.name(), "named after the file");
		assertEquals(dir.resolve("user").resolve("tiny.zip"), tiny.path());
		assertEquals(2, manager.describe("tiny").scale);
		assertEquals(1, manager.describe("tiny").input.halo, "a 3x3 convolution reaches one pixel");

		final IOException again = assertThrows(IOException.class, () -> manager.importModel(pb, tinyOptions(2),
			Progress.NONE));
		assertTrue(again.getMessage().contains("exists already"), again.getMessage());
		manager.importModel(pb, tinyOptions(2).overwrite(true), Progress.NONE);

		final Path exported = manager.export("tiny", dir.resolve("out/tiny-copy.zip"), ModelManager.Format.BUNDLE,
			false, Progress.NONE);
		assertThrows(IOException.class, () -> manager.export("tiny", exported, ModelManager.Format.BUNDLE, false,
			Progress.NONE), "no overwrite unless asked");
		final ModelEntry copy = manager.importModel(exported, new ImportOptions().name("tiny2"), Progress.NONE);
		assertEquals("tiny2", copy.name());
		assertEquals("tiny2", manager.describe("tiny2").name, "the descriptor is renamed too");
		assertTrue(manager.check("tiny2", Progress.NONE).startsWith("CPU"));

		// A bundled model is listed but cannot be removed.
		Files.copy(exported, bundled.resolve("tiny-bundled.zip"));
		final ModelEntry shipped = manager.importModel(exported, new ImportOptions().name("shipped"), Progress.NONE);
		Files.move(shipped.path(), bundled.resolve("shipped.zip"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> manager.remove(
			"shipped", Progress.NONE));
		assertTrue(e.getMessage().contains("bundled"), e.getMessage());

		manager.remove("tiny2", Progress.NONE);
		assertFalse(Files.exists(copy.path()));
		assertThrows(IllegalArgumentException.class, () -> manager.remove("tiny2", Progress.NONE));
	}

	@Test
	void badImportsFailClearlyAndLeaveNothing(@TempDir final Path dir) throws IOException {
		final ModelManager manager = new ModelManager(new ModelRegistry(null, dir.resolve("user")));
		final Path pb = tinyPb(dir, new TinyNet(1, 2, 3));
		final IllegalArgumentException noScale = assertThrows(IllegalArgumentException.class, () -> manager
			.importModel(pb, new ImportOptions(), Progress.NONE));
		assertTrue(noScale.getMessage().contains("scale"), noScale.getMessage());
		// A wrong scale: the network's x2 output contradicts the metadata's x3.
		final IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> manager
			.importModel(pb, tinyOptions(3), Progress.NONE));
		assertTrue(wrong.getMessage().contains("scale 3"), wrong.getMessage());
		Files.write(dir.resolve("notes.txt"), new byte[] { 1 });
		assertThrows(IllegalArgumentException.class, () -> manager.importModel(dir.resolve("notes.txt"),
			new ImportOptions(), Progress.NONE));
		assertTrue(manager.list(Progress.NONE).isEmpty());
	}

	@Test
	void bioImageIoPackage(@TempDir final Path dir) throws Exception {
		final TinyNet net = new TinyNet(1, 2, 3);
		final ModelManager manager = new ModelManager(new ModelRegistry(null, dir.resolve("user")));
		final ModelEntry tiny = manager.importModel(tinyPb(dir, net), tinyOptions(2), Progress.NONE);
		final Path zip = BioImageIoExport.write(tiny.path(), dir.resolve("tiny.bioimageio.zip"), false, Instant
			.parse("2026-01-02T03:04:05Z"), Progress.NONE);
		try (ZipFile z = new ZipFile(zip.toFile())) {
			final String rdf = text(z, "rdf.yaml");
			// Golden: this rdf.yaml, reviewed field by field against the bioimage.io 0.4 model spec and parsed
			// by check_bioimageio.py; hashes vary with the SavedModel's bytes and are masked.
			assertEquals(golden(), maskHashes(rdf));
			for (final String file : new String[] { "saved_model.zip", "test_input.npy", "test_output.npy",
				"deepsr.json", "README.md" })
			{
				final String sha = Sha256.of(bytes(z, file));
				assertTrue(rdf.contains("\"" + sha + "\""), file + " sha256 " + sha + " is in rdf.yaml");
			}
			// Test tensors: input on the 0..255 scale; output = 255 * net(input / 255) (scale_linear pre/post).
			final float[] in = npy(bytes(z, "test_input.npy"), 24 * 24);
			final float[] out = npy(bytes(z, "test_output.npy"), 48 * 48);
			final float[] unit = new float[in.length];
			for (int i = 0; i < in.length; i++) unit[i] = in[i] / 255;
			final float[] expected = net.reference(unit, 24, 24);
			for (int i = 0; i < expected.length; i++) expected[i] *= 255;
			assertArrayEquals(expected, out, 2e-3f);
		}
		pythonCheck(zip);
	}

	/** Runs the independent Python check when python3 with numpy and yaml is there. */
	private static void pythonCheck(final Path zip) throws Exception {
		Prerequisites.python("yaml", "numpy");
		final Process p = new ProcessBuilder(Prerequisites.python(), Paths.get("src", "test", "python", "check_bioimageio.py")
			.toString(), zip.toString()).redirectErrorStream(true).start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), output);
		assertEquals("ok", output.trim());
	}

	static String maskHashes(final String text) {
		return text.replaceAll("[0-9a-f]{64}", "<sha256>");
	}

	private static String golden() throws IOException {
		try (InputStream in = ModelManagerTest.class.getResourceAsStream("tiny-rdf.yaml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String text(final ZipFile z, final String name) throws IOException {
		return new String(bytes(z, name), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(final ZipFile z, final String name) throws IOException {
		assertTrue(z.getEntry(name) != null, name + " is in the package");
		try (InputStream in = z.getInputStream(z.getEntry(name))) {
			return in.readAllBytes();
		}
	}

	/** The float32 data of a v1.0 .npy: the header length is at bytes 8..9. */
	private static float[] npy(final byte[] file, final int count) {
		final ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
		final int data = 10 + (b.getShort(8) & 0xffff);
		assertEquals(0, data % 64, "data aligned to 64 bytes");
		assertEquals(data + 4 * count, file.length);
		final float[] values = new float[count];
		b.position(data);
		b.asFloatBuffer().get(values);
		return values;
	}
}
