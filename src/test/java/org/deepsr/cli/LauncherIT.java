package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers on the packaged build (failsafe, after {@code package}):
 * {@code java -jar target/deepsr.jar}, {@code bin/deepsr} (told never to
 * build: {@code DEEPSR_NO_BUILD=1}) and the Fiji launcher
 * {@code site/launcher/deepsr} in a Fiji-like folder, each started from
 * another folder, with TensorFlow's native log absent from stderr.
 */
class LauncherIT {

	private static final Path REPO = Paths.get("").toAbsolutePath();
	private static final Path JAR = REPO.resolve("target").resolve("deepsr.jar");
	private static final Path ASTRONAUT = REPO.resolve("samples").resolve("astronaut.png");

	/** Any line TensorFlow's native code writes: its own format, Abseil's, and the words they use. */
	private static final Pattern TENSORFLOW_LINE = Pattern.compile(
		"(?m)^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IWEF] |[IWEF]\\d{4} |WARNING: All log messages).*|" +
			".*(tensorflow/|oneDNN|cpu_feature_guard|mlir_graph_optimization|absl::).*");

	@TempDir
	Path tmp;

	private static final class Run {

		final int code;
		final String out, err;

		Run(final int code, final String out, final String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}

		@Override
		public String toString() {
			return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
		}
	}

