package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deepsr.backend.Device;
import org.deepsr.backend.Sha256;
import org.deepsr.backend.TinyNet;
import org.deepsr.progress.Progress;
import org.deepsr.train.InitialWeights;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.WriteFile;
import org.tensorflow.types.TFloat32;

/**
 * A model that copies a file (ReadFile into WriteFile, a control dependency
 * of its output, which is a plain nearest-neighbour x2) is refused on every
 * path that could run it, before TensorFlow sees it: no copy appears. The
 * user's trust, recorded by weights SHA-256, is the only way around: then the
 * copy does appear (the ops ran), and a changed file is not trusted.
 */
@ExtendWith(TemporaryModelCache.class)
class HostileModelTest {

	private static final String SECRET = "not for models\n";

	@TempDir
	Path dir;

	private Path secret;
	private Path leak;
	private ModelManager manager;

	@BeforeEach
	void files() throws IOException {
		secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
		leak = dir.resolve("leak.txt");
		manager = new ModelManager(new ModelRegistry(null, dir.resolve("user")));
	}

	/** input [1,H,W,1] -> nearest-neighbour x2 -> "output", which first runs WriteFile(leak, ReadFile(secret)). */
	static byte[] hostileGraph(final Path secret, final Path leak) {
		try (Graph g = new Graph()) {
			build(g, secret, leak);
			return g.toGraphDef().toByteArray();
		}
	}

