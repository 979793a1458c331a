package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deepsr.backend.Device;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.deepsr.backend.TinyNet;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import, bundle, load and run {@link TinyNet} graphs; expected outputs come
 * from {@link TinyNet#reference} (plain-loop conv + pixel shuffle), expected
 * halos from the kernel size (a k x k conv has receptive-field radius k/2).
 */
@org.junit.jupiter.api.extension.ExtendWith(TemporaryModelCache.class)
class ModelsTest {

	static ModelDescriptor metadata(final String name, final int scale, final String layout) {
		final ModelDescriptor d = new ModelDescriptor();
		d.name = name;
		d.architecture = "TinyNet";
		d.scale = scale;
		d.channels.mode = "y";
		d.channels.ycbcr = "full";
		d.input.tensor = "input";
		d.output.tensor = "output";
		d.output.layout = layout;
		return d;
	}

	static Path importTiny(final TinyNet net, final Path dir, final String file, final boolean nchw)
		throws IOException
	{
		final Path pb = dir.resolve("tiny-" + file + ".pb");
		Files.write(pb, net.graphDef(nchw));
		return ModelImporter.importFrozenGraph(pb, metadata("tiny", net.scale, nchw ? "NCHW" : "NHWC"),
			dir.resolve(file), false, Progress.NONE);
	}

	@Test
	void importedZipLoadsAndMatchesReference(@TempDir final Path dir) throws IOException {
		final TinyNet net = new TinyNet(1, 3, 5);
		final Path bundle = importTiny(net, dir, "tiny.zip", true);
		try (LoadedModel model = Models.load(bundle, Device.CPU, Progress.NONE)) {
			assertEquals(3, model.scale());
			assertEquals(2, model.halo(), "a 5x5 conv has radius 2");
			assertEquals(1, model.inChannels());
			assertEquals(1, model.outChannels());
			assertTrue(model.device().startsWith("CPU"), model.device());
			final float[] in = TinyNet.image(10, 7, 1, 5);
			assertArrayEquals(net.reference(in, 10, 7), model.tileFunction().apply(in, 10, 7), 1e-5f);
		}
	}

	@Test
	void sameBundleTwiceSharesTheNetworkAndAChangedFileIsNoticed(@TempDir final Path dir) throws IOException {
		final Path bundle = importTiny(new TinyNet(1, 2, 3), dir, "folder", false);
		try (LoadedModel a = Models.load(bundle, Device.CPU, Progress.NONE);
			LoadedModel b = Models.load(bundle, Device.CPU, Progress.NONE))
		{
			assertEquals(1, a.halo());
			assertSame(a.network(), b.network(), "the same content must share one loaded graph");
		}
		// Rewrite the weights with other content of the same size and time stamp: size+mtime alone
		// would miss it, so also change the time stamp as an editor would.
		final Path weights = bundle.resolve("model.pb");
		final byte[] bytes = Files.readAllBytes(weights);
		bytes[bytes.length - 1] ^= 1;
		final FileTime time = Files.getLastModifiedTime(weights);
		Files.write(weights, bytes);
		Files.setLastModifiedTime(weights, FileTime.fromMillis(time.toMillis() + 2000));
		final IOException e = assertThrows(IOException.class, () -> Models.load(bundle, Device.CPU, Progress.NONE));
		assertTrue(e.getMessage().contains("sha256 mismatch") && e.getMessage().contains("re-import"),
			e.getMessage());
		Files.delete(weights);
		final IOException gone = assertThrows(IOException.class, () -> Models.load(bundle, Device.CPU,
			Progress.NONE));
		assertTrue(gone.getMessage().contains("missing"), gone.getMessage());
	}

	@Test
	void differentContentGetsItsOwnNetwork(@TempDir final Path dir) throws IOException {
		final Path first = importTiny(new TinyNet(1, 2, 3), dir, "first", false);
		final Path second = importTiny(new TinyNet(1, 2, 5), dir, "second", false);
		try (LoadedModel a = Models.load(first, Device.CPU, Progress.NONE);
			LoadedModel b = Models.load(second, Device.CPU, Progress.NONE))
		{
			assertNotSame(a.network(), b.network());
			assertEquals(2, b.halo());
		}
	}

	@Test
	void savedModelImportUsesServingDefault(@TempDir final Path dir) throws Exception {
		final TinyNet net = new TinyNet(1, 2, 3);
		final Path saved = dir.resolve("saved");
		try (Graph graph = new Graph(); Session session = new Session(graph)) {
			final Operand<?>[] io = net.build(graph, false);
			final Signature signature = Signature.builder().key(Signature.DEFAULT_KEY).input("lr", io[0])
				.output("sr", io[1]).build();
			SavedModelBundle.exporter(saved.toString()).withFunction(SessionFunction.create(signature, session))
				.export();
		}
		final ModelDescriptor meta = metadata("saved", 2, "NHWC");
		meta.input.tensor = null; // taken from the serving_default signature
		meta.output.tensor = null;
		final Path bundle = ModelImporter.importSavedModel(saved, meta, dir.resolve("saved.zip"), false,
			Progress.NONE);
		try (LoadedModel model = Models.load(bundle, Device.CPU, Progress.NONE)) {
			assertEquals(1, model.halo());
			final float[] in = TinyNet.image(8, 8, 1, 9);
			assertArrayEquals(net.reference(in, 8, 8), model.tileFunction().apply(in, 8, 8), 1e-5f);
		}
	}

	@Test
	void importNeverOverwritesUnlessAsked(@TempDir final Path dir) throws IOException {
		final TinyNet net = new TinyNet(1, 2, 3);
		importTiny(net, dir, "once.zip", false);
		final IOException e = assertThrows(IOException.class, () -> importTiny(net, dir, "once.zip", false));
		assertTrue(e.getMessage().contains("already exists"), e.getMessage());
	}

	@Test
	void failedSelfTestIsReported(@TempDir final Path dir) throws IOException {
		final Path bundle = importTiny(new TinyNet(1, 2, 3), dir, "selftest", false);
		final Path output = bundle.resolve("test_output.f32");
		final float[] expected = Float32Files.read(output);
		expected[7] += 0.5f;
		Float32Files.write(output, expected);
		final IOException e = assertThrows(IOException.class, () -> Models.load(bundle, Device.CPU, Progress.NONE));
		assertTrue(e.getMessage().contains("self-test failed"), e.getMessage());
	}

	@Test
	void zipSlipEntriesAreRejected(@TempDir final Path dir) throws IOException {
		for (final String evil : new String[] { "../evil.txt", "/abs/evil.txt", "a/../../evil.txt", "C:\\evil" }) {
			final Path zip = dir.resolve("evil" + Math.abs(evil.hashCode()) + ".zip");
			try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
				out.putNextEntry(new ZipEntry(ModelBundle.DESCRIPTOR));
				out.write("{}".getBytes(StandardCharsets.UTF_8));
				out.putNextEntry(new ZipEntry(evil));
				out.write(1);
			}
			final IOException e = assertThrows(IOException.class, () -> ModelBundle.open(zip));
			assertTrue(e.getMessage().contains("unsafe entry"), e.getMessage());
		}
		assertTrue(Files.notExists(Path.of(System.getProperty("deepsr.cache")).resolve("evil.txt")) && Files.notExists(dir.resolve("evil.txt")));
	}

	@Test
	void corruptZipIsReported(@TempDir final Path dir) throws IOException {
		final Path bundle = importTiny(new TinyNet(1, 2, 3), dir, "cut.zip", false);
		final byte[] bytes = Files.readAllBytes(bundle);
		final Path cut = dir.resolve("truncated.zip");
		try (OutputStream out = Files.newOutputStream(cut)) {
			out.write(bytes, 0, bytes.length / 2);
		}
		final IOException e = assertThrows(IOException.class, () -> ModelBundle.open(cut));
		assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
	}
}