	private Run run(final Map<String, String> env, final String... cmd) throws Exception {
		final Path cwd = Files.createDirectories(tmp.resolve("elsewhere"));
		final ProcessBuilder b = new ProcessBuilder(cmd).directory(cwd.toFile());
		b.environment().remove(NativeLog.LEVEL);
		b.environment().remove(NativeLog.CHILD);
		b.environment().putAll(env);
		b.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
		final Process p = b.start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + Arrays.toString(cmd));
		return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve(
			"err.txt")));
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	private String userModels() throws IOException {
		return "-Ddeepsr.user.models=" + Files.createDirectories(tmp.resolve("no-user-models"));
	}

	/** The upscale of the README's example worked: a 3x astronaut, one summary line, no TensorFlow line. */
	private static void assertQuietUpscale(final Run r, final Path out) throws IOException {
		assertEquals(0, r.code, r.toString());
		final BufferedImage img = ImageIO.read(out.toFile());
		assertEquals(1536, img.getWidth(), r.toString());
		assertEquals(1536, img.getHeight(), r.toString());
		assertTrue(r.out.startsWith("wrote " + out) && r.out.trim().split("\n").length == 1, r.toString());
		assertTrue(!TENSORFLOW_LINE.matcher(r.err).find(), "TensorFlow's log on stderr:\n" + r);
		assertEquals(1, r.err.split("runs on CPU", -1).length - 1, "the device said once:\n" + r);
	}

	@Test
	void javaJarUpscalesFromAnotherFolderWithoutTensorFlowsLog() throws Exception {
		final Path out = tmp.resolve("a.png");
		assertQuietUpscale(run(Map.of(), java(), userModels(), "-jar", JAR.toString(), "upscale", "--model",
			"FSRCNN_x3-deepsr", "--device", "cpu", ASTRONAUT.toString(), out.toString()), out);
	}

	@Test
	void verboseShowsTensorFlowsLog() throws Exception {
		final Run r = run(Map.of(), java(), userModels(), "-jar", JAR.toString(), "--verbose", "upscale", "--model",
			"FSRCNN_x3-deepsr", "--device", "cpu", ASTRONAUT.toString(), tmp.resolve("v.png").toString());
		assertEquals(0, r.code, r.toString());
		assertTrue(TENSORFLOW_LINE.matcher(r.err).find(), "hidden by the filter, not absent anyway:\n" + r);
	}

	@Test
	void versionNamesDeepsrTensorFlowAndTheDevice() throws Exception {
		final Run r = run(Map.of(), java(), "-jar", JAR.toString(), "--version");
		assertEquals(0, r.code, r.toString());
		final String[] lines = r.out.trim().split("\n");
		assertTrue(lines[0].matches("DeepSR \\d+\\.\\d+\\.\\d+.*"), r.toString());
		assertTrue(lines[1].matches("TensorFlow 2\\.\\d+\\.\\d+.*"), r.toString());
		assertTrue(lines[2].startsWith("device: CPU (") || lines[2].startsWith("device: GPU"), r.toString());
	}

	@Test
	void binDeepsrUpscalesFromAnotherFolderAndPassesTheExitCode() throws Exception {
		final Path out = tmp.resolve("b.png");
		final Map<String, String> env = Map.of("DEEPSR_NO_BUILD", "1", "JAVA_OPTS", userModels());
		final String launcher = REPO.resolve("bin").resolve("deepsr").toString();
		assertQuietUpscale(run(env, "bash", launcher, "upscale", "--model", "FSRCNN_x3-deepsr", "--device", "cpu",
			ASTRONAUT.toString(), out.toString()), out);
		final Run unknown = run(env, "bash", launcher, "upscale", "--model", "no-such-model", ASTRONAUT.toString(),
			tmp.resolve("c.png").toString());
		assertEquals(1, unknown.code, unknown.toString());
		assertTrue(unknown.err.startsWith("deepsr: unknown model \"no-such-model\"") && unknown.err.contains(REPO
			.resolve("models").toString()), "says where it looked:\n" + unknown);
		final Run usage = run(env, "bash", launcher, "upscale", "--no-such-option");
		assertEquals(2, usage.code, usage.toString());
	}

	/**
	 * Damaged inputs (not an image, a PNG, JPEG or BMP cut short) are refused
	 * in one line: ImageJ's own error lines never reach the user, and a
	 * truncated JPEG, which ImageJ opens as if whole, is not upscaled.
	 */
	@Test
	void damagedInputsAreRefusedInOneLine() throws Exception {
		final BufferedImage img = ImageIO.read(ASTRONAUT.toFile());
		final List<Path> inputs = new ArrayList<>();
		final Path noise = tmp.resolve("noise.png");
		Files.write(noise, new java.util.Random(1).ints(3000, 0, 256).collect(java.io.ByteArrayOutputStream::new,
			(b, v) -> b.write(v), (a, b) -> a.write(b.toByteArray(), 0, b.size())).toByteArray());
		inputs.add(noise);
		for (final String format : new String[] { "png", "jpg", "bmp" }) {
			final Path whole = tmp.resolve("whole." + format), cut = tmp.resolve("cut." + format);
			final BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
			rgb.getGraphics().drawImage(img, 0, 0, null);
			assertTrue(ImageIO.write(rgb, format, whole.toFile()));
			final byte[] bytes = Files.readAllBytes(whole);
			Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
			inputs.add(cut);
		}
		for (final Path in : inputs) {
			final Path out = tmp.resolve("out-" + in.getFileName() + ".png");
			final Run r = run(Map.of(), java(), userModels(), "-jar", JAR.toString(), "upscale", "--model", "bicubic",
				"--scale", "2", in.toString(), out.toString());
			assertEquals(1, r.code, r.toString());
			assertEquals("", r.out, r.toString());
			assertTrue(r.err.startsWith("deepsr: cannot read " + in) && r.err.trim().split("\n").length == 1, r
				.toString());
			assertTrue(!Files.exists(out), r.toString());
		}
	}

	@Test
	void macroRunsAnImageJMacroHeadless() throws Exception {
		final Path out = tmp.resolve("m.tif");
		final Run r = run(Map.of(), java(), "-jar", JAR.toString(), "macro", REPO.resolve("macros").resolve(
			"upscale-image.ijm").toString(), "input=" + ASTRONAUT + " output=" + out + " model=bicubic scale=2");
		assertEquals(0, r.code, r.toString());
		assertTrue(Files.size(out) > 3 * 1024 * 1024, r.toString()); // 1024 x 1024 RGB TIFF
		final Run missing = run(Map.of(), java(), "-jar", JAR.toString(), "macro", tmp.resolve("none.ijm").toString());
		assertEquals(1, missing.code, missing.toString());
		assertTrue(missing.err.startsWith("deepsr: cannot read the macro"), missing.toString());
	}

	/** Fiji's layout, from the build: jars/ (DeepSR and its libraries), jars/linux64/ (natives), models/deepsr. */
	@Test
	void fijiLauncherRunsOnAFijisJarsFromAnotherFolder() throws Exception {
		assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals(
			"amd64"), "the build holds the linux-x86_64 natives only");
		final Path fiji = tmp.resolve("Fiji.app");
		final Path jars = Files.createDirectories(fiji.resolve("jars"));
		final Path natives = Files.createDirectories(jars.resolve("linux64"));
		final List<Path> libs;
		try (Stream<Path> s = Files.list(REPO.resolve("target").resolve("lib"))) {
			libs = s.collect(Collectors.toList());
		}
		for (final Path lib : libs)
			Files.createSymbolicLink((lib.getFileName().toString().endsWith("-linux-x86_64.jar") ? natives : jars)
				.resolve(lib.getFileName()), lib);
		try (Stream<Path> s = Files.list(REPO.resolve("target"))) {
			final Path plugin = s.filter(p -> p.getFileName().toString().matches("deepsr-[0-9].*[0-9T]\\.jar"))
				.findFirst().orElseThrow();
			Files.createSymbolicLink(jars.resolve(plugin.getFileName()), plugin);
		}
		Files.createDirectories(fiji.resolve("models").resolve("deepsr"));
		Files.copy(REPO.resolve("models").resolve("fsrcnn-x3.zip"), fiji.resolve("models").resolve("deepsr")
			.resolve("fsrcnn-x3.zip"));
		Files.createDirectories(fiji.resolve("bin"));
		Files.copy(REPO.resolve("site").resolve("launcher").resolve("deepsr"), fiji.resolve("bin").resolve("deepsr"));
		final Path out = tmp.resolve("f.png");
		final List<String> cmd = new ArrayList<>(List.of("bash", fiji.resolve("bin").resolve("deepsr").toString(),
			"upscale", "--model", "FSRCNN_x3-deepsr", "--device", "cpu", ASTRONAUT.toString(), out.toString()));
		assertQuietUpscale(run(Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", userModels()), cmd
			.toArray(new String[0])), out);
		assertTrue(new File(out.toString()).isFile());
	}
}
