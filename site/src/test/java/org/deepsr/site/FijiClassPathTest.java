package org.deepsr.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * TensorFlow Java runs with Fiji's copies of the libraries it shares with
 * Fiji: a child JVM whose class path is built from the local Maven repository
 * with protobuf-java and javacpp at the versions pom-scijava manages (what a
 * Fiji installation holds in {@code jars/}), TensorFlow's own jars beside
 * them, multiplies two matrices; the product is checked against the one
 * computed here, and the child reports which protobuf and javacpp jar it
 * loaded.
 */
class FijiClassPathTest {

	private static final String TF = "1.1.0";

	@Test
	void tensorFlowRunsOnFijisProtobufAndJavacpp() throws Exception {
		final String os = System.getProperty("os.name").toLowerCase(), arch = System.getProperty("os.arch");
		assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
			"the native jar in the local repository is linux-x86_64's");
		final Map<String, String> fiji = FijiVersions.managed(FijiVersionsTest.pomScijava());
		final Path repo = FijiVersionsTest.repository();
		final Path protobuf = jar(repo, "com.google.protobuf", "protobuf-java", fiji.get(
			"com.google.protobuf:protobuf-java"), null);
		final Path javacpp = jar(repo, "org.bytedeco", "javacpp", fiji.get("org.bytedeco:javacpp"), null);
		final List<Path> classPath = new ArrayList<>(List.of(Paths.get("target", "test-classes").toAbsolutePath(),
			jar(repo, "org.tensorflow", "tensorflow-core-api", TF, null), jar(repo, "org.tensorflow",
				"tensorflow-core-native", TF, null), jar(repo, "org.tensorflow", "tensorflow-core-native", TF,
					"linux-x86_64"), jar(repo, "org.tensorflow", "ndarray", "1.0.0", null), protobuf, javacpp));
		for (final Path p : classPath)
			assumeTrue(Files.exists(p), "not in the local repository (mvn dependency:get it once): " + p);

		final List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toArray(String[]::new)),
			TinyGraphMain.class.getName());
		final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(120, TimeUnit.SECONDS));
		assertEquals(0, process.exitValue(), output);

		// [1 2; 3 4] [5 -6; 7 0.5]
		final float[] a = { 1, 2, 3, 4 }, b = { 5, -6, 7, 0.5f };
		final StringBuilder expected = new StringBuilder("product");
		for (int i = 0; i < 2; i++)
			for (int j = 0; j < 2; j++)
				expected.append(' ').append(a[2 * i] * b[j] + a[2 * i + 1] * b[2 + j]);
		assertTrue(output.contains(expected + "\n"), output);
		assertTrue(output.contains("protobuf " + protobuf.toUri().getPath()), output);
		assertTrue(output.contains("javacpp " + javacpp.toUri().getPath()), output);
	}

	private static Path jar(final Path repo, final String g, final String a, final String v, final String classifier)
		throws IOException
	{
		assertTrue(v != null, g + ":" + a + " is not managed by pom-scijava");
		return repo.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(a + "-" + v + (classifier == null ? ""
			: "-" + classifier) + ".jar");
	}
}
