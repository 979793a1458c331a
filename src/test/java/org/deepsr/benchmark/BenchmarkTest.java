package org.deepsr.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deepsr.image.ImageFiles;
import org.deepsr.metrics.MetricOptions;
import org.deepsr.metrics.QualityRow;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark protocol on tiny generated sets ({@link BlockData}): layouts,
 * name matching, modcrop, metric options and the CSV, against values known
 * in closed form.
 */
class BenchmarkTest {

	@TempDir
	Path tmp;

	private static BenchmarkReport run(final String method, final int scale, final Path data,
		final BenchmarkOptions options) throws IOException
	{
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method(method).scale(scale), new ModelRegistry(null,
			data), Progress.NONE))
		{
			return Benchmark.run(up, data, options, Progress.NONE);
		}
	}

	@Test
	void exactLrFilesGiveIdenticalImagesInEveryLayout() throws IOException {
		// Nearest x3 of one-pixel-per-block LR rebuilds the block HR exactly (after modcrop of 2 extra px).
		final Path root = BlockData.write(tmp.resolve("set"), 3, 2, 0);
		final Path lrDir = root.resolve("LR_bicubic").resolve("X3");
		for (final BenchmarkReport r : List.of(run("nearest", 3, root, new BenchmarkOptions().lrSource(
			LrSource.FOLDER)), run("nearest", 3, root.resolve("HR"), new BenchmarkOptions().lrFolder(root)), run(
				"nearest", 3, root, new BenchmarkOptions().lrFolder(lrDir)))) {
			assertEquals(List.of("a", "b"), r.rows().stream().map(QualityRow::label).collect(
				java.util.stream.Collectors.toList()));
			for (final QualityRow row : r.rows()) {
				assertEquals(Double.POSITIVE_INFINITY, row.psnr(), row.label());
				assertEquals(1.0, row.ssim(), 1e-12, row.label());
				assertEquals(0.0, row.mae(), 0.0);
			}
			assertTrue(r.describe().contains("given LR files") && r.describe().contains("border 3 px shaved"), r
				.describe());
		}
	}

	@Test
	void aConstantErrorGivesThePsnrOfThatError() throws IOException {
		// LR values + 2 everywhere: the SR differs from HR by 2 grey levels in R, G, B and grey, hence by
		// 2 * 219/255 in studio Y for RGB (Y = 16 + (65.481 R + 128.553 G + 24.966 B)/255, weights sum 219)
		// and by 2 for a grey image, its own Y: PSNR = 20 log10(255 / error), MAE = error.
		final Path root = BlockData.write(tmp.resolve("set"), 2, 1, 2);
		final BenchmarkReport r = run("nearest", 2, root, new BenchmarkOptions().lrSource(LrSource.FOLDER));
		final double yError = 2 * 219.0 / 255;
		assertEquals(20 * Math.log10(255 / yError), r.rows().get(0).psnr(), 1e-9);
		assertEquals(yError, r.rows().get(0).mae(), 1e-9);
		assertEquals(20 * Math.log10(255 / 2.0), r.rows().get(1).psnr(), 1e-9);
		assertEquals((r.rows().get(0).psnr() + r.rows().get(1).psnr()) / 2, r.mean().psnr(), 1e-12);
		// Per-channel metrics: the grey image has one row, the RGB image three, each off by exactly 2.
		final BenchmarkReport each = run("nearest", 2, root, new BenchmarkOptions().lrSource(LrSource.FOLDER)
			.channels(MetricOptions.Channels.EACH).shave(0).dataRange(510));
		assertEquals(List.of("a R", "a G", "a B", "b"), each.rows().stream().map(QualityRow::label).collect(
			java.util.stream.Collectors.toList()));
		for (final QualityRow row : each.rows())
			assertEquals(20 * Math.log10(510 / 2.0), row.psnr(), 1e-9, row.label());
		assertTrue(each.describe().contains("no border shaved, data range 510"), each.describe());
	}

	@Test
	void madeLrEqualsTheSameLrGivenAsFiles() throws IOException {
		// Whatever the MATLAB/OpenCV LR is, writing it to files and benchmarking those must give the same rows.
		final Path root = BlockData.write(tmp.resolve("set"), 2, 1, 0);
		for (final LrSource source : new LrSource[] { LrSource.MATLAB, LrSource.OPENCV }) {
			final Path lrDir = Files.createDirectories(tmp.resolve("lr-" + source));
			for (final String name : new String[] { "a", "b" }) {
				final ImagePlus hr = LowResolution.modcrop(IJ.openImage(root.resolve("HR").resolve(name + ".png")
					.toString()), 2);
				ImageFiles.save(LowResolution.shrink(hr, 2, source), lrDir.resolve(name + ".png"), false);
			}
			final BenchmarkReport made = run("bicubic", 2, root, new BenchmarkOptions().lrSource(source));
			final BenchmarkReport given = run("bicubic", 2, root, new BenchmarkOptions().lrFolder(lrDir));
			for (int i = 0; i < 2; i++)
				assertEquals(made.rows().get(i).psnr(), given.rows().get(i).psnr(), 1e-12, source.name());
			assertTrue(made.describe().contains(source.description()), made.describe());
		}
	}

	@Test
	void csvHoldsOneRowPerImageAndTheMeanAndIsNeverOverwrittenUnasked() throws IOException {
		final Path root = BlockData.write(tmp.resolve("set"), 2, 0, 2);
		final BenchmarkReport r = run("nearest", 2, root, new BenchmarkOptions().lrSource(LrSource.FOLDER));
		final Path csv = tmp.resolve("out").resolve("r.csv");
		r.writeCsv(csv, false);
		final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		assertEquals("label,psnr,ssim,msssim,nrmse,mae", lines.get(0));
		assertEquals(4, lines.size());
		assertTrue(lines.get(1).startsWith("a,") && lines.get(2).startsWith("b,") && lines.get(3).startsWith("mean,"));
		assertEquals(r.mean().psnr(), Double.parseDouble(lines.get(3).split(",")[1]), 1e-6);
		assertThrows(FileAlreadyExistsException.class, () -> r.writeCsv(csv, false));
		Files.write(csv, new byte[] { 1 });
		r.writeCsv(csv, true);
		assertArrayEquals(r.toCsv().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(csv));
	}

	@Test
	void missingOrMisSizedLrFilesAreNamed() throws IOException {
		final Path root = BlockData.write(tmp.resolve("set"), 2, 0, 0);
		final Path lr = root.resolve("LR_bicubic").resolve("X2");
		Files.delete(lr.resolve("bx2.png"));
		final IOException missing = assertThrows(IOException.class, () -> run("nearest", 2, root,
			new BenchmarkOptions().lrSource(LrSource.FOLDER)));
		assertTrue(missing.getMessage().contains("b.png") && missing.getMessage().contains("bx2"), missing.getMessage());
		// The HR images given as LR: twice too large.
		final IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> run("nearest", 2, root,
			new BenchmarkOptions().lrFolder(root.resolve("HR"))));
		assertTrue(size.getMessage().contains("should be 20x14"), size.getMessage());
		final IOException noFolder = assertThrows(IOException.class, () -> run("nearest", 3, root,
			new BenchmarkOptions().lrSource(LrSource.FOLDER)));
		assertTrue(noFolder.getMessage().contains("LR_bicubic/X3"), noFolder.getMessage());
	}
}
