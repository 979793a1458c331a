package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deepsr.backend.TinyNet;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry lists what the importer wrote into its folders and resolves names. */
class ModelRegistryTest {

	@Test
	void listsBundledAndUserModelsAndResolvesNames(@TempDir final Path dir) throws IOException {
		final Path bundled = Files.createDirectories(dir.resolve("bundled"));
		final Path user = Files.createDirectories(dir.resolve("user"));
		final Path pb = dir.resolve("tiny.pb");
		Files.write(pb, new TinyNet(1, 2, 3).graphDef(false));
		ModelImporter.importFrozenGraph(pb, ModelsTest.metadata("alpha", 2, "NHWC"), bundled.resolve("alpha.zip"),
			false, Progress.NONE);
		ModelImporter.importFrozenGraph(pb, ModelsTest.metadata("beta", 2, "NHWC"), user.resolve("beta"), false,
			Progress.NONE);
		Files.write(user.resolve("broken.zip"), new byte[] { 1, 2, 3 });

		final List<String> warnings = new ArrayList<>();
		final ModelRegistry registry = new ModelRegistry(bundled, user);
		final List<ModelEntry> entries = registry.list(new Progress() {
			@Override
			public void warn(final String message) {
				warnings.add(message);
			}
		});
		assertEquals(2, entries.size());
		assertEquals("beta", entries.get(0).name());
		assertEquals(ModelEntry.Source.USER, entries.get(0).source());
		assertEquals("alpha", entries.get(1).name());
		assertEquals(ModelEntry.Source.BUNDLED, entries.get(1).source());
		assertEquals(2, entries.get(1).scale());
		assertEquals(1, warnings.size(), "the broken zip is skipped with a warning");

		assertEquals(bundled.resolve("alpha.zip"), registry.resolve("alpha"));
		assertEquals(pb, registry.resolve(pb.toString()));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.resolve(
			"gamma"));
		assertTrue(e.getMessage().contains("unknown model \"gamma\"") && e.getMessage().contains("alpha, beta") ||
			e.getMessage().contains("beta, alpha"), e.getMessage());
	}

	@Test
	void bundledModelsAreLookedForFromTheJarsPlace() {
		final Path repo = Path.of("/home/u/deepsr"), fiji = Path.of("/opt/Fiji.app"), cwd = Path.of("/tmp/work");
		// bin/deepsr and java -jar: the plugin jar in <repo>/target
		assertEquals(List.of(repo.resolve("target/models"), repo.resolve("models/deepsr"), repo.resolve("models"), cwd
			.resolve("models")), ModelRegistry.bundledCandidates(repo.resolve("target/deepsr-0.1.0.jar"), cwd));
		// Fiji: <fiji>/jars/deepsr-0.1.0.jar, models installed by the update site in <fiji>/models/deepsr
		assertEquals(fiji.resolve("models/deepsr"), ModelRegistry.bundledCandidates(fiji.resolve(
			"jars/deepsr-0.1.0.jar"), cwd).get(1));
		// no code source: the working folder only
		assertEquals(List.of(cwd.resolve("models")), ModelRegistry.bundledCandidates(null, cwd));
	}

	@Test
	void fromTheBuildTheRepositorysModelsAreFoundAndAnUnknownNameSaysWhereItLooked() {
		// These classes run from <repo>/target/classes, whatever the working folder: <repo>/models.
		final ModelRegistry registry = ModelRegistry.fromEnvironment();
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.resolve(
			"no-such-model"));
		assertTrue(e.getMessage().contains("FSRCNN_x3-deepsr"), e.getMessage());
		assertTrue(e.getMessage().contains(Path.of("models").toAbsolutePath() + " (bundled models"), e.getMessage());
		assertTrue(e.getMessage().contains(registry.userFolder() + " (user models)"), e.getMessage());
	}
}
