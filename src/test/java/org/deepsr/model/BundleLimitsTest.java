package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.deepsr.backend.Device;
import org.deepsr.backend.TinyNet;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Bundle zips made hostile from a valid one: an unlisted entry is never
 * unpacked, a listed one that inflates past the limit is refused while the
 * bytes stream (a poller of the cache sees no more than the limit), an entry
 * holding other than its central-directory size is refused, and a bundle
 * refused for any reason leaves nothing in the cache.
 */
@ExtendWith(TemporaryModelCache.class)
class BundleLimitsTest {

	private static final long MIB = 1 << 20;
	private static final Set<String> LISTED = Set.of("deepsr.json", "model.pb", "test_input.f32",
		"test_output.f32");

	@TempDir
	Path dir;

	private Path valid;

	@BeforeEach
	void validBundle() throws IOException {
		valid = ModelsTest.importTiny(new TinyNet(1, 2, 3), dir, "valid.zip", false);
		SafeZip.deleteTree(cache());
	}

	private static Path cache() {
		return Path.of(System.getProperty("deepsr.cache")).resolve("bundles");
	}

	/** Everything in the cache: names relative to it, and their total size. */
	private static Map<String, Long> cached() throws IOException {
		if (!Files.isDirectory(cache())) return Map.of();
		try (Stream<Path> walk = Files.walk(cache())) {
			return walk.filter(Files::isRegularFile).collect(Collectors.toMap(p -> cache().relativize(p).toString(),
				p -> p.toFile().length()));
		}
	}

	/** The valid bundle's entries with some replaced (by name) and others added, deflated. */
	private Path rezip(final String name, final Map<String, Long> zeros, final Map<String, byte[]> contents)
		throws IOException
	{
		final Path zip = dir.resolve(name);
		try (ZipFile in = new ZipFile(valid.toFile()); ZipOutputStream out = new ZipOutputStream(Files
			.newOutputStream(zip)))
		{
			final Set<String> names = new TreeSet<>(zeros.keySet());
			names.addAll(contents.keySet());
			in.stream().map(ZipEntry::getName).forEach(names::add);
			for (final String entry : names) {
				out.putNextEntry(new ZipEntry(entry));
				if (zeros.containsKey(entry)) {
					final byte[] block = new byte[(int) MIB];
					for (long left = zeros.get(entry); left > 0; left -= block.length) out.write(block, 0, (int) Math
						.min(left, block.length));
				} else if (contents.containsKey(entry)) {
					out.write(contents.get(entry));
				} else {
					try (InputStream data = in.getInputStream(in.getEntry(entry))) {
						data.transferTo(out);
					}
				}
				out.closeEntry();
			}
		}
		return zip;
	}

	@Test
	void anUnlistedEntryIsNeverUnpacked() throws IOException {
		final Path zip = rezip("with-zeros.zip", Map.of("zeros.bin", 96 * MIB), Map.of());
		assertTrue(Files.size(zip) < 2 * MIB, "96 MiB of zeros deflate to " + Files.size(zip) + " bytes");
		final ModelBundle bundle = ModelBundle.open(zip);
		assertEquals(LISTED, Files.list(bundle.folder()).map(p -> p.getFileName().toString()).collect(Collectors
			.toSet()));
		assertTrue(cached().values().stream().mapToLong(Long::longValue).sum() < MIB, cached().toString());
		try (LoadedModel model = Models.load(zip, Device.CPU, Progress.NONE)) {
			assertEquals(2, model.scale(), "the valid model beside the zeros is used");
		}
	}

	@Test
	void aListedEntryInflatingPastTheLimitIsRefusedWhileItStreams() throws Exception {
		final Path zip = rezip("bomb.zip", Map.of("test_output.f32", 160 * MIB), Map.of());
		assertTrue(Files.size(zip) < 2 * MIB, Files.size(zip) + " bytes");
		final AtomicLong most = new AtomicLong();
		final AtomicBoolean done = new AtomicBoolean();
		final Thread poller = new Thread(() -> {
			while (!done.get()) {
				try {
					most.accumulateAndGet(cached().values().stream().mapToLong(Long::longValue).sum(), Math::max);
					Thread.sleep(2);
				} catch (final IOException | RuntimeException e) {
					// files come and go while the cache is polled
				} catch (final InterruptedException e) {
					return;
				}
			}
		});
		poller.start();
		final IOException e;
		try {
			e = assertThrows(IOException.class, () -> ModelBundle.open(zip));
		} finally {
			done.set(true);
			poller.join();
		}
		assertTrue(e.getMessage().contains("unpacks to more than 64 MiB"), e.getMessage());
		assertTrue(most.get() > 0 && most.get() <= SafeZip.MAX_UNPACKED_BYTES + MIB, "at most " + most.get() +
			" bytes were seen in the cache");
		assertEquals(Map.of(), cached(), "the partial copy is deleted");
		assertEquals(List.of(), Files.list(cache()).collect(Collectors.toList()));
	}

