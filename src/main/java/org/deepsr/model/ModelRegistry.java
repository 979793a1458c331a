package org.deepsr.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deepsr.progress.Progress;

/**
 * The models DeepSR can find: bundled ones and the user's. Bundles are zips
 * or folders directly inside either folder; unreadable ones are skipped with
 * a warning. A user model shadows a bundled one of the same name.
 */
public final class ModelRegistry {

	private final Path bundledFolder; // may be null
	private final Path userFolder;
	/** Where bundled models were looked for, in order, for the "unknown model" message. */
	private final List<Path> bundledSearched;

	/**
	 * @param bundledFolder models shipped with DeepSR, or null
	 * @param userFolder the user's models, where imports go
	 */
	public ModelRegistry(final Path bundledFolder, final Path userFolder) {
		this(bundledFolder, userFolder, bundledFolder == null ? List.of() : List.of(bundledFolder));
	}

	private ModelRegistry(final Path bundledFolder, final Path userFolder, final List<Path> bundledSearched) {
		this.bundledFolder = bundledFolder;
		this.userFolder = userFolder;
		this.bundledSearched = bundledSearched;
	}

	/**
	 * The folders from the environment: bundled = system property
	 * {@code deepsr.models}, else the first folder of {@link #bundledCandidates}
	 * that exists (found from this jar's place, so wherever DeepSR is started);
	 * user = {@code deepsr.user.models}, else {@code ~/.deepsr/models}.
	 */
	public static ModelRegistry fromEnvironment() {
		final String property = System.getProperty("deepsr.models");
		if (property != null) return new ModelRegistry(Paths.get(property), userFolderFromEnvironment());
		final List<Path> candidates = bundledCandidates(codeSource(), Paths.get("").toAbsolutePath());
		final Path bundled = candidates.stream().filter(Files::isDirectory).findFirst().orElse(null);
		return new ModelRegistry(bundled, userFolderFromEnvironment(), candidates);
	}

	/**
	 * Where bundled models may be, in order, for DeepSR's classes at
	 * {@code code} (a jar, or a classes folder; null when unknown) started in
	 * {@code workingFolder}: beside the jar ({@code <jar folder>/models}), in
	 * Fiji ({@code <fiji>/jars/deepsr.jar} -> {@code <fiji>/models/deepsr}), in
	 * the repository ({@code <repo>/target/deepsr.jar} or
	 * {@code <repo>/target/classes} -> {@code <repo>/models}), then
	 * {@code models/} in the working folder.
	 */
	static List<Path> bundledCandidates(final Path code, final Path workingFolder) {
		final List<Path> candidates = new ArrayList<>();
		if (code != null && code.getParent() != null) {
			final Path folder = code.getParent(); // the jar's folder, or target/ for target/classes
			if (!Files.isDirectory(code)) {
				candidates.add(folder.resolve("models"));
				if (folder.getParent() != null) {
					candidates.add(folder.getParent().resolve("models").resolve("deepsr"));
					candidates.add(folder.getParent().resolve("models"));
				}
			} else if (folder.getParent() != null) candidates.add(folder.getParent().resolve("models"));
		}
		final Path local = workingFolder.resolve("models");
		if (!candidates.contains(local)) candidates.add(local);
		return candidates;
	}

	/** This class's jar or classes folder, or null. */
	private static Path codeSource() {
		try {
			return Paths.get(ModelRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toAbsolutePath();
		} catch (final URISyntaxException | RuntimeException e) {
			return null; // no code source (unusual class loaders)
		}
	}

	/** The user's model folder: system property {@code deepsr.user.models}, else {@code ~/.deepsr/models}. */
	static Path userFolderFromEnvironment() {
		final String user = System.getProperty("deepsr.user.models");
		return user != null ? Paths.get(user) : Paths.get(System.getProperty("user.home"), ".deepsr", "models");
	}

	/** The models the user trusts beyond the op allow-list, recorded in the user folder. */
	public TrustedModels trust() {
		return new TrustedModels(userFolder);
	}

	/** The user's model folder, where imports go. */
	public Path userFolder() {
		return userFolder;
	}

	/** Every readable bundle, user models first, each sorted by name. */
	public List<ModelEntry> list(final Progress progress) {
		final List<ModelEntry> entries = new ArrayList<>(scan(userFolder, ModelEntry.Source.USER, progress));
		for (final ModelEntry bundled : scan(bundledFolder, ModelEntry.Source.BUNDLED, progress)) {
			if (entries.stream().noneMatch(e -> e.name().equals(bundled.name()))) entries.add(bundled);
		}
		return entries;
	}

	/**
	 * Finds a bundle by model name, or takes an existing path as is.
	 *
	 * @throws IllegalArgumentException listing the available names when unknown
	 */
	public Path resolve(final String nameOrPath) {
		final Path asPath = Paths.get(nameOrPath);
		if (Files.exists(asPath)) return asPath;
		final List<ModelEntry> entries = list(Progress.NONE);
		for (final ModelEntry entry : entries) {
			if (entry.name().equals(nameOrPath)) return entry.path();
		}
		throw new IllegalArgumentException("unknown model \"" + nameOrPath + "\": it is neither a file nor one of " +
			(entries.isEmpty() ? "the installed models (none found)" : entries.stream().map(ModelEntry::name)
				.collect(Collectors.joining(", "))) + "; looked in " + userFolder + " (user models) and " +
			lookedForBundled());
	}

	private String lookedForBundled() {
		if (bundledFolder != null) return bundledFolder + " (bundled models" + (bundledSearched.size() > 1
			? ", the first of " + bundledSearched.stream().map(Path::toString).collect(Collectors.joining(", ")) +
				" that exists" : "") + ")";
		return "no bundled models: none of " + bundledSearched.stream().map(Path::toString).collect(Collectors
			.joining(", ")) + " exists (-Ddeepsr.models=FOLDER names one)";
	}

	private static List<ModelEntry> scan(final Path folder, final ModelEntry.Source source,
		final Progress progress)
	{
		final List<ModelEntry> entries = new ArrayList<>();
		if (folder == null || !Files.isDirectory(folder)) return entries;
		final List<Path> candidates;
		try (Stream<Path> list = Files.list(folder)) {
			candidates = list.filter(p -> Files.isRegularFile(p.resolve(ModelBundle.DESCRIPTOR)) || p.getFileName()
				.toString().toLowerCase().endsWith(".zip")).sorted().collect(Collectors.toList());
		} catch (final IOException e) {
			progress.warn("Cannot list models in " + folder + ": " + e.getMessage());
			return entries;
		}
		for (final Path bundle : candidates) {
			try {
				entries.add(new ModelEntry(ModelBundle.readDescriptor(bundle), source, bundle));
			} catch (final IOException | RuntimeException e) {
				progress.warn("Skipping model " + bundle + ": " + e.getMessage());
			}
		}
		entries.sort(Comparator.comparing(ModelEntry::name));
		return entries;
	}
}
