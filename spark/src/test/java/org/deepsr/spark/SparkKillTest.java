package org.deepsr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.deepsr.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;

/**
 * A real death: {@code deepsr-spark upscale} of a stack into OME-Zarr in a
 * child JVM, killed (SIGKILL) once its first chunks are on disk, then the same
 * command again: the output is byte for byte what {@code deepsr upscale}
 * writes on one machine.
 */
class SparkKillTest {

	@TempDir
	Path dir;

	@Test
	void aJobKilledHalfWayAndRerunEqualsTheSingleMachineCommand() throws Exception {
		final int w = 160, h = 144, d = 96;
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			final ByteProcessor p = new ByteProcessor(w, h);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					p.set(x, y, (int) (128 + 60 * Math.sin(x * 0.21 + z * 0.05) * Math.cos(y * 0.17 - z * 0.03) + ((x * 7 + y *
						13 + z * 3) % 23)));
			stack.addSlice(p);
		}
		final Path tif = dir.resolve("vol.tif");
		ImageFiles.save(new ImagePlus("vol", stack), tif, false);
		final Path bundle = Path.of("..", "models", "espcn-x2.zip").toAbsolutePath().normalize();
		final Path single = dir.resolve("single.zarr"), out = dir.resolve("spark.zarr");
		final StringWriter o = new StringWriter(), e = new StringWriter();
		assertEquals(0, org.deepsr.cli.Main.execute(new PrintWriter(o), new PrintWriter(e), "upscale", "--model", bundle
			.toString(), "--device", "cpu", tif.toString(), single.toString()), o + "" + e);

		final String[] args = { "upscale", "--master", "local[1]", tif.toString(), out.toString(), "--model", bundle
			.toString(), "--device", "cpu", "--parts", "3" };
		final List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (final String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
			if (a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX:+Ignore")) command.add(a);
		command.add("-Xmx1g");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(SparkMain.class.getName());
		command.addAll(List.of(args));
		final Path log = dir.resolve("child.log");
		final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		final Process child = pb.start();
		final Path staged = out.resolveSibling("." + out.getFileName() + ".parts");
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
		int chunks = 0;
		try {
			while ((chunks = chunks(staged)) == 0) {
				if (!child.isAlive()) fail("the job ended before it was killed (exit " + child.exitValue() + "): " + Files
					.readString(log));
				if (System.nanoTime() > deadline) fail("no chunk written in 150 s: " + Files.readString(log));
				Thread.sleep(20);
			}
		}
		finally {
			child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
			child.waitFor(30, TimeUnit.SECONDS);
		}
		assertFalse(Files.exists(out), "killed with " + chunks + " chunk files written, the output must not be there");
		final int total = chunks(single.resolve("0")) ;
		assertTrue(chunks(staged) < total, chunks(staged) + " of " + total + " chunk files when killed");

		final StringWriter ro = new StringWriter(), re = new StringWriter();
		assertEquals(0, SparkMain.execute(new PrintWriter(ro, true), new PrintWriter(re, true), args), ro + "" + re);
		assertFalse(Files.exists(staged));
		final Map<String, byte[]> expected = list(single), actual = list(out);
		assertEquals(expected.keySet(), actual.keySet());
		for (final String k : expected.keySet())
			assertArrayEquals(expected.get(k), actual.get(k), k);
	}

	/** Chunk files (not metadata, not hidden temporaries) under {@code root}; 0 where it does not exist. */
	private static int chunks(final Path root) throws IOException {
		if (!Files.isDirectory(root)) return 0;
		try (Stream<Path> all = Files.walk(root)) {
			return (int) all.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).count();
		}
		catch (final java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
			return 0; // a file renamed while listed
		}
	}

	private static Map<String, byte[]> list(final Path root) throws IOException {
		final Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> all = Files.walk(root)) {
			for (final Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator)
				files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
		}
		return files;
	}
}
