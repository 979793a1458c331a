package org.deepsr.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fiji's versions read from pom-scijava's POM (the parent of this project, in
 * the local repository), checked against Maven's own resolution of this
 * project's class path, and the site rule on real and made-up jars.
 */
class FijiVersionsTest {

	/** The parent POM of this project: the pom-scijava Fiji's versions come from. */
	static Path pomScijava() {
		final Path repo = repository();
		final String version = System.getProperty("deepsr.pomScijava.version", "45.0.0");
		final Path pom = repo.resolve("org/scijava/pom-scijava/" + version + "/pom-scijava-" + version + ".pom");
		assertTrue(Files.isRegularFile(pom), "pom-scijava not in the local repository: " + pom);
		return pom;
	}

	static Path repository() {
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final Path jar = Paths.get(entry);
			// .../repository/org/scijava/scijava-common/<v>/scijava-common-<v>.jar
			if (jar.getFileName().toString().startsWith("scijava-common-") && jar.getNameCount() > 5) return jar
				.getParent().getParent().getParent().getParent().getParent();
		}
		return Paths.get(System.getProperty("user.home"), ".m2", "repository");
	}

	static List<Path> classPathJars() {
		final List<Path> jars = new ArrayList<>();
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
			if (entry.endsWith(".jar")) jars.add(Paths.get(entry));
		return jars;
	}

	@Test
	void managedVersionsAreThoseMavenResolvedForThisProject() throws IOException {
		final Map<String, String> managed = FijiVersions.managed(pomScijava());
		// This project inherits pom-scijava, so Maven resolved every managed jar on the class path to the
		// managed version: an independent resolution of the same POM.
		int compared = 0;
		for (final Path jar : classPathJars()) {
			final Path version = jar.getParent(), artifact = version.getParent();
			final String a = artifact.getFileName().toString();
			final String g = artifact.getParent().toString().substring(repository().toString().length() + 1).replace(
				File.separatorChar, '.');
			final String fiji = managed.get(g + ":" + a);
			if (fiji == null) continue;
			assertEquals(fiji, version.getFileName().toString(), g + ":" + a);
			compared++;
		}
		assertTrue(compared >= 5, "only " + compared + " managed jars on the class path");
		// the shared libraries TensorFlow Java brings: Fiji's versions (TensorFlow Java 1.1.0 itself asks for
		// protobuf-java 3.21.9 and javacpp 1.5.11, which pom-scijava overrides)
		assertNotNull(managed.get("com.google.protobuf:protobuf-java"));
		assertNotNull(managed.get("org.bytedeco:javacpp"));
		assertFalse(managed.containsKey("org.tensorflow:tensorflow-core-api"), "Fiji does not ship TensorFlow Java");
	}

	@Test
	void theJarsTheSitePublishesAreFijisVersions() throws IOException {
		// the class path holds what the site publishes from TensorFlow Java (tensorflow-framework's closure:
		// core-api, core-native, ndarray, protobuf-java, javacpp), resolved as the plugin resolves them
		final List<Path> jars = classPathJars();
		assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("protobuf-java-")));
		assertEquals(List.of(), FijiVersions.mismatches(jars, FijiVersions.managed(pomScijava()),
			FijiVersions.REPLACEMENTS));
	}

	@Test
	void anUnlistedMismatchFailsTheSiteAndAListedOneSaysWhatItReplaces(@TempDir final Path dir) throws IOException {
		final Map<String, String> fiji = Map.of("com.google.protobuf:protobuf-java", "4.32.0", "org.bytedeco:javacpp",
			"1.5.10");
		final Path jars = Files.createDirectories(dir.resolve("jars"));
		mavenJar(jars.resolve("protobuf-java-3.21.9.jar"), "com.google.protobuf", "protobuf-java", "3.21.9");
		mavenJar(jars.resolve("javacpp-1.5.10.jar"), "org.bytedeco", "javacpp", "1.5.10");
		mavenJar(jars.resolve("ndarray-1.0.0.jar"), "org.tensorflow", "ndarray", "1.0.0"); // not Fiji's: fine
		final Path project = mavenJar(dir.resolve("deepsr-0.1.0.jar"), "org.deepsr", "deepsr", "0.1.0");
		final Path natives = Files.createDirectories(dir.resolve("natives"));

		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SiteLayout.cpuSite(
			project, jars, natives, null, null, fiji, Map.of()));
		assertTrue(e.getMessage().contains(
			"protobuf-java-3.21.9.jar is com.google.protobuf:protobuf-java:3.21.9 but Fiji ships protobuf-java-4.32.0.jar"),
			e.getMessage());
		assertFalse(e.getMessage().contains("javacpp"), e.getMessage());
		assertFalse(e.getMessage().contains("ndarray"), e.getMessage());

		final List<SiteFile> files = SiteLayout.cpuSite(project, jars, natives, null, null, fiji, Map.of(
			"protobuf-java", "the generated code needs 3.21"));
		final SiteFile protobuf = files.stream().filter(f -> f.sitePath().equals("jars/protobuf-java-3.21.9.jar"))
			.findFirst().orElseThrow();
		assertTrue(protobuf.description().contains(
			"replaces Fiji's jars/protobuf-java-4.32.0.jar: the generated code needs 3.21"), protobuf.description());
		final SiteFile javacpp = files.stream().filter(f -> f.sitePath().equals("jars/javacpp-1.5.10.jar"))
			.findFirst().orElseThrow();
		assertFalse(javacpp.description().contains("replaces"), javacpp.description());
	}

	static Path mavenJar(final Path path, final String g, final String a, final String v) throws IOException {
		try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out)) {
			jar.putNextEntry(new ZipEntry("META-INF/maven/" + g + "/" + a + "/pom.properties"));
			jar.write(("groupId=" + g + "\nartifactId=" + a + "\nversion=" + v + "\n").getBytes(
				StandardCharsets.UTF_8));
			jar.closeEntry();
		}
		return path;
	}
}
