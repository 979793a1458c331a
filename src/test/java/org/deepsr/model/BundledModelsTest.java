package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deepsr.Prerequisites;
import org.deepsr.backend.Device;
import org.deepsr.benchmark.Benchmark;
import org.deepsr.benchmark.BenchmarkOptions;
import org.deepsr.benchmark.BenchmarkReport;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * The models shipped in {@code models/}: each loads and passes its own
 * self-test, stays under 2 MB, and has the committed recipe that made it;
 * and, where ../shared/data exists, each reproduces the Set5 and Set14
 * scores that {@code models/README.md} claims for it (standard protocol).
 */
@ExtendWith(TemporaryModelCache.class)
class BundledModelsTest {

	private static final Path MODELS = Paths.get("models");

	private static List<Path> bundles() throws IOException {
		try (Stream<Path> files = Files.list(MODELS)) {
			return files.filter(p -> p.toString().endsWith(".zip")).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void everyBundleLoadsIsSmallAndHasItsRecipe() throws IOException {
		final List<Path> bundles = bundles();
		assertFalse(bundles.isEmpty());
		final List<JsonObject> recipes = new ArrayList<>();
		try (Stream<Path> files = Files.list(MODELS.resolve("recipes"))) {
			for (final Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList()))
				try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
					recipes.add(new Gson().fromJson(r, JsonObject.class));
				}
		}
		for (final Path bundle : bundles) {
			assertTrue(Files.size(bundle) < 2_000_000, bundle + " is " + Files.size(bundle) + " bytes");
			final ModelDescriptor d;
			try (LoadedModel m = Models.load(bundle, Device.CPU, Progress.NONE)) {
				d = m.descriptor();
			}
			final String out = "models/" + bundle.getFileName();
			final JsonObject recipe = recipes.stream().filter(r -> r.has("out") && out.equals(r.get("out").getAsString())).findFirst()
				.orElseThrow(() -> new AssertionError("no recipe writes " + out));
			assertEquals(recipe.get("name").getAsString(), d.name, out);
			assertEquals(recipe.get("scale").getAsInt(), d.scale, out);
			assertEquals(recipe.get("network").getAsString().toUpperCase(), d.architecture, out);
		}
	}

	/** Rows of the README table: name, file, scale, Set5 "PSNR / SSIM", Set14 "PSNR / SSIM". */
	@Test
	void bundlesScoreWhatTheReadmeTableSays() throws IOException {
		final Path data = Prerequisites.sharedData().resolve("benchmark");
		Prerequisites.need(data.resolve("Set5"));
		final List<String> lines = Files.readAllLines(MODELS.resolve("README.md"), StandardCharsets.UTF_8);
		final List<String> header = cells(lines.stream().filter(l -> l.contains("Set5 PSNR / SSIM")).findFirst().orElseThrow());
		final int file = header.indexOf("file"), set5 = header.indexOf("Set5 PSNR / SSIM"), set14 = header.indexOf("Set14 PSNR / SSIM");
		int checked = 0;
		for (final String line : lines) {
			final List<String> row = cells(line);
			if (row.size() != header.size() || !row.get(file).endsWith(".zip")) continue;
			final Path bundle = MODELS.resolve(row.get(file));
			assertTrue(Files.isRegularFile(bundle), bundle + " is in the table but not in models/");
			try (Upscaler up = Upscaler.open(new UpscaleSettings().method(bundle.toString()).device(Device.CPU), ModelRegistry.fromEnvironment(), Progress.NONE)) {
				assertScores(row.get(set5), Benchmark.run(up, data.resolve("Set5"), new BenchmarkOptions(), Progress.NONE), bundle + " Set5");
				assertScores(row.get(set14), Benchmark.run(up, data.resolve("Set14"), new BenchmarkOptions(), Progress.NONE), bundle + " Set14");
			}
			checked++;
		}
		assertEquals(bundles().stream().filter(p -> !p.getFileName().toString().startsWith("microscopy")).count(), checked, "every benchmark model has a row");
	}

	private static void assertScores(final String cell, final BenchmarkReport report, final String what) {
		final double[] claimed = Arrays.stream(cell.split("/")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
		assertEquals(claimed[0], report.mean().psnr(), 0.005 + 1e-9, what + " PSNR");
		assertEquals(claimed[1], report.mean().ssim(), 0.00005 + 1e-9, what + " SSIM");
	}

	private static List<String> cells(final String line) {
		if (!line.startsWith("|")) return List.of();
		final List<String> out = new ArrayList<>();
		for (final String c : line.substring(1).split("\\|")) out.add(c.trim().replace("`", ""));
		return out;
	}
}