	/** Central-directory sizes are never trusted: the bytes are counted as they inflate. */
	@Test
	void anEntryHoldingOtherThanItsHeaderSaysIsRefused() throws IOException {
		final int declared = (int) new ZipFile(valid.toFile()).getEntry("test_input.f32").getSize();
		for (final long actual : new long[] { 8 * MIB, declared - 4 }) {
			final Path zip = rezip("lying" + actual + ".zip", Map.of("test_input.f32", actual), Map.of());
			setCentralSize(zip, "test_input.f32", declared);
			assertEquals(declared, new ZipFile(zip.toFile()).getEntry("test_input.f32").getSize(), "header forged");
			final IOException e = assertThrows(IOException.class, () -> ModelBundle.open(zip));
			assertTrue(e.getMessage().contains("does not hold the " + declared + " bytes its header says"), e
				.getMessage());
			assertEquals(Map.of(), cached());
		}
	}

	@Test
	void aBundleRefusedForAnyReasonLeavesNoUnpackedCopy() throws IOException {
		final byte[] pb;
		try (ZipFile in = new ZipFile(valid.toFile())) {
			pb = in.getInputStream(in.getEntry("model.pb")).readAllBytes();
		}
		pb[pb.length / 2] ^= 1;
		final IOException changed = assertThrows(IOException.class, () -> ModelBundle.open(rezip("changed.zip", Map
			.of(), Map.of("model.pb", pb))));
		assertTrue(changed.getMessage().contains("sha256 mismatch"), changed.getMessage());
		assertEquals(Map.of(), cached());

		final String json = new String(SafeZip.readEntry(valid, ModelBundle.DESCRIPTOR, 1 << 20), StandardCharsets.UTF_8);
		SafeZip.deleteTree(cache());
		final Path invalid = rezip("invalid.zip", Map.of(), Map.of("deepsr.json", json.replace("\"scale\": 2",
			"\"scale\": 9").getBytes(StandardCharsets.UTF_8)));
		assertThrows(IllegalArgumentException.class, () -> ModelBundle.open(invalid));
		final Path huge = rezip("huge-descriptor.zip", Map.of("deepsr.json", 2 * MIB), Map.of());
		final IOException e = assertThrows(IOException.class, () -> ModelBundle.open(huge));
		assertTrue(e.getMessage().contains("deepsr.json") && e.getMessage().contains("more than"), e.getMessage());
		assertEquals(Map.of(), cached());
	}

	/** A cached copy changed after unpacking is refused and deleted; the next open unpacks the zip again. */
	@Test
	void aTamperedCacheCopyIsDeletedAndUnpackedAgain() throws IOException {
		final Path weights = ModelBundle.open(valid).weights();
		try (OutputStream out = Files.newOutputStream(weights, java.nio.file.StandardOpenOption.APPEND)) {
			out.write(0);
		}
		assertThrows(IOException.class, () -> ModelBundle.open(valid));
		assertFalse(Files.exists(weights.getParent()));
		assertEquals(LISTED, Files.list(ModelBundle.open(valid).folder()).map(p -> p.getFileName().toString())
			.collect(Collectors.toSet()));
	}

	/**
	 * A model of 68 MB (a nearest-neighbour x2 beside a 17-million-value
	 * constant) is imported as a folder, read in place; the same bundle as a
	 * zip is refused by the limit.
	 */
	@Test
	void aModelLargerThanAZipMayHoldIsImportedAsAFolder() throws IOException {
		final Path pb = dir.resolve("big.pb");
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape
				.of(1, -1, -1, 1)));
			tf.withName("output").nn.depthToSpace(tf.concat(List.of(in, in, in, in), tf.constant(3)), 2L);
			tf.withName("ballast").constant(new float[17_000_000]);
			Files.write(pb, g.toGraphDef().toByteArray());
		}
		assertTrue(Files.size(pb) > SafeZip.MAX_UNPACKED_BYTES);
		final ModelManager manager = new ModelManager(new ModelRegistry(null, dir.resolve("user")));
		final ModelEntry big = manager.importModel(pb, new ImportOptions().scale(2).channels("grey").tensors("input",
			"output"), Progress.NONE);
		assertEquals(dir.resolve("user").resolve("big"), big.path());
		assertTrue(Files.isDirectory(big.path()));
		try (LoadedModel model = Models.load(big.path(), Device.CPU, Progress.NONE)) {
			assertEquals(2, model.scale());
		}
		final Path zip = manager.export("big", dir.resolve("big.zip"), ModelManager.Format.BUNDLE, false,
			Progress.NONE);
		final IOException e = assertThrows(IOException.class, () -> ModelBundle.open(zip));
		assertTrue(e.getMessage().contains("more than 64 MiB") && e.getMessage().contains("bundle folder"), e
			.getMessage());
		assertEquals(Map.of(), cached());
	}

	/** Overwrites the uncompressed size (offset 24) of a central-directory record, whatever the data hold. */
	static void setCentralSize(final Path zip, final String name, final int size) throws IOException {
		final byte[] bytes = Files.readAllBytes(zip);
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		final byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i + 46 <= bytes.length; i++) {
			if (b.getInt(i) != 0x02014b50 || b.getShort(i + 28) != wanted.length) continue;
			if (!java.util.Arrays.equals(bytes, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) continue;
			b.putInt(i + 24, size);
			Files.write(zip, bytes);
			return;
		}
		throw new IllegalStateException("no central-directory record for " + name);
	}
}
