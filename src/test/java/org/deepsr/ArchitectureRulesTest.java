package org.deepsr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rules between packages that docs/architecture.md states, read from the
 * sources themselves: data flows one way (a package uses only the packages
 * below it), nothing below the commands and the command line talks to the
 * user directly, and the command line is the only program.
 */
class ArchitectureRulesTest {

	private static final Path MAIN = Paths.get("src/main/java/org/deepsr");

	/** Each package and the DeepSR packages it may use; command and cli may use everything but each other. */
	static final Map<String, Set<String>> ALLOWED = new TreeMap<>();

	static {
		allow("progress");
		allow("install");
		allow("nets");
		allow("normalise");
		allow("resample", "progress");
		allow("image", "progress", "normalise");
		allow("io", "image", "progress");
		allow("tile", "progress");
		allow("backend", "progress");
		allow("metrics", "image", "progress", "normalise");
		allow("model", "backend", "progress", "tile", "normalise", "image");
		allow("train", "backend", "image", "io", "model", "nets", "normalise", "progress", "resample", "tile");
		allow("upscale", "backend", "image", "io", "model", "normalise", "progress", "resample", "tile");
		allow("volume", "backend", "image", "io", "model", "nets", "normalise", "progress", "resample", "tile",
			"train", "upscale");
		allow("benchmark", "image", "io", "metrics", "normalise", "progress", "resample", "upscale");
		allow("zeroshot", "backend", "image", "io", "model", "nets", "normalise", "progress", "resample", "tile",
			"train", "upscale");
	}

	private static void allow(final String pkg, final String... uses) {
		ALLOWED.put(pkg, new HashSet<>(Arrays.asList(uses)));
	}

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.deepsr\\.([a-z]+)[.;]",
		Pattern.MULTILINE);

	/** Calls that reach the user directly: only command (and cli, for its console) may make them. */
	private static final Pattern USER_IO = Pattern.compile(
		"\\bIJ\\.(log|error|showMessage|showStatus|showProgress|getString|getNumber)\\(|\\bGenericDialog\\b|" +
			"\\bJOptionPane\\b|\\bSystem\\.(out|err)\\.print|\\bSystem\\.exit\\(");

	private static final Pattern MAIN_METHOD = Pattern.compile("static\\s+void\\s+main\\s*\\(");

	@Test
	void everyPackageUsesOnlyThePackagesBelowIt() {
		final List<String> broken = new ArrayList<>();
		for (final Path file : sources()) {
			final String pkg = packageOf(file);
			if (pkg.equals("command") || pkg.equals("cli")) {
				final String other = pkg.equals("command") ? "cli" : "command";
				if (imports(file).contains(other)) broken.add(file + " uses " + other);
				continue;
			}
			final Set<String> allowed = ALLOWED.get(pkg);
			if (allowed == null) {
				broken.add(file + ": package '" + pkg + "' has no rule; add it to docs/architecture.md and this test");
				continue;
			}
			for (final String used : imports(file))
				if (!used.equals(pkg) && !allowed.contains(used)) broken.add(file + " uses " + used);
		}
		assertEquals(List.of(), broken, "dependencies against the rules of docs/architecture.md");
	}

	@Test
	void onlyTheCommandsAndTheCommandLineTalkToTheUser() {
		final List<String> found = new ArrayList<>();
		for (final Path file : sources()) {
			final String pkg = packageOf(file);
			if (pkg.equals("command") || pkg.equals("cli")) continue;
			final Matcher m = USER_IO.matcher(code(file));
			while (m.find())
				found.add(file + ": " + m.group());
		}
		assertEquals(List.of(), found, "report through org.deepsr.progress.Progress instead");
	}

	@Test
	void theCommandLineIsTheOnlyProgram() {
		final List<String> mains = sources().stream().filter(f -> MAIN_METHOD.matcher(code(f)).find())
			.map(f -> MAIN.relativize(f).toString().replace('\\', '/')).collect(Collectors.toList());
		assertEquals(List.of("cli/Main.java"), mains, "research and build programs belong in bench/ or site/");
	}

	@Test
	void theRulesSeeEveryPackage() {
		final Set<String> packages = sources().stream().map(ArchitectureRulesTest::packageOf)
			.collect(Collectors.toSet());
		assertTrue(packages.size() >= 10, "found only " + packages + " under " + MAIN.toAbsolutePath());
		assertTrue(packages.contains("upscale") && packages.contains("cli"), packages.toString());
	}

	private static List<Path> sources() {
		try (Stream<Path> files = Files.walk(MAIN)) {
			return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** First folder below org/deepsr: a sub-package (metrics/mos) belongs to its parent's concern. */
	private static String packageOf(final Path file) {
		return MAIN.relativize(file).getName(0).toString();
	}

	private static Set<String> imports(final Path file) {
		final Set<String> out = new HashSet<>();
		final Matcher m = IMPORT.matcher(code(file));
		while (m.find())
			out.add(m.group(1));
		return out;
	}

	/** The source without comments, so that documentation may name what code may not call. */
	private static String code(final Path file) {
		try {
			final String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
			return text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
