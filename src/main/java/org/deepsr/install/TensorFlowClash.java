package org.deepsr.install;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Detects the legacy TensorFlow 1.x Java library ({@code org.tensorflow:libtensorflow}
 * and {@code libtensorflow_jni}), which the CSBDeep and ImageJ-TensorFlow
 * update sites install into Fiji. Its classes ({@code org.tensorflow.Session},
 * {@code Tensor}, {@code Graph}, {@code TensorFlow}) have the same names as
 * TensorFlow Java 1.1.0's, so whichever jar the class loader meets first wins
 * and DeepSR fails with linkage errors. This class says which jar clashes and
 * what to do; it never changes anything.
 */
public final class TensorFlowClash {

	/** Classes both libraries define. */
	static final List<String> SHARED_CLASSES = List.of("org.tensorflow.Session", "org.tensorflow.Tensor",
		"org.tensorflow.TensorFlow", "org.tensorflow.Graph");

	/** File names of the legacy jars and native libraries. */
	static final Pattern LEGACY_FILE = Pattern.compile(
		"libtensorflow(_jni(_gpu)?)?(-[0-9][^/]*)?\\.jar|(lib)?tensorflow_jni\\.(so|dll|dylib)|libtensorflow_framework\\.so(\\.[0-9]+)*|libtensorflow\\.(so|dll|dylib)(\\.[0-9]+)*");

	private static volatile Optional<String> once;

	private TensorFlowClash() {}

	/**
	 * Call before the first TensorFlow class is touched: checks this class's
	 * loader and, when the launcher says where Fiji is (system property
	 * {@code imagej.dir} or {@code ij.dir}), its folders; the result is
	 * remembered for the JVM.
	 *
	 * @throws IllegalStateException with {@link #check}'s message when a legacy TensorFlow is present
	 */
	public static void requireNone() {
		Optional<String> found = once;
		if (found == null) {
			final String fiji = System.getProperty("imagej.dir", System.getProperty("ij.dir"));
			found = check(TensorFlowClash.class.getClassLoader(), fiji == null ? null : Paths.get(fiji));
			once = found;
		}
		found.ifPresent(message -> {
			throw new IllegalStateException(message);
		});
	}

	/**
	 * @param loader the class loader DeepSR runs in (Fiji's)
	 * @param fijiFolder Fiji's installation folder to scan ({@code jars/},
	 *          {@code lib/}), or null to scan only the class path
	 * @return a message for the user if a legacy TensorFlow is present, empty otherwise
	 */
	public static Optional<String> check(final ClassLoader loader, final Path fijiFolder) {
		final Set<String> culprits = new LinkedHashSet<>();
		final List<String> shadowed = new ArrayList<>();
		for (final String name : SHARED_CLASSES) {
			final Class<?> c = load(loader, name);
			if (c == null) continue;
			final String where = location(c);
			if (isLegacy(c, where)) {
				culprits.add(where);
				shadowed.add(name.substring(name.lastIndexOf('.') + 1));
			}
		}
		culprits.addAll(scanClassPath(System.getProperty("java.class.path", "")));
		if (fijiFolder != null) culprits.addAll(scanFiji(fijiFolder));
		if (culprits.isEmpty()) return Optional.empty();
		return Optional.of(message(culprits, shadowed, fijiFolder));
	}

	/**
	 * Legacy if the class comes from a legacy jar, or if it is the 1.x
	 * {@code Tensor} (a final class; in TensorFlow Java 1.1.0 it is an interface).
	 */
	private static boolean isLegacy(final Class<?> c, final String where) {
		if (where != null && LEGACY_FILE.matcher(fileName(where)).matches()) return true;
		return c.getName().equals("org.tensorflow.Tensor") && !c.isInterface();
	}

	private static Class<?> load(final ClassLoader loader, final String name) {
		try {
			// do not initialise: the legacy TensorFlow class loads its native library
			return Class.forName(name, false, loader);
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return null;
		}
	}

	private static String location(final Class<?> c) {
		final CodeSource source = c.getProtectionDomain().getCodeSource();
		final URL url = source == null ? null : source.getLocation();
		if (url == null) return "(unknown location of " + c.getName() + ")";
		try {
			return Paths.get(url.toURI()).toString();
		}
		catch (final URISyntaxException | IllegalArgumentException e) {
			return url.toString();
		}
	}

	static List<String> scanClassPath(final String classPath) {
		final List<String> found = new ArrayList<>();
		for (final String entry : classPath.split(java.io.File.pathSeparator))
			if (!entry.isEmpty() && LEGACY_FILE.matcher(fileName(entry)).matches()) found.add(entry);
		return found;
	}

	static List<String> scanFiji(final Path fijiFolder) {
		final List<String> found = new ArrayList<>();
		for (final String sub : List.of("jars", "lib")) {
			final Path dir = fijiFolder.resolve(sub);
			if (!Files.isDirectory(dir)) continue;
			try (Stream<Path> walk = Files.walk(dir, 3)) {
				walk.filter(Files::isRegularFile).filter(p -> LEGACY_FILE.matcher(p.getFileName().toString()).matches())
					.sorted().forEach(p -> found.add(p.toString()));
			}
			catch (final IOException e) {
				found.add(dir + " (could not be scanned: " + e.getMessage() + ")");
			}
		}
		return found;
	}

	private static String fileName(final String path) {
		final String p = path.replace('\\', '/');
		return p.substring(p.lastIndexOf('/') + 1);
	}

	private static String message(final Set<String> culprits, final List<String> shadowed, final Path fijiFolder) {
		final String fiji = fijiFolder == null ? "Fiji.app" : fijiFolder.toString();
		return "DeepSR needs TensorFlow Java 1.1.0, but the legacy TensorFlow 1.x library is installed" + (shadowed
			.isEmpty() ? "" : " and provides " + String.join(", ", shadowed) + " in its place") + ":\n  " + culprits
				.stream().collect(Collectors.joining("\n  ")) + "\n" +
			"It comes from the CSBDeep or ImageJ-TensorFlow (\"TensorFlow\") update site; both libraries define " +
			"org.tensorflow.Session, Tensor and Graph, so they cannot work in the same Fiji.\n" +
			"To fix it, either:\n" +
			"  1. Help > Update... > Manage update sites: untick CSBDeep and TensorFlow, Apply and Close, " +
			"Apply changes, then restart Fiji; or\n" +
			"  2. quit Fiji, delete " + fiji + "/jars/libtensorflow-*.jar, " + fiji + "/jars/*/libtensorflow_jni*.jar and " +
			fiji + "/lib/*/*tensorflow_jni* (the files listed above), then restart Fiji.\n" +
			"Plugins built on those sites (CSBDeep and tools using it) stop working meanwhile; a separate Fiji " +
			"installation for them avoids the conflict.";
	}
}
