package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.deepsr.backend.TinyNet;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelImporter;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: outputs, exit codes and messages. */
class CliTest {

	@TempDir
	static Path dir;

	@BeforeAll
	static void userModels() throws IOException {
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
		System.setProperty("deepsr.user.models", dir.resolve("models").toString());
		System.setProperty("deepsr.models", dir.resolve("no-bundled").toString());
		final TinyNet net = new TinyNet(1, 2, 3);
		final Path pb = dir.resolve("tiny.pb");
		Files.write(pb, net.graphDef(false));
		final ModelDescriptor d = new ModelDescriptor();
		d.name = "tiny-x2";
		d.architecture = "TinyNet";
		d.scale = 2;
		d.channels.mode = "grey";
		d.input.tensor = "input";
		d.output.tensor = "output";
		Files.createDirectories(dir.resolve("models"));
		ModelImporter.importFrozenGraph(pb, d, dir.resolve("models").resolve("tiny-x2.zip"), false,
			Progress.NONE);
	}

	@AfterAll
	static void clear() {
		System.clearProperty("deepsr.cache");
		System.clearProperty("deepsr.user.models");
		System.clearProperty("deepsr.models");
	}

	static final class Run {

		final int code;
		final String out, err;

		Run(final String... args) {
			final StringWriter o = new StringWriter(), e = new StringWriter();
			code = Main.execute(new PrintWriter(o), new PrintWriter(e), args);
			out = o.toString();
			err = e.toString();
		}
	}

	@Test
	void upscalesAFileAndSaysWhereWithWhatAndHowLong() {
		final Path out = dir.resolve("astronaut-x2.png");
		final Run r = new Run("upscale", "--model", "bicubic", "--scale", "2", Paths.get("samples",
			"astronaut.png").toString(), out.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("wrote " + out), r.out);
		assertTrue(r.out.contains("on Java (CPU)") && r.out.matches("(?s).* in [0-9.]+ s.*"), r.out);
		assertEquals(1024, IJ.openImage(out.toString()).getWidth());
		// Never overwrite unless asked.
		final Run again = new Run("upscale", "--model", "bicubic", Paths.get("samples", "astronaut.png")
			.toString(), out.toString());
		assertEquals(1, again.code);
		assertTrue(again.err.contains("exists already"), again.err);
	}

