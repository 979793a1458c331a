package org.deepsr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deepsr.image.ImageFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

/**
 * The Spark job on local[2] against the single-machine command
 * ({@code deepsr upscale}, org.deepsr.cli.Main): the same bytes in every
 * output file of a folder, of a TIFF stack into OME-Zarr and of an OME-Zarr
 * volume; a job of which only some tasks ran (the others died) completes
 * with the same bytes when rerun.
 */
class SparkUpscaleTest {

	private static JavaSparkContext sc;

	@TempDir
	static Path dir;

	@BeforeAll
	static void start() {
		sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkUpscaleTest").set(
			"spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress",
				"127.0.0.1"));
	}

	@AfterAll
	static void stop() {
		if (sc != null) sc.close();
		Upscalers.closeAll();
	}

	@Test
	void folderMatchesTheSingleMachineCommandAndResumes() throws IOException {
		final Path in = dir.resolve("tiles");
		Files.createDirectories(in);
		final Random random = new Random(17);
		for (int k = 0; k < 5; k++) {
			final int w = 20 + 3 * k, h = 17 + k;
			final ImagePlus imp;
			if (k % 3 == 0) {
				final ShortProcessor p = new ShortProcessor(w, h);
				for (int i = 0; i < w * h; i++) p.set(i, random.nextInt(65536));
				imp = new ImagePlus("t" + k, p);
			}
			else if (k % 3 == 1) {
				final ByteProcessor p = new ByteProcessor(w, h);
				for (int i = 0; i < w * h; i++) p.set(i, random.nextInt(256));
				imp = new ImagePlus("t" + k, p);
			}
			else {
				final FloatProcessor p = new FloatProcessor(w, h);
				for (int i = 0; i < w * h; i++) p.setf(i, (float) random.nextGaussian());
				imp = new ImagePlus("t" + k, p);
			}
			ImageFiles.save(imp, in.resolve("t" + k + ".tif"), false);
		}
		final Path single = dir.resolve("tiles-single"), spark = dir.resolve("tiles-spark");
		// A network (the bundled ESPCN x2, TensorFlow on each executor), its bundle shipped to the executors.
		final Path bundle = Path.of("..", "models", "espcn-x2.zip").toAbsolutePath().normalize();
		assertTrue(Files.isRegularFile(bundle), bundle + " (the test runs in spark/)");
		deepsr("upscale", "--model", bundle.toString(), "--device", "cpu", in.toString(), single.toString());

		final UpscaleJob job = job(in, spark);
		// The driver's path, which the executors do not see: they load the copy shipped to them.
		job.model = dir.resolve("driver-only").resolve(bundle.getFileName()).toString();
		job.device = "cpu";
		sc.addFile(bundle.toString());
		job.shippedModel = bundle.getFileName().toString();
		assertEquals(5, SparkUpscale.check(job));
		// Two of the five tasks die before they start: their outputs are missing, the others complete.
		final List<PartResult> first = SparkUpscale.run(sc, job, 5, List.of(1, 3, 4));
		assertEquals(3, first.stream().mapToInt(r -> r.written).sum());
		assertEquals(3, list(spark).size());
		// A dead task's staged output (written aside, never renamed) is not taken for an output.
		final Path staged = spark.resolve(".t1-x2.tif.staged");
		Files.write(staged, new byte[] { 1, 2, 3 });

		final List<PartResult> rerun = SparkUpscale.run(sc, job, 5, null);
		assertEquals(2, rerun.stream().mapToInt(r -> r.written).sum());
		assertEquals(3, rerun.stream().mapToInt(r -> r.skipped).sum());
		Files.delete(staged);
		assertSameFiles(single, spark);
		assertEquals(5, list(single).size());
		// local[2]: at most two upscalers (two models loaded) for the job's eight tasks, opened once and reused.
		final int opened = Upscalers.opened(job);
		assertTrue(opened >= 1 && opened <= 2, "opened " + opened);
	}

	@Test
	void stackAndZarrVolumesMatchTheSingleMachineCommandAndResume() throws IOException {
		// A 16-bit stack of 40 planes: its x2 OME-Zarr output has z chunks of 16 planes, so three slabs.
		final int w = 23, h = 19, d = 40;
		final ImageStack stack = new ImageStack(w, h);
		final Random random = new Random(5);
		for (int z = 0; z < d; z++) {
			final ShortProcessor p = new ShortProcessor(w, h);
			for (int i = 0; i < w * h; i++) p.set(i, (int) (2000 + 1500 * Math.sin(i * 0.1 + z * 0.3)) + random.nextInt(300));
			stack.addSlice(p);
		}
		final ImagePlus imp = new ImagePlus("stack", stack);
		imp.getCalibration().pixelWidth = 0.2;
		imp.getCalibration().pixelHeight = 0.2;
		imp.getCalibration().pixelDepth = 1.5;
		imp.getCalibration().setUnit("micron");
		final Path tif = dir.resolve("stack.tif");
		ImageFiles.save(imp, tif, false);

		// A TIFF stack into OME-Zarr: the single command, the Spark job on two tasks.
		final Path single = dir.resolve("stack-single.zarr"), spark = dir.resolve("stack-spark.zarr");
		deepsr("upscale", "--model", "bicubic", tif.toString(), single.toString());
		final UpscaleJob job = job(tif, spark);
		assertEquals(0, SparkUpscale.check(job));
		SparkUpscale.run(sc, job, 2, null);
		assertSameFiles(single, spark);
		assertTrue(list(single).size() > 3, "chunks written: " + list(single).keySet());

		// An OME-Zarr volume (the one just written) into OME-Zarr, three tasks, of which only the second ran
		// at first, and the first died after some of its chunks: the job is rerun and completes identically.
		final Path zsingle = dir.resolve("vol-single.zarr"), zspark = dir.resolve("vol-spark.zarr");
		deepsr("upscale", "--model", "bicubic", single.toString(), zsingle.toString());
		final UpscaleJob zjob = job(single, zspark);
		SparkUpscale.run(sc, zjob, 3, List.of(2));
		assertFalse(Files.exists(zspark), "an incomplete job has no output under its name");
		final Path parts = zspark.resolveSibling("." + zspark.getFileName() + ".parts");
		assertTrue(Files.isDirectory(parts), "the parts' staged folder " + parts);
		SparkUpscale.run(sc, zjob, 3, List.of(1));
		assertFalse(Files.exists(zspark));
		// Part 1 "killed": its done mark and one of its chunks gone (a chunk is renamed whole onto its key).
		final Path done = zspark.resolveSibling("." + zspark.getFileName() + ".done");
		try (Stream<Path> marks = Files.list(done)) {
			for (final Path m : (Iterable<Path>) marks.filter(p -> p.getFileName().toString().startsWith("part-1-"))::iterator)
				Files.delete(m);
		}
		final Map<String, byte[]> staged = list(parts);
		final String chunk = staged.keySet().stream().filter(k -> k.matches("0/(c/)?0([./]0)+")).findFirst().orElseThrow(() -> new AssertionError("no first chunk in " + staged.keySet()));
		Files.delete(parts.resolve(chunk));

		SparkUpscale.run(sc, zjob, 3, null);
		assertTrue(Files.isDirectory(zspark));
		assertFalse(Files.exists(parts));
		assertSameFiles(zsingle, zspark);
		// A rerun of a complete job writes nothing and changes nothing.
		SparkUpscale.run(sc, zjob, 3, null);
		assertSameFiles(zsingle, zspark);
	}

	@Test
	void aStackIntoOneFileIsRefusedInOneLine() throws IOException {
		final Path tif = dir.resolve("refused.tif");
		ImageFiles.save(new ImagePlus("r", new ShortProcessor(8, 8)), tif, false);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkUpscale.check(job(tif,
			dir.resolve("refused-x2.tif"))));
		assertTrue(e.getMessage().contains("OME-Zarr"), e.getMessage());
	}

	private static UpscaleJob job(final Path in, final Path out) {
		final UpscaleJob job = new UpscaleJob();
		job.in = in.toString();
		job.out = out.toString();
		job.model = "bicubic";
		return job;
	}

	private static void deepsr(final String... args) {
		final StringWriter out = new StringWriter(), err = new StringWriter();
		final int code = org.deepsr.cli.Main.execute(new PrintWriter(out), new PrintWriter(err), args);
		assertEquals(0, code, "deepsr " + String.join(" ", args) + ": " + out + err);
	}

	/** Every regular file under {@code root}, by relative path (with '/'), with its bytes. */
	private static Map<String, byte[]> list(final Path root) throws IOException {
		final Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> all = Files.walk(root)) {
			for (final Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator)
				files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
		}
		return files;
	}

	private static void assertSameFiles(final Path expected, final Path actual) throws IOException {
		final Map<String, byte[]> e = list(expected), a = list(actual);
		assertEquals(e.keySet(), a.keySet(), "the files of " + actual);
		for (final String k : e.keySet())
			assertArrayEquals(e.get(k), a.get(k), k + " differs");
	}
}
