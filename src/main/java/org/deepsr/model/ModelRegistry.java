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

	/**
	 * @param bundledFolder models shipped with DeepSR, or null
	 * @param userFolder the user's models, where imports go
	 */
	public ModelRegistry(final Path bundledFolder, final Path userFolder) {
		this.bundledFolder = bundledFolder;
		this.userFolder = userFolder;
	}

	/**
	 * The folders from the environment: bundled = system property
	 * {@code deepsr.models}, else {@code models/} in the working directory,
	 * else Fiji's {@code <fiji>/models/deepsr} found from this jar's place
	 * ({@code <fiji>/jars/deepsr.jar}); user = {@code deepsr.user.models}, else
	 * {@code ~/.deepsr/models}.
	 */
	public static ModelRegistry fromEnvironment() {
		return new ModelRegistry(bundledFromEnvironment(), userFolderFromEnvironment());
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
			(entries.isEmpty() ? "the installed models (none found in " + userFolder + (bundledFolder != null
				? " or " + bundledFolder : "") + ")" : entries.stream().map(ModelEntry::name).collect(Collectors
					.joining(", "))));
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

	private static Path bundledFromEnvironment() {
		final String property = System.getProperty("deepsr.models");
		if (property != null) return Paths.get(property);
		final Path local = Paths.get("models");
		if (Files.isDirectory(local)) return local;
		try {
			final Path jar = Paths.get(ModelRegistry.class.getProtectionDomain().getCodeSource().getLocation()
				.toURI());
			final Path fiji = jar.getParent() == null ? null : jar.getParent().getParent();
			if (fiji != null && Files.isRegularFile(jar)) return fiji.resolve("models").resolve("deepsr");
		} catch (final URISyntaxException | RuntimeException e) {
			// No code source (unusual class loaders): no bundled models.
		}
		return null;
	}
}
