package org.deepsr.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds DeepSR's update sites from real jars (the project's own classes,
 * ndarray and tensorflow-framework from the test class path) and small
 * generated native jars, reads them back, and checks them against checksums
 * recomputed here independently and against the updater's history rules.
 */
class SiteBuilderTest {

	private static final long T1 = 20261126153000L;
	private static final long T2 = 20261201090000L;
	private static final String MACRO = "run(\"DeepSR Upscale\", \"scale=2\");\n";

	@TempDir
	Path tmp;

	@Test
	void buildsTheCpuSiteWithEveryFileInItsPlace() throws Exception {
		final Path input = input("0.1.0", "classes");
		final SiteDatabase db = new SiteBuilder(line -> {}).build(cpuFiles(input, "0.1.0"), new SiteDatabase(),
			null, tmp.resolve("site"), T1);

		final SiteVerifier.Report report = SiteVerifier.verify(tmp.resolve("site"));
		assertTrue(report.isOk(), report.summary());
		final SiteDatabase read = report.database();
		assertEquals(names(db), names(read));
		assertEquals(List.of("jars/deepsr-0.1.0.jar", "jars/linux-arm64/tensorflow-core-native-1.1.0-linux-arm64.jar",
			"jars/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar",
			"jars/macos-arm64/tensorflow-core-native-1.1.0-macosx-arm64.jar", "jars/" + ndarrayJar().getFileName(), "jars/" +
				frameworkJar().getFileName(), "jars/win64/tensorflow-core-native-1.1.0-windows-x86_64.jar",
			"macros/upscale-image.ijm"), names(read));

		// Every stored file: present as <path>-<timestamp>, size and checksum
		// match a digest recomputed here with ZipInputStream + MessageDigest.
		for (final SiteRecord record : read.records()) {
			final Path stored = tmp.resolve("site").resolve(record.filename() + "-" + T1);
			assertEquals(Files.size(stored), record.current().filesize(), record.filename());
			assertEquals(independentChecksum(record.filename(), stored), record.current().checksum(), record.filename());
			assertEquals(T1, record.current().timestamp());
		}
		// Reference: printf 'macros/upscale-image.ijm%s' 'run("DeepSR Upscale", "scale=2");<newline>' | sha1sum
		assertEquals("3d693a451f6fc0c47038077c87efc9961d4fb130", read.get("macros/upscale-image.ijm").current()
			.checksum());

		// Platform tags follow the updater's platform folders.
		assertEquals(List.of("linux64"), read.get("jars/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar")
			.platforms());
		assertEquals(List.of("win64"), read.get("jars/win64/tensorflow-core-native-1.1.0-windows-x86_64.jar")
			.platforms());
		assertEquals(List.of("macos-arm64"), read.get("jars/macos-arm64/tensorflow-core-native-1.1.0-macosx-arm64.jar")
			.platforms());
		assertEquals(List.of(), read.get("jars/deepsr.jar").platforms());

		// Fiji's own libraries are not shipped; DeepSR depends on what is.
		assertNull(read.get("jars/gson.jar"));
		final List<String> deps = read.get("jars/deepsr.jar").dependencies().stream().map(Dependency::filename).sorted()
			.collect(Collectors.toList());
		assertEquals(List.of("jars/ndarray.jar", "jars/tensorflow-framework.jar"), deps);
		assertEquals(Map.of("all", 4L, "linux64", 1L, "win64", 1L, "macos-arm64", 1L, "linux-arm64", 1L), counts(
			report));
	}

	@Test
	void upgradeKeepsHistoryAndUnchangedTimestamps() throws Exception {
		final Path in1 = input("0.1.0", "classes");
		new SiteBuilder(line -> {}).build(cpuFiles(in1, "0.1.0"), new SiteDatabase(), null, tmp.resolve("site1"),
			T1);
		final SiteDatabase v1 = DbXml.read(tmp.resolve("site1").resolve(DbXml.FILE_NAME));

		// 0.2.0: new DeepSR jar content and name, linux-arm64 dropped, the rest identical.
		final Path in2 = input("0.2.0", "classes plus a change");
		final List<SiteFile> files2 = cpuFiles(in2, "0.2.0").stream().filter(f -> !"linux-arm64".equals(f.platform()))
			.collect(Collectors.toList());
		new SiteBuilder(line -> {}).build(files2, v1, tmp.resolve("site1"), tmp.resolve("site2"), T2);

		final SiteVerifier.Report report = SiteVerifier.verify(tmp.resolve("site2"));
		assertTrue(report.isOk(), report.summary());
		final SiteDatabase v2 = report.database();

		final SiteRecord deepsr = v2.get("jars/deepsr.jar");
		assertEquals("jars/deepsr-0.2.0.jar", deepsr.filename());
		assertEquals(T2, deepsr.current().timestamp());
		assertEquals(1, deepsr.previous().size());
		final Version old = deepsr.previous().get(0);
		assertEquals(v1.get("jars/deepsr.jar").current().checksum(), old.checksum());
		assertEquals(T1, old.timestamp());
		assertEquals(T2, old.timestampObsolete());
		assertEquals("jars/deepsr-0.1.0.jar", old.filename());

		for (final String unchanged : List.of("macros/upscale-image.ijm", "jars/ndarray.jar",
			"jars/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar"))
		{
			final SiteRecord r = v2.get(unchanged);
			assertEquals(T1, r.current().timestamp(), unchanged);
			assertTrue(r.previous().isEmpty(), unchanged);
			assertTrue(Files.isRegularFile(tmp.resolve("site2").resolve(r.filename() + "-" + T1)), unchanged);
		}
		assertEquals(T1, deepsr.dependencies().stream().filter(d -> d.filename().equals("jars/ndarray.jar"))
			.findFirst().get().timestamp());

		final SiteRecord arm = v2.get("jars/linux-arm64/tensorflow-core-native-1.1.0-linux-arm64.jar");
		assertTrue(arm.isObsolete());
		assertEquals(T1, arm.previous().get(0).timestamp());
		assertEquals(T2, arm.previous().get(0).timestampObsolete());

		// Only the new DeepSR jar got the new timestamp.
		try (Stream<Path> walk = Files.walk(tmp.resolve("site2"))) {
			assertEquals(List.of("jars/deepsr-0.2.0.jar-" + T2), walk.map(p -> tmp.resolve("site2").relativize(p)
				.toString()).filter(p -> p.endsWith("-" + T2)).collect(Collectors.toList()));
		}
	}

