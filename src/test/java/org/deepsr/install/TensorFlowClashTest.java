package org.deepsr.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fake legacy TensorFlow 1.x jars (classes compiled here with the shapes of
 * libtensorflow 1.15: Tensor a final class) against the real TensorFlow Java
 * 1.1.0 jar from the test class path (Tensor an interface).
 */
class TensorFlowClashTest {

	@TempDir
	Path tmp;

	@Test
	void legacyJarFirstOnTheClassPathIsNamedWithTheFix() throws Exception {
		final Path legacy = legacyJar("libtensorflow-1.15.0.jar");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { legacy.toUri().toURL(), realApiJar().toUri().toURL() },
			ClassLoader.getPlatformClassLoader()))
		{
			final Optional<String> message = TensorFlowClash.check(loader, null);
			assertTrue(message.isPresent());
			final String m = message.get();
			assertTrue(m.contains(legacy.toString()), m);
			assertTrue(m.contains("Session") && m.contains("Tensor"), m);
			assertTrue(m.contains("CSBDeep") && m.contains("Manage update sites") && m.contains("restart Fiji"), m);
		}
	}

	@Test
	void legacyTensorInARenamedJarIsRecognisedByItsShape() throws Exception {
		final Path legacy = legacyJar("tf.jar");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { legacy.toUri().toURL() }, ClassLoader
			.getPlatformClassLoader()))
		{
			final String m = TensorFlowClash.check(loader, null).orElseThrow();
			assertTrue(m.contains(legacy.toString()) && m.contains("Tensor"), m);
		}
	}

	@Test
	void tensorFlowJavaAloneIsFine() throws Exception {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { realApiJar().toUri().toURL() }, ClassLoader
			.getPlatformClassLoader()))
		{
			assertEquals(Optional.empty(), TensorFlowClash.check(loader, null));
		}
		assertEquals(Optional.empty(), TensorFlowClash.check(getClass().getClassLoader(), tmp));
	}

	@Test
	void fijiFolderScanFindsLegacyJarsAndNativesOnly() throws Exception {
		final Path fiji = tmp.resolve("Fiji.app");
		final List<Path> legacy = List.of(touch(fiji.resolve("jars/libtensorflow-1.15.0.jar")), touch(fiji.resolve(
			"jars/linux64/libtensorflow_jni-1.15.0.jar")), touch(fiji.resolve("lib/linux64/libtensorflow_jni.so")), touch(
				fiji.resolve("lib/linux64/libtensorflow_framework.so.1")));
		touch(fiji.resolve("jars/tensorflow-core-api-1.1.0.jar"));
		touch(fiji.resolve("jars/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar"));
		touch(fiji.resolve("jars/imagej-tensorflow-1.1.9.jar"));
		assertEquals(legacy.stream().map(Path::toString).sorted().collect(Collectors.toList()), TensorFlowClash
			.scanFiji(fiji).stream().sorted().collect(Collectors.toList()));
		final String m = TensorFlowClash.check(getClass().getClassLoader(), fiji).orElseThrow();
		assertTrue(m.contains(fiji + "/jars/libtensorflow-*.jar"), m);
	}

	@Test
	void classPathScanMatchesLegacyFileNames() {
		final String sep = java.io.File.pathSeparator;
		assertEquals(List.of("/f/jars/libtensorflow-1.12.0.jar", "/f/jars/libtensorflow_jni_gpu-1.12.0.jar"),
			TensorFlowClash.scanClassPath("/f/jars/ij.jar" + sep + "/f/jars/libtensorflow-1.12.0.jar" + sep +
				"/f/jars/tensorflow-core-api-1.1.0.jar" + sep + "/f/jars/libtensorflow_jni_gpu-1.12.0.jar"));
	}

	private static Path realApiJar() throws Exception {
		return Paths.get(Class.forName("org.tensorflow.Session").getProtectionDomain().getCodeSource().getLocation()
			.toURI());
	}

	private static Path touch(final Path p) throws IOException {
		Files.createDirectories(p.getParent());
		return Files.write(p, new byte[] { 1 });
	}

	/** Compiles stand-ins with libtensorflow 1.x's class shapes and jars them. */
	private Path legacyJar(final String name) throws IOException {
		final Path src = Files.createDirectories(tmp.resolve("src-" + name + "/org/tensorflow"));
		final Path out = Files.createDirectories(tmp.resolve("classes-" + name));
		final String[][] classes = { { "Tensor", "public final class Tensor<T> implements AutoCloseable { public void close() {} }" },
			{ "Session", "public final class Session implements AutoCloseable { public void close() {} }" },
			{ "Graph", "public final class Graph implements AutoCloseable { public void close() {} }" },
			{ "TensorFlow", "public final class TensorFlow { public static String version() { return \"1.15.0\"; } }" } };
		for (final String[] c : classes)
			Files.write(src.resolve(c[0] + ".java"), ("package org.tensorflow; " + c[1]).getBytes(StandardCharsets.UTF_8));
		final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		final List<String> args = Stream.concat(Stream.of("-d", out.toString()), Stream.of(classes).map(c -> src
			.resolve(c[0] + ".java").toString())).collect(Collectors.toList());
		assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])));
		final Path jar = tmp.resolve(name);
		try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(out)) {
			for (final Path p : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
				jos.putNextEntry(new JarEntry(out.relativize(p).toString().replace('\\', '/')));
				Files.copy(p, jos);
			}
		}
		return jar;
	}
}
