package org.deepsr.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where DeepSR's files go on its update sites, and which libraries it ships.
 * <p>
 * Shipped under {@code jars/}: the DeepSR jar, TensorFlow Java
 * ({@code tensorflow-core-api}, {@code tensorflow-core-native} Java classes,
 * {@code tensorflow-framework}), {@code ndarray}, {@code protobuf-java}
 * (TensorFlow Java 1.1.0 needs the protobuf 4.x runtime), {@code javacpp}
 * (loads the native library) and {@code picocli} (command line). Not shipped
 * because Fiji's own sites already hold them, in the versions pom-scijava
 * manages: {@link #PROVIDED_BY_FIJI}.
 * <p>
 * Native libraries go to the updater's platform folders, which the launcher
 * puts on the class path only on that platform: {@link #PLATFORM_BY_CLASSIFIER}.
 * The GPU site publishes the {@value #GPU_CLASSIFIER} jar under the CPU jar's
 * file name, so that for the updater it is the same file and, the GPU site
 * ranking above the main one, shadows it.
 */
public final class SiteLayout {

	/** Artifact ids Fiji ships already; never published by DeepSR. */
	public static final Set<String> PROVIDED_BY_FIJI = Set.of("ij", "scijava-common", "parsington", "imglib2",
		"gson");

	/** TensorFlow native classifier to updater platform folder. */
	public static final Map<String, String> PLATFORM_BY_CLASSIFIER = orderedMap("linux-x86_64", "linux64",
		"windows-x86_64", "win64", "macosx-arm64", "macos-arm64", "linux-arm64", "linux-arm64");

	/** Classifier of the CUDA build, published by the GPU site as linux64. */
	public static final String GPU_CLASSIFIER = "linux-x86_64-gpu";

	/** Platform names the updater knows (imagej-updater's {@code Platforms.known()}). */
	public static final Set<String> KNOWN_PLATFORMS = Set.of("linux-arm64", "linux32", "linux64", "macos-arm64",
		"macos64", "macosx", "win-arm64", "win32", "win64");

	private SiteLayout() {}

	/**
	 * @param sitePath a site path
	 * @return the platform of a file in {@code jars/<platform>/} or
	 *         {@code lib/<platform>/} (as the updater guesses it), or null
	 */
	public static String platformOf(final String sitePath) {
		final String[] parts = sitePath.split("/");
		if (parts.length < 3 || !(parts[0].equals("jars") || parts[0].equals("lib"))) return null;
		return KNOWN_PLATFORMS.contains(parts[1]) ? parts[1] : null;
	}

	/**
	 * The files of the main (CPU) site.
	 *
	 * @param projectJar the DeepSR jar
	 * @param jarsFolder platform-independent jars to ship; those of
	 *          {@link #PROVIDED_BY_FIJI} are left out
	 * @param nativesFolder one sub-folder per classifier of
	 *          {@link #PLATFORM_BY_CLASSIFIER} holding the native jar; missing
	 *          sub-folders are skipped (see {@link #requireAllPlatforms})
	 * @param modelsFolder bundled models, published under {@code models/deepsr/}; may be absent or empty
	 * @param macrosFolder macros, published under {@code macros/}; may be absent or empty
	 */
	public static List<SiteFile> cpuSite(final Path projectJar, final Path jarsFolder, final Path nativesFolder,
		final Path modelsFolder, final Path macrosFolder) throws IOException
	{
		return cpuSite(projectJar, jarsFolder, nativesFolder, modelsFolder, macrosFolder, Map.of(), Map.of());
	}

	/**
	 * {@link #cpuSite(Path, Path, Path, Path, Path)}, checked against Fiji's
	 * versions: a library whose version differs from Fiji's
	 * ({@link FijiVersions#managed}) fails unless {@code replacements} lists
	 * it; a listed one says in its description which Fiji file it replaces.
	 *
	 * @param fijiVersions {@link FijiVersions#managed} of pom-scijava
	 * @param replacements {@link FijiVersions#REPLACEMENTS}
	 * @throws IllegalArgumentException naming every unlisted mismatch
	 */
	public static List<SiteFile> cpuSite(final Path projectJar, final Path jarsFolder, final Path nativesFolder,
		final Path modelsFolder, final Path macrosFolder, final Map<String, String> fijiVersions,
		final Map<String, String> replacements) throws IOException
	{
		FijiVersions.check(jars(jarsFolder), fijiVersions, replacements);
		final List<SiteFile> libraries = new ArrayList<>();
		for (final Path jar : jars(jarsFolder)) {
			final String name = jar.getFileName().toString();
			if (PROVIDED_BY_FIJI.contains(artifactId(name))) continue;
			final String note = FijiVersions.replacementNote(jar, fijiVersions, replacements);
			libraries.add(new SiteFile("jars/" + name, jar, "Library used by DeepSR: " + name + (note == null ? ""
				: " (" + note + ")")));
		}
		final List<SiteFile> files = new ArrayList<>();
		files.add(new SiteFile("jars/" + projectJar.getFileName(), projectJar,
			"DeepSR: deep-learning image super-resolution (upscaling, quality metrics, training, models).", libraries
				.stream().map(SiteFile::sitePath).collect(Collectors.toList())));
		files.addAll(libraries);
		for (final Map.Entry<String, String> entry : PLATFORM_BY_CLASSIFIER.entrySet()) {
			for (final Path jar : jars(nativesFolder.resolve(entry.getKey())))
				files.add(new SiteFile("jars/" + entry.getValue() + "/" + jar.getFileName(), jar,
					"TensorFlow native library for " + entry.getValue() + " (CPU)"));
		}
		// ModelRegistry looks for bundled models in <fiji>/models/deepsr, apart from other plugins' models.
		files.addAll(tree(modelsFolder, "models/deepsr/", "DeepSR bundled model"));
		files.addAll(tree(macrosFolder, "macros/", "DeepSR macro"));
		return files;
	}

	/**
	 * The files of the "DeepSR GPU (Linux)" site: only the CUDA native jar,
	 * renamed to the CPU jar's name in {@code jars/linux64/}.
	 *
	 * @param nativesFolder holds {@code linux-x86_64-gpu/<the jar>}
	 * @throws IllegalArgumentException if there is not exactly one GPU jar
	 */
	public static List<SiteFile> gpuSite(final Path nativesFolder) throws IOException {
		final List<Path> jars = jars(nativesFolder.resolve(GPU_CLASSIFIER));
		if (jars.size() != 1) throw new IllegalArgumentException("Expected one " + GPU_CLASSIFIER + " jar in " +
			nativesFolder.resolve(GPU_CLASSIFIER) + ", found " + jars.size());
		final Path jar = jars.get(0);
		final String name = jar.getFileName().toString();
		if (!name.endsWith("-" + GPU_CLASSIFIER + ".jar")) throw new IllegalArgumentException(
			"GPU jar name should end in -" + GPU_CLASSIFIER + ".jar: " + name);
		final String cpuName = name.replace("-" + GPU_CLASSIFIER + ".jar", "-linux-x86_64.jar");
		return List.of(new SiteFile("jars/linux64/" + cpuName, jar,
			"TensorFlow native library for linux64 with CUDA 12.5 / cuDNN 9.3 (replaces the CPU one)"));
	}

	/**
	 * @throws IllegalArgumentException naming the platforms without a native jar
	 */
	public static void requireAllPlatforms(final List<SiteFile> files) {
		final Set<String> present = files.stream().map(SiteFile::platform).filter(p -> p != null).collect(Collectors
			.toSet());
		final List<String> missing = PLATFORM_BY_CLASSIFIER.values().stream().filter(p -> !present.contains(p))
			.collect(Collectors.toList());
		if (!missing.isEmpty()) throw new IllegalArgumentException("No TensorFlow native jar for " + missing +
			"; the update site would not run there (copy the classifier jars into natives/<classifier>/)");
	}

	/** @return the artifact id of a Maven file name: the name without version and extension */
	static String artifactId(final String jarName) {
		final String stripped = SiteRecord.identity(jarName);
		return stripped.endsWith(".jar") ? stripped.substring(0, stripped.length() - 4) : stripped;
	}

	private static List<Path> jars(final Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return List.of();
		try (Stream<Path> list = Files.list(folder)) {
			return list.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
				.collect(Collectors.toList());
		}
	}

	private static List<SiteFile> tree(final Path folder, final String prefix, final String description)
		throws IOException
	{
		if (folder == null || !Files.isDirectory(folder)) return List.of();
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
				.map(p -> new SiteFile(prefix + folder.relativize(p).toString().replace('\\', '/'), p, description + ": " +
					p.getFileName())).collect(Collectors.toList());
		}
	}

	private static Map<String, String> orderedMap(final String... keysAndValues) {
		final Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) map.put(keysAndValues[i], keysAndValues[i + 1]);
		return java.util.Collections.unmodifiableMap(map);
	}
}