	@Test
	void gpuSiteShadowsTheCpuNativeJarUnderTheSameName() throws Exception {
		final Path input = input("0.1.0", "classes");
		final List<SiteFile> gpu = SiteLayout.gpuSite(input.resolve("natives"));
		new SiteBuilder(line -> {}).build(gpu, new SiteDatabase(), null, tmp.resolve("site-gpu"), T1);
		final SiteVerifier.Report report = SiteVerifier.verify(tmp.resolve("site-gpu"));
		assertTrue(report.isOk(), report.summary());
		assertEquals(List.of("jars/linux64/tensorflow-core-native-1.1.0-linux-x86_64.jar"), names(report.database()));
		final SiteRecord record = report.database().records().iterator().next();
		assertEquals(List.of("linux64"), record.platforms());
		// Same updater identity as the CPU site's file, but the GPU bytes.
		final Path stored = tmp.resolve("site-gpu").resolve(record.filename() + "-" + T1);
		assertEquals(independentChecksum(record.filename(), input.resolve(
			"natives/linux-x86_64-gpu/tensorflow-core-native-1.1.0-linux-x86_64-gpu.jar")), record.current().checksum());
		assertEquals(independentChecksum(record.filename(), stored), record.current().checksum());
	}

	@Test
	void emptyModelsFolderAndMissingPlatformsAreHandled() throws Exception {
		final Path input = input("0.1.0", "classes");
		final List<SiteFile> files = cpuFiles(input, "0.1.0");
		assertFalse(files.stream().anyMatch(f -> f.sitePath().startsWith("models/")));
		final List<SiteFile> noWindows = files.stream().filter(f -> !"win64".equals(f.platform())).collect(Collectors
			.toList());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SiteLayout
			.requireAllPlatforms(noWindows));
		assertTrue(e.getMessage().contains("win64"), e.getMessage());
		SiteLayout.requireAllPlatforms(files);
	}

	@Test
	void refusesAReleaseNotAfterThePreviousOne() throws Exception {
		final Path input = input("0.1.0", "classes");
		final List<SiteFile> files = cpuFiles(input, "0.1.0");
		new SiteBuilder(line -> {}).build(files, new SiteDatabase(), null, tmp.resolve("a"), T2);
		final SiteDatabase previous = DbXml.read(tmp.resolve("a").resolve(DbXml.FILE_NAME));
		assertThrows(IllegalArgumentException.class, () -> new SiteBuilder(line -> {}).build(files, previous, null,
			tmp.resolve("b"), T1));
	}

	@Test
	void publishesTheFijiLauncherAsBinDeepsr() throws Exception {
		final Path input = input("0.1.0", "classes");
		final Path launcher = Paths.get("launcher", "deepsr");
		final List<SiteFile> files = SiteLayout.cpuSite(input.resolve("deepsr-0.1.0.jar"), input.resolve("jars"),
			input.resolve("natives"), input.resolve("models"), input.resolve("macros"), launcher.getParent(), Map.of(), Map.of());
		new SiteBuilder(line -> {}).build(files, new SiteDatabase(), null, tmp.resolve("site"), T1);
		final SiteVerifier.Report report = SiteVerifier.verify(tmp.resolve("site"));
		assertTrue(report.isOk(), report.summary());
		assertTrue(names(report.database()).contains("bin/deepsr"), names(report.database()).toString());
		assertArrayEquals(Files.readAllBytes(launcher), Files.readAllBytes(tmp.resolve("site").resolve("bin/deepsr-" +
			T1)));
	}

	// -- inputs --

	/** A folder laid out as the Maven profile fills it, plus models/ (empty) and macros/. */
	private Path input(final String version, final String marker) throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in-" + version));
		jarClasses(Paths.get("target", "classes"), in.resolve("deepsr-" + version + ".jar"), marker);
		final Path jars = Files.createDirectories(in.resolve("jars"));
		Files.copy(ndarrayJar(), jars.resolve(ndarrayJar().getFileName()));
		Files.copy(frameworkJar(), jars.resolve(frameworkJar().getFileName()));
		Files.copy(jarOf(com.google.gson.Gson.class), jars.resolve("gson-2.10.1.jar"));
		for (final String classifier : List.of("linux-x86_64", "windows-x86_64", "macosx-arm64", "linux-arm64",
			"linux-x86_64-gpu"))
		{
			final Path dir = Files.createDirectories(in.resolve("natives").resolve(classifier));
			fakeNativeJar(dir.resolve("tensorflow-core-native-1.1.0-" + classifier + ".jar"), classifier);
		}
		Files.createDirectories(in.resolve("models"));
		final Path macros = Files.createDirectories(in.resolve("macros"));
		Files.write(macros.resolve("upscale-image.ijm"), MACRO.getBytes(StandardCharsets.UTF_8));
		return in;
	}

	private static List<SiteFile> cpuFiles(final Path in, final String version) throws IOException {
		return SiteLayout.cpuSite(in.resolve("deepsr-" + version + ".jar"), in.resolve("jars"), in.resolve("natives"),
			in.resolve("models"), in.resolve("macros"));
	}

	private static Path ndarrayJar() throws Exception {
		return jarOf(Class.forName("org.tensorflow.ndarray.NdArray"));
	}

	private static Path frameworkJar() throws Exception {
		return jarOf(Class.forName("org.tensorflow.framework.optimizers.Optimizer"));
	}

	private static Path jarOf(final Class<?> c) {
		try {
			return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (final Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** Packs the project's compiled classes (real DeepSR content) plus a marker entry. */
	private static void jarClasses(final Path classes, final Path jar, final String marker) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(
			classes))
		{
			for (final Path p : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
				out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
				Files.copy(p, out);
			}
			out.putNextEntry(new JarEntry("META-INF/deepsr-build.txt"));
			out.write(marker.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static void fakeNativeJar(final Path jar, final String classifier) throws IOException {
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("org/tensorflow/internal/c_api/" + classifier + "/libjnitensorflow.so"));
			out.write(("fake native library for " + classifier).getBytes(StandardCharsets.UTF_8));
		}
	}

	// -- independent reference --

	/**
	 * The updater's checksum recomputed from its rules with ZipInputStream
	 * (not JarFile, not UpdaterChecksum): entries in name order, name then
	 * content, manifest content dropped, .properties comment lines reduced to
	 * their newline (line-based, as in src/test/python/make_site_fixtures.py).
	 */
	private static String independentChecksum(final String sitePath, final Path file) throws Exception {
		final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
		if (!sitePath.endsWith(".jar")) {
			sha1.update(sitePath.getBytes(StandardCharsets.UTF_8));
			sha1.update(Files.readAllBytes(file));
		}
		else {
			final Map<String, byte[]> entries = new TreeMap<>();
			try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
				for (ZipEntry e; (e = zip.getNextEntry()) != null;) entries.put(e.getName(), zip.readAllBytes());
			}
			for (final Map.Entry<String, byte[]> e : entries.entrySet()) {
				sha1.update(e.getKey().getBytes(StandardCharsets.UTF_8));
				if (e.getKey().equals("META-INF/MANIFEST.MF")) continue;
				sha1.update(e.getKey().endsWith(".properties") ? dropCommentLines(e.getValue()) : e.getValue());
			}
		}
		final StringBuilder hex = new StringBuilder();
		for (final byte b : sha1.digest()) hex.append(String.format("%02x", b));
		return hex.toString();
	}

	private static byte[] dropCommentLines(final byte[] properties) {
		final String text = new String(properties, StandardCharsets.ISO_8859_1);
		final StringBuilder kept = new StringBuilder();
		for (final String line : text.split("(?<=\n)")) kept.append(line.startsWith("#") ? (line.endsWith("\n") ? "\n"
			: "") : line);
		return kept.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private static List<String> names(final SiteDatabase db) {
		final List<String> names = new ArrayList<>();
		for (final SiteRecord r : db.records()) names.add(r.filename());
		return names;
	}

	private static Map<String, Long> counts(final SiteVerifier.Report report) {
		final Map<String, Long> counts = new TreeMap<>();
		for (final String p : List.of("all", "linux64", "win64", "macos-arm64", "linux-arm64"))
			counts.put(p, report.fileCount(p));
		return counts;
	}

	/** exec-maven-plugin passes an empty property as null or drops it: both mean "no value". */
	@Test
	void commandLineTreatsMissingAndNullValuesAsEmpty() {
		final java.util.Map<String, String> options = SiteBuilder.options(new String[] { "--out", "site", "--previous",
			null, "--previous-gpu", "--timestamp", "20260101000000" });
		assertEquals("site", options.get("out"));
		assertEquals("", options.get("previous"));
		assertEquals("", options.get("previous-gpu"));
		assertEquals("20260101000000", options.get("timestamp"));
	}
}