	@Test
	void upscalesAFolderWithAModelLoadedOnce() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		for (int i = 0; i < 3; i++) {
			final ShortProcessor sp = new ShortProcessor(16, 12);
			for (int p = 0; p < 16 * 12; p++)
				sp.set(p, 100 * i + 7 * p);
			IJ.saveAsTiff(new ImagePlus("s" + i, sp), in.resolve("s" + i + ".tif").toString());
		}
		final Run r = new Run("upscale", "--model", "tiny-x2", "--device", "cpu", in.toString(), out
			.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("3 written"), r.out);
		final ImagePlus s1 = IJ.openImage(out.resolve("s1-x2.tif").toString());
		assertEquals(32, s1.getWidth());
		assertEquals(16, s1.getBitDepth());
	}

	/** An OME-Zarr volume in three parts from the command line: the output appears with the last part, as one run's. */
	@Test
	void partsOfAnOmeZarrVolumeFromTheCommandLine() throws IOException {
		final ij.ImageStack stack = new ij.ImageStack(16, 12);
		for (int z = 0; z < 5; z++) {
			final ShortProcessor sp = new ShortProcessor(16, 12);
			for (int p = 0; p < 16 * 12; p++)
				sp.set(p, 100 * z + 7 * p);
			stack.addSlice(sp);
		}
		final ImagePlus imp = new ImagePlus("vol", stack);
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.5;
		imp.getCalibration().setUnit("micron");
		final Path in = dir.resolve("vol.tif"), one = dir.resolve("one.zarr"), parted = dir.resolve("parted.zarr");
		IJ.saveAsTiff(imp, in.toString());
		final Run single = new Run("upscale", "--model", "tiny-x2", "--device", "cpu", "--levels", "2", in.toString(),
			one.toString());
		assertEquals(0, single.code, single.err);
		for (final String part : new String[] { "2/3", "3/3", "1/3" }) {
			assertFalse(Files.exists(parted), "complete only with the last part");
			final Run r = new Run("upscale", "--model", "tiny-x2", "--device", "cpu", "--levels", "2", "--part", part, in
				.toString(), parted.toString());
			assertEquals(0, r.code, r.err);
		}
		try (org.deepsr.io.OmeZarrSource a = org.deepsr.io.OmeZarrSource.open(one);
			org.deepsr.io.OmeZarrSource b = org.deepsr.io.OmeZarrSource.open(parted))
		{
			assertEquals(0.25, b.info().calibration(org.deepsr.image.Axis.X).spacing(), 1e-12);
			assertEquals(2, b.levels());
			for (int z = 0; z < 5; z++)
				assertArrayEquals(org.deepsr.image.ImagePlanes.array(a.plane(0, z, 0)), org.deepsr.image.ImagePlanes.array(b
					.plane(0, z, 0)), "z " + z);
		}
		for (final String[] bad : new String[][] { { "--part", "4/3", in.toString(), dir.resolve("x.zarr").toString() }, {
			"--part", "1/2", in.toString(), dir.resolve("x.tif").toString() } })
		{
			final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("upscale", "--model", "bicubic"));
			args.addAll(java.util.List.of(bad));
			final Run r = new Run(args.toArray(new String[0]));
			assertEquals(1, r.code, r.err);
			assertEquals(1, r.err.trim().split("\n").length, r.err);
			assertTrue(r.err.contains("--part"), r.err);
		}
	}

	@Test
	void listsModelsOnePerLine() {
		final Run r = new Run("models");
		assertEquals(0, r.code, r.err);
		assertEquals("tiny-x2\tx2\tTinyNet\tgrey\tuser", r.out.trim().split("\\R")[0]);
	}

	@Test
	void errorsGiveOneClearLineAndANonZeroExitCode() {
		final Run unknown = new Run("upscale", "--model", "nope", "samples/astronaut.png", dir.resolve("x.png")
			.toString());
		assertEquals(1, unknown.code);
		assertTrue(unknown.err.startsWith("deepsr: unknown model \"nope\""), unknown.err);
		assertTrue(unknown.err.contains("tiny-x2"), "lists what is available: " + unknown.err);

		final Run missing = new Run("upscale", "--model", "bicubic", "no/such.png", dir.resolve("y.png")
			.toString());
		assertEquals(1, missing.code);
		assertTrue(missing.err.contains("no such image file"), missing.err);

		final Run device = new Run("upscale", "--model", "tiny-x2", "--device", "tpu", "samples/astronaut.png",
			dir.resolve("z.png").toString());
		assertEquals(2, device.code, "a value no run could take is a usage error: " + device.err);
		assertEquals("deepsr: Invalid value for option '--device': device must be auto, cpu or gpu, got 'tpu' " +
			"(see 'deepsr upscale --help')", device.err.trim());
		final Run scale = new Run("upscale", "--model", "bicubic", "--scale", "99", "samples/astronaut.png", dir
			.resolve("s.png").toString());
		assertEquals(2, scale.code, scale.err);
		assertEquals("deepsr: Invalid value for option '--scale': the scale must be 1 to 16, got 99 (see 'deepsr " +
			"upscale --help')", scale.err.trim());

		final Run usage = new Run("upscale", "--model");
		assertEquals(2, usage.code);
		assertFalse(usage.err.isEmpty());
	}

	@Test
	void inputsAndOutputsAreCheckedBeforeTheModelLoads() throws IOException {
		// A bundle that fails to load: any error but its own shows the check came first.
		final Path broken = Files.write(dir.resolve("broken.zip"), "not a zip".getBytes(StandardCharsets.US_ASCII));
		final Run control = new Run("upscale", "--model", broken.toString(), "samples/astronaut.png", dir.resolve(
			"never.png").toString());
		assertEquals(1, control.code);
		assertFalse(control.err.contains("astronaut") || control.err.contains("never.png"), "the model's own error: " +
			control.err);

		final Run missing = new Run("upscale", "--model", broken.toString(), "no/such.png", dir.resolve("a.png")
			.toString());
		assertEquals(1, missing.code);
		assertEquals("deepsr: no such image file: no/such.png", missing.err.trim());

		final Path existing = Files.write(dir.resolve("existing.png"), new byte[] { 1 });
		final Run exists = new Run("upscale", "--model", broken.toString(), "samples/astronaut.png", existing
			.toString());
		assertEquals(1, exists.code);
		assertEquals("deepsr: " + existing + ": exists already: choose another name or allow overwriting (--overwrite)",
			exists.err.trim());

		final Run fileAsFolder = new Run("upscale", "--model", broken.toString(), "samples/astronaut.png",
			"samples/astronaut.png/x.png");
		assertEquals(1, fileAsFolder.code);
		assertEquals("deepsr: cannot write samples/astronaut.png/x.png: " + Paths.get("samples/astronaut.png")
			.toAbsolutePath() + " is a file, not a folder", fileAsFolder.err.trim());

		final Run folderOntoFile = new Run("upscale", "--model", broken.toString(), "samples", "samples/astronaut.png");
		assertEquals(1, folderOntoFile.code);
		assertTrue(folderOntoFile.err.trim().endsWith("is a file, not a folder"), folderOntoFile.err);
		final Run csv = new Run("benchmark", "--model", broken.toString(), "--data", dir.toString(), "--csv", existing
			.toString());
		assertEquals(1, csv.code);
		assertEquals(exists.err, csv.err, "the report's file is checked before the model and the images");
		final Run pairs = new Run("make-pairs", "--hr", "samples", "--out", "samples/astronaut.png/pairs", "--scale",
			"2");
		assertEquals(1, pairs.code);
		assertTrue(pairs.err.trim().endsWith("is a file, not a folder"), pairs.err);
		assertEquals(new byte[] { 1 }.length, Files.size(existing), "nothing touched");
	}

	@Test
	void eachFactIsPrintedOnce() throws Exception {
		final Run up = new Run("upscale", "--model", "tiny-x2", "--device", "cpu", Paths.get("samples",
			"astronaut.png").toString(), dir.resolve("once.png").toString());
		assertEquals(0, up.code, up.err);
		assertEquals(1, (up.out + up.err).split("runs on CPU", -1).length - 1, "the device once:\n" + up.out + up.err);
		final Path hr = Files.createDirectories(dir.resolve("pairs-hr"));
		Files.copy(Paths.get("samples", "astronaut.png"), hr.resolve("astronaut.png"));
		final Run pairs = new Run("make-pairs", "--hr", hr.toString(), "--out", dir.resolve("pairs").toString(),
			"--scale", "2");
		assertEquals(0, pairs.code, pairs.err);
		assertEquals(1, pairs.out.trim().split("\n").length, pairs.out);
		assertTrue(pairs.out.startsWith("wrote 1 pair(s) (matlab-bicubic, x2, seed 1) into "), pairs.out);
		assertTrue(!pairs.err.contains("pair(s)"), "the summary once, on stdout:\n" + pairs.err);
	}

	@Test
	void filesThatCannotBeCreatedSayWhy() {
		// /proc takes no new files even for root, whose permission bits are no guide.
		assumeTrue(Files.isDirectory(Paths.get("/proc/self")), "needs Linux's /proc");
		final Run r = new Run("upscale", "--model", "bicubic", "samples/astronaut.png", "/proc/deepsr-test.png");
		assertEquals(1, r.code);
		assertTrue(r.err.trim().matches("deepsr: cannot write /proc/deepsr-test.png: cannot create a file in /proc " +
			"\\(.+\\)"), "names the folder and the reason: " + r.err);
	}

	@Test
	void aScaleTheModelDoesNotHaveIsAnError() {
		final Path out = dir.resolve("x4.png");
		final Run r = new Run("upscale", "--model", "tiny-x2", "--device", "cpu", "--scale", "4",
			"samples/astronaut.png", out.toString());
		assertEquals(1, r.code);
		final String[] lines = r.err.trim().split("\\R");
		assertTrue(lines[lines.length - 1].startsWith("deepsr: model tiny-x2 upscales x2, not x4: leave the scale out"),
			r.err);
		assertFalse(Files.exists(out));
		final Run same = new Run("upscale", "--model", "tiny-x2", "--device", "cpu", "--scale", "2",
			"samples/astronaut.png", out.toString());
		assertEquals(0, same.code, same.err);
		assertEquals(1024, IJ.openImage(out.toString()).getWidth());
	}

	@Test
	void usageErrorsExit2WithOneLine() {
		final Run missing = new Run("upscale", "--model");
		assertEquals(2, missing.code);
		assertEquals("deepsr: Missing required parameter for option '--model' (<model>) (see 'deepsr upscale --help')",
			missing.err.trim());
		final Run notANumber = new Run("upscale", "--model", "bicubic", "--scale", "two", "a.png", "b.png");
		assertEquals(2, notANumber.code);
		assertEquals(1, notANumber.err.trim().split("\\R").length, notANumber.err);
		assertTrue(notANumber.err.startsWith("deepsr: Invalid value for option '--scale'"), notANumber.err);
	}
}
