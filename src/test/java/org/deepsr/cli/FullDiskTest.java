package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, honestly: {@code deepsr upscale --overwrite} runs in a child
 * JVM under {@code ulimit -f} (the JVM ignores SIGXFSZ, so a write past the
 * limit fails with EFBIG, as one on a full disk fails with ENOSPC). Every
 * format must then exit 1 with one line naming the file and the reason, keep
 * the user's previous file byte for byte, and leave no temporary file. The
 * same command without the limit succeeds and writes more than the limit, so
 * the limit is what made it fail.
 */
class FullDiskTest {

	/** The limit in the shell's blocks (512 or 1024 bytes), well under every output below. */
	private static final int BLOCKS = 128;
	private static final long MOST_BYTES = BLOCKS * 1024L;

	@TempDir
	static Path dir;

	private static Path grey, rgb, greyTiff;

	@BeforeAll
	static void inputs() throws IOException {
		assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "needs /bin/sh for ulimit");
		final Random random = new Random(7);
		final ByteProcessor bp = new ByteProcessor(300, 300);
		final ColorProcessor cp = new ColorProcessor(300, 300);
		for (int i = 0; i < 300 * 300; i++) {
			bp.set(i, random.nextInt(256));
			cp.set(i, random.nextInt(1 << 24));
		}
		grey = dir.resolve("grey.png");
		rgb = dir.resolve("rgb.png");
		greyTiff = dir.resolve("grey.tif");
		save(new ImagePlus("grey", bp), grey);
		save(new ImagePlus("rgb", cp), rgb);
		save(new ImagePlus("grey", bp.duplicate()), greyTiff);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "grey.png, png", "rgb.png, jpg", "grey.png, bmp", "grey.png, gif", "grey.png, tif",
		"grey.tif, tif" })
	void aFullDiskKeepsThePreviousFileAndSaysWhy(final String input, final String format) throws Exception {
		final Path in = dir.resolve(input);
		final Path folder = Files.createDirectories(dir.resolve("full-" + input + "-" + format));
		final Path out = folder.resolve("out." + format);
		// The user's good file, to be kept when the new one cannot be written.
		save(new ImagePlus("previous", new ByteProcessor(8, 8)), out);
		final byte[] previous = Files.readAllBytes(out);

		final Child full = Child.run(true, "upscale", "--model", "bicubic", "--overwrite", in.toString(), out
			.toString());
		assertEquals(1, full.code, full.err);
		// ImageJ prints its own message first for some formats (to stderr: stdout is for results); DeepSR says one line.
		final List<String> lines = Arrays.stream(full.err.trim().split("\\R")).filter(l -> l.startsWith("deepsr"))
			.collect(Collectors.toList());
		assertEquals(Arrays.asList("deepsr: cannot write " + out + ": File too large; the existing file is unchanged"),
			lines, full.err);
		assertTrue(full.err.trim().endsWith(lines.get(0)), full.err);
		assertEquals("", full.out, "nothing reported as written");
		assertArrayEquals(previous, Files.readAllBytes(out), "the previous file is intact");
		assertEquals(Arrays.asList("out." + format), names(folder), "no temporary file is left");

		final Path control = Files.createDirectories(dir.resolve("room-" + input + "-" + format)).resolve("out." +
			format);
		final Child room = Child.run(false, "upscale", "--model", "bicubic", in.toString(), control.toString());
		assertEquals(0, room.code, room.err);
		assertTrue(Files.size(control) > MOST_BYTES, "the output (" + Files.size(control) +
			" bytes) exceeds the limit");
		assertEquals(600, IJ.openImage(control.toString()).getWidth());
	}

	/**
	 * A file system that is really full: a 64 KiB tmpfs, where root may mount
	 * one (CI runs as root; skipped elsewhere), each write failing with ENOSPC.
	 */
	@ParameterizedTest(name = "{0} -> {1} on a full tmpfs")
	@CsvSource({ "grey.png, png", "rgb.png, jpg", "grey.png, bmp", "grey.png, gif", "grey.png, tif",
		"grey.tif, tif" })
	void aFullFileSystemKeepsThePreviousFileAndSaysWhy(final String input, final String format) throws Exception {
		final Path mount = Files.createDirectories(dir.resolve("tmpfs-" + input + "-" + format));
		assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()) == 0,
			"mounting a tmpfs is not permitted here");
		try {
			final Path out = mount.resolve("out." + format);
			save(new ImagePlus("previous", new ByteProcessor(8, 8)), out);
			final byte[] previous = Files.readAllBytes(out);
			final CliTest.Run r = new CliTest.Run("upscale", "--model", "bicubic", "--overwrite", dir.resolve(input)
				.toString(), out.toString());
			assertEquals(1, r.code, r.err);
			assertEquals("deepsr: cannot write " + out + ": No space left on device; the existing file is unchanged", r.err
				.trim());
			assertArrayEquals(previous, Files.readAllBytes(out), "the previous file is intact");
			assertEquals(Arrays.asList("out." + format), names(mount), "no temporary file is left");
		}
		finally {
			// Lazily: ImageJ's BMP writer leaves its stream open on an error, until the garbage collector closes it.
			assertEquals(0, command("umount", "-l", mount.toString()), "unmounts " + mount);
		}
	}

	private static int command(final String... command) throws IOException, InterruptedException {
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect
			.DISCARD).start();
		return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
	}

	/** ImageJ's own writer for the file's format. */
	private static void save(final ImagePlus imp, final Path file) {
		final FileSaver saver = new FileSaver(imp);
		final String path = file.toString();
		final boolean ok = path.endsWith(".png") ? saver.saveAsPng(path) : path.endsWith(".jpg") ? saver
			.saveAsJpeg(path) : path.endsWith(".bmp") ? saver.saveAsBmp(path) : path.endsWith(".gif") ? saver
				.saveAsGif(path) : saver.saveAsTiff(path);
		assertTrue(ok && Files.isRegularFile(file), path);
	}

	private static List<String> names(final Path folder) throws IOException {
		try (Stream<Path> list = Files.list(folder)) {
			return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	/** {@code deepsr ARGS} in a child JVM, with or without the file-size limit. */
	static final class Child {

		final int code;
		final String out, err;

		private Child(final int code, final String out, final String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}

		static Child run(final boolean limited, final String... args) throws IOException, InterruptedException {
			final List<String> command = new ArrayList<>(Arrays.asList("/bin/sh", "-c", (limited ? "ulimit -f " +
				BLOCKS + " && " : "") + "exec \"$0\" \"$@\"", Paths.get(System.getProperty("java.home"), "bin", "java")
					.toString(), "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp",
				System.getProperty("java.class.path"), Main.class.getName()));
			command.addAll(Arrays.asList(args));
			final Path stdout = Files.createTempFile(dir, "stdout", ".txt"), stderr = Files.createTempFile(dir,
				"stderr", ".txt");
			final Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr
				.toFile()).start();
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IllegalStateException("deepsr " + String.join(" ", args) + " did not finish in 120 s");
			}
			final Child child = new Child(p.exitValue(), new String(Files.readAllBytes(stdout),
				StandardCharsets.UTF_8), new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8));
			Files.delete(stdout);
			Files.delete(stderr);
			return child;
		}
	}
}
