package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An empty .pb used to crash the JVM with SIGSEGV in
 * TF_GraphImportGraphDefWithResults (exit 134, an hs_err_pid*.log left in the
 * working folder; in Fiji, the user's whole session gone): alone on import,
 * or inside a bundle whose checksum matches it. Each runs the command line in
 * a JVM of its own, in a working folder of its own, so that a crash is seen
 * as one: exit 1, one line, no crash log, nothing written.
 */
class EmptyGraphTest {

	/** SHA-256 of no bytes. */
	private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	@TempDir
	Path dir;

	@Test
	void anEmptyGraphAloneIsRefusedOnImport() throws Exception {
		final Path pb = Files.write(dir.resolve("empty.pb"), new byte[0]);
		final Object[] r = deepsr("models", "import", pb.toString(), "--name", "empty", "--scale", "2", "--channels",
			"grey", "--input", "input", "--output", "output");
		assertRefused(r, "holds no operations");
		assertFalse(Files.exists(dir.resolve("user").resolve("empty.zip")));
	}

	@Test
	void anEmptyGraphInABundleWhoseChecksumMatchesIsRefusedBeforeTensorFlowSeesIt() throws Exception {
		final Path bundle = dir.resolve("empty-graph.zip");
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(Paths.get("models", "espcn-x2.zip")));
			ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bundle)))
		{
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				out.putNextEntry(new ZipEntry(e.getName()));
				if (e.getName().equals("deepsr.json")) out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8)
					.replaceAll("\"sha256\"\\s*:\\s*\"[0-9a-f]{64}\"", "\"sha256\": \"" + EMPTY_SHA256 + "\"").getBytes(
						StandardCharsets.UTF_8));
				else if (!e.getName().equals("model.pb")) in.transferTo(out);
				out.closeEntry();
			}
		}
		final Path input = Paths.get("samples", "astronaut.png").toAbsolutePath(), output = dir.resolve("out.png");
		final Object[] r = deepsr("upscale", "--model", bundle.toString(), input.toString(), output.toString());
		assertRefused(r, "holds no operations");
		assertFalse(Files.exists(output));
	}

	private void assertRefused(final Object[] r, final String reason) throws IOException {
		final String log = (String) r[1];
		assertEquals(1, r[0], log);
		final List<String> lines = Arrays.stream(log.split("\\R")).filter(l -> l.startsWith("deepsr:")).collect(
			Collectors.toList());
		assertEquals(1, lines.size(), log);
		assertTrue(lines.get(0).contains(reason), log);
		assertFalse(log.contains("SIGSEGV") || log.contains("\tat "), log);
		try (Stream<Path> files = Files.list(dir)) {
			assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("hs_err")), "no JVM crash log");
		}
	}

	/** {@code deepsr ARGS} in its own JVM, working in {@link #dir}: exit code and output, stderr included. */
	private Object[] deepsr(final String... args) throws Exception {
		final List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin",
			"java").toString(), "-Djava.awt.headless=true", "-Ddeepsr.cache=" + dir.resolve("cache"),
			"-Ddeepsr.user.models=" + dir.resolve("user"), "-cp", System.getProperty("java.class.path"), Main.class
				.getName()));
		cmd.addAll(Arrays.asList(args));
		final Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
		final String log;
		try (InputStream in = p.getInputStream(); OutputStream none = p.getOutputStream()) {
			log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertTrue(p.waitFor(2, TimeUnit.MINUTES), "timed out");
		return new Object[] { p.exitValue(), log };
	}
}