	/** Adds the hostile network to a graph; returns {input, output}. */
	private static Operand<?>[] build(final Graph g, final Path secret, final Path leak) {
		final Ops tf = Ops.create(g);
		final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1,
			-1, -1, 1)));
		final Operand<TFloat32> up = tf.nn.depthToSpace(tf.concat(List.of(in, in, in, in), tf.constant(3)), 2L);
		final WriteFile copy = tf.io.writeFile(tf.constant(leak.toString()), tf.io.readFile(tf.constant(secret
			.toString())));
		return new Operand<?>[] { in, tf.withControlDependencies(copy).withName("output").identity(up) };
	}

	private Path hostilePb(final String name) throws IOException {
		return Files.write(dir.resolve(name), hostileGraph(secret, leak));
	}

	private static ImportOptions options() {
		return new ImportOptions().scale(2).channels("grey").tensors("input", "output");
	}

	/** A bundle of the hostile graph, written as the importer would but without running it. */
	private Path hostileBundle(final String file) throws IOException {
		final Path pb = hostilePb("hostile.pb");
		final ModelDescriptor d = options().descriptor("hostile");
		d.weights.format = "frozen_graph";
		d.weights.file = "model.pb";
		d.weights.sha256 = Sha256.of(pb);
		d.test.input = "test_input.f32";
		d.test.output = "test_output.f32";
		d.test.shape = new int[] { 2, 2 };
		d.test.tolerance = 1e-6;
		final float[] input = { 0.1f, 0.2f, 0.3f, 0.4f };
		final float[] nearest = new float[16];
		for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) nearest[y * 4 + x] = input[y / 2 * 2 + x / 2];
		final Path bundle = dir.resolve(file);
		ModelImporter.write(d, pb, input, nearest, bundle, false);
		return bundle;
	}

	private void assertRefused(final Executable path) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, path::run);
		assertTrue(e.getMessage().contains("of type ReadFile") || e.getMessage().contains("of type WriteFile"), e
			.getMessage());
		assertTrue(e.getMessage().contains("deepsr models trust"), "says how to trust: " + e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		assertFalse(Files.exists(leak), "the model copied the file");
	}

	@FunctionalInterface
	interface Executable {
		void run() throws Exception;
	}

	@Test
	void aBioImageIoPackageOfTheGraphIsRefusedBeforeItRuns() throws IOException {
		// the hostile graph as a SavedModel ("lr" -> "sr"), zipped, in a package written from the 0.4 spec
		final Path savedModel = dir.resolve("hostile-saved-model");
		try (org.tensorflow.Graph g = new org.tensorflow.Graph(); org.tensorflow.Session s = new org.tensorflow.Session(
			g))
		{
			final Operand<?>[] io = build(g, secret, leak);
			org.deepsr.backend.TinyNet.exportSavedModel(savedModel, s, io[0], io[1]);
		}
		assertFalse(Files.exists(leak), "exporting ran nothing");
		final Path pkg = Files.createDirectories(dir.resolve("package"));
		SafeZip.zip(savedModel, pkg.resolve("tf_weights.zip"));
		NpyFiles.write(pkg.resolve("in.npy"), new float[64], 1, 8, 8, 1);
		NpyFiles.write(pkg.resolve("out.npy"), new float[256], 1, 16, 16, 1);
		Files.writeString(pkg.resolve("rdf.yaml"), BioImageIoImportTest.v04("", "").replace("    sha256: SHA\n", ""));
		for (final Path source : new Path[] { pkg, dir.resolve("hostile.bioimageio.zip") }) {
			if (!Files.exists(source)) SafeZip.zip(pkg, source);
			assertRefused(() -> manager.importModel(source, new ImportOptions(), Progress.NONE));
		}
		assertTrue(manager.list(Progress.NONE).isEmpty(), "nothing imported");
	}

	@Test
	void importOfTheGraphIsRefusedBeforeTheHaloProbeOrTestPairRun() throws IOException {
		final Path pb = hostilePb("hostile.pb");
		assertRefused(() -> manager.importModel(pb, options(), Progress.NONE));
		assertRefused(() -> ModelImporter.importFrozenGraph(pb, options().descriptor("direct"), dir.resolve(
			"direct.zip"), false, Progress.NONE));
		assertFalse(Files.exists(dir.resolve("direct.zip")));
		assertTrue(manager.list(Progress.NONE).isEmpty(), "nothing imported");
	}

	@Test
	void aHostileBundleIsRefusedByImportLoadSelfTestUpscaleAndBioImageIoExport() throws IOException {
		for (final String file : new String[] { "hostile.zip", "hostile-folder" }) {
			final Path bundle = hostileBundle(file);
			assertRefused(() -> manager.importModel(bundle, new ImportOptions(), Progress.NONE));
			assertTrue(manager.list(Progress.NONE).isEmpty(), "a refused import is removed again");
			assertRefused(() -> Models.load(bundle, Device.CPU, Progress.NONE));
			assertRefused(() -> manager.check(bundle.toString(), Progress.NONE));
			assertRefused(() -> Upscaler.open(new UpscaleSettings().method(bundle.toString()).device(Device.CPU),
				manager.registry(), Progress.NONE));
			final Path rdf = dir.resolve(file + ".bioimageio.zip");
			assertRefused(() -> manager.export(bundle.toString(), rdf, ModelManager.Format.BIOIMAGEIO, false,
				Progress.NONE));
			assertFalse(Files.exists(rdf));
			SafeZip.deleteTree(bundle);
		}
	}

	/** Fine-tuning reads the frozen graph's float constants and runs nothing of it. */
	@Test
	void trainingInitialisationReadsConstantsOnly() throws IOException {
		final Map<String, float[]> constants = InitialWeights.read(hostileBundle("hostile.zip"));
		assertTrue(constants.isEmpty(), "the graph holds no float constant: " + constants.keySet());
		assertFalse(Files.exists(leak));
	}

	@Test
	void trustedByWeightsHashItRunsAndAChangedFileIsNotTrusted() throws IOException {
		final Path pb = hostilePb("hostile.pb");
		assertEquals(Sha256.of(pb), manager.trust(pb.toString(), true, Progress.NONE));
		assertTrue(Files.readString(dir.resolve("user").resolve(TrustedModels.FILE)).startsWith(Sha256.of(pb) +
			" hostile"));
		final ModelEntry entry = manager.importModel(pb, options(), Progress.NONE);
		assertEquals(SECRET, Files.readString(leak, StandardCharsets.UTF_8), "trusted, the model's ops ran");
		Files.delete(leak);
		assertTrue(manager.check("hostile", Progress.NONE).startsWith("CPU"));
		assertTrue(Files.exists(leak), "the self-test ran the trusted model");
		Files.delete(leak);
		// Trust is per weights: the same graph copying to another file is another model.
		final Path other = Files.write(dir.resolve("other.pb"), hostileGraph(secret, dir.resolve("leak2.txt")));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> manager.importModel(
			other, options(), Progress.NONE));
		assertTrue(e.getMessage().contains("deepsr models trust"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("leak2.txt")));
		// Withdrawn, the imported model is refused again (a trusted network is not reused from the cache).
		manager.trust("hostile", false, Progress.NONE);
		assertRefused(() -> manager.check("hostile", Progress.NONE));
		assertThrows(IllegalArgumentException.class, () -> manager.trust("hostile", false, Progress.NONE));
		assertArrayEquals(new String[] { "hostile" }, manager.list(Progress.NONE).stream().map(ModelEntry::name)
			.toArray(), entry.toString());
		final Path rdf = dir.resolve("trusted.bioimageio.zip");
		manager.trust("hostile", true, Progress.NONE);
		manager.export("hostile", rdf, ModelManager.Format.BIOIMAGEIO, false, Progress.NONE);
		assertTrue(Files.exists(rdf) && Files.exists(leak), "a trusted model exports and its test ran");
	}

	/** The same file copy in a SavedModel: refused on import; trusted by its folder's hash, it imports and runs. */
	@Test
	void aHostileSavedModelIsRefusedUnlessTrusted() throws IOException {
		final Path folder = dir.resolve("saved");
		try (Graph g = new Graph(); Session session = new Session(g)) {
			final Operand<?>[] io = build(g, secret, leak);
			TinyNet.exportSavedModel(folder, session, io[0], io[1]);
		}
		final ImportOptions saved = new ImportOptions().scale(2).channels("grey");
		assertRefused(() -> manager.importModel(folder, saved, Progress.NONE));
		assertTrue(manager.list(Progress.NONE).isEmpty());
		manager.trust(folder.toString(), true, Progress.NONE);
		manager.importModel(folder, saved, Progress.NONE);
		assertEquals(SECRET, Files.readString(leak, StandardCharsets.UTF_8), "trusted, the SavedModel's ops ran");
	}
}
