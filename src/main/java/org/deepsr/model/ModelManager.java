package org.deepsr.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.deepsr.backend.Device;
import org.deepsr.progress.Progress;

/**
 * Lists, inspects, imports, exports, removes, checks and trusts models: what
 * the Models command and {@code deepsr models} do. Imports go into the
 * registry's user folder as {@code <name>.zip} (models of more than half the
 * zip limit as a folder {@code <name>}) and are loaded once (which runs the
 * self-test) before they count as imported.
 */
public final class ModelManager {

	/** Export formats. */
	public enum Format {
		/** A DeepSR bundle zip. */
		BUNDLE,
		/** A bioimage.io model package zip (rdf.yaml 0.4). */
		BIOIMAGEIO;

		/** "bundle" or "bioimageio", any case. */
		public static Format parse(final String text) {
			try {
				return valueOf(text.trim().toUpperCase(Locale.ROOT));
			} catch (final IllegalArgumentException | NullPointerException e) {
				throw new IllegalArgumentException("format must be bundle or bioimageio, got '" + text + "'");
			}
		}
	}

	private final ModelRegistry registry;

	public ModelManager(final ModelRegistry registry) {
		this.registry = registry;
	}

	/** The manager of {@link ModelRegistry#fromEnvironment()}. */
	public static ModelManager fromEnvironment() {
		return new ModelManager(ModelRegistry.fromEnvironment());
	}

	public ModelRegistry registry() {
		return registry;
	}

	/** Every readable model, user models first (see {@link ModelRegistry#list}). */
	public List<ModelEntry> list(final Progress progress) {
		return registry.list(progress);
	}

	/** The validated descriptor of a model name or bundle path, read without loading TensorFlow. */
	public ModelDescriptor describe(final String nameOrPath) throws IOException {
		return ModelBundle.readDescriptor(registry.resolve(nameOrPath));
	}

	/**
	 * Imports a DeepSR bundle (zip or folder), an OpenCV dnn_superres .pb
	 * (recognised by name and content), another frozen graph (.pb) or a
	 * SavedModel folder (these two with metadata from {@code options}), then
	 * loads it on the CPU, which runs the self-test; a model that fails it is
	 * removed again.
	 *
	 * @return the imported model's entry
	 * @throws IOException for unreadable files, an existing model of that name
	 *           (unless overwrite) and a failed self-test
	 * @throws IllegalArgumentException for missing or invalid metadata
	 */
	public ModelEntry importModel(final Path source, final ImportOptions options, final Progress progress)
		throws IOException
	{
		if (!Files.exists(source)) throw new IOException("cannot import " + source + ": no such file or folder");
		final Kind kind = kind(source);
		final String fallback = baseName(source);
		final String name;
		final ModelDescriptor openCv = kind == Kind.OPENCV ? OpenCvModels.describe(source) : null;
		if (kind == Kind.BUNDLE) name = options.name != null ? options.name : ModelBundle.readDescriptor(source).name;
		else if (kind == Kind.BIOIMAGEIO) name = options.name != null ? options.name : Optional.ofNullable(
			BioImageIoImport.name(source)).orElse(fallback);
		else if (openCv != null) name = options.name != null ? options.name : openCv.name;
		else name = options.name != null ? options.name : fallback;
		// A zip unpacks to SafeZip.MAX_UNPACKED_BYTES at most: a larger model is kept as a bundle folder.
		final boolean large = SafeZip.size(source) > SafeZip.MAX_UNPACKED_BYTES / 2;
		final Path target = registry.userFolder().resolve(large ? name : name + ".zip");
		final Optional<ModelEntry> existing = userEntry(name);
		if ((existing.isPresent() || Files.exists(target)) && !options.overwrite) {
			throw new IOException("a user model named " + name + " exists already (" + existing.map(ModelEntry::path)
				.orElse(target) + "): choose another name or allow overwriting");
		}
		progress.status("Importing " + source.getFileName() + " as " + name);
		switch (kind) {
			case BUNDLE:
				importBundle(source, name, target, options.overwrite);
				break;
			case BIOIMAGEIO:
				BioImageIoImport.importPackage(source, name, target, options.overwrite, trust(), progress);
				break;
			case OPENCV:
				openCv.name = name;
				ModelImporter.importWeights(source, "frozen_graph", openCv, target, options.overwrite, trust(),
					progress);
				break;
			case SAVED_MODEL:
				ModelImporter.importWeights(source, "saved_model", options.descriptor(name), target, options.overwrite,
					trust(), progress);
				break;
			default:
				ModelImporter.importWeights(source, "frozen_graph", options.descriptor(name), target, options.overwrite,
					trust(), progress);
		}
		try {
			check(target.toString(), progress);
		} catch (final IOException | RuntimeException e) {
			SafeZip.deleteTree(target);
			throw e;
		}
		if (existing.isPresent() && !existing.get().path().equals(target)) SafeZip.deleteTree(existing.get().path());
		return userEntry(name).orElseThrow(() -> new IOException("imported " + target + " but cannot list it"));
	}

	/**
	 * Writes a model as a DeepSR bundle zip or a bioimage.io package zip.
	 *
	 * @param target must not exist unless {@code overwrite}
	 */
	public Path export(final String nameOrPath, final Path target, final Format format, final boolean overwrite,
		final Progress progress) throws IOException
	{
		final Path bundle = registry.resolve(nameOrPath);
		if (Files.exists(target) && !overwrite) throw new IOException(target + " already exists: choose another " +
			"file or allow overwriting");
		if (format == Format.BIOIMAGEIO) return BioImageIoExport.write(ModelBundle.open(bundle, trust()), target,
			overwrite, Instant.now(), progress);
		ModelBundle.open(bundle, trust()); // refuse to export a corrupt bundle
		final Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path temp = Files.createTempDirectory(parent, ".export-");
		try {
			final Path zip = temp.resolve("bundle.zip");
			if (Files.isDirectory(bundle)) SafeZip.zip(bundle, zip);
			else Files.copy(bundle, zip, StandardCopyOption.COPY_ATTRIBUTES);
			if (overwrite) SafeZip.deleteTree(target);
			SafeZip.move(zip, target);
		} finally {
			SafeZip.deleteTree(temp);
		}
		progress.log("Exported " + nameOrPath + " to " + target);
		return target;
	}

	/**
	 * Deletes a user model.
	 *
	 * @throws IllegalArgumentException for unknown and bundled models
	 */
	public void remove(final String name, final Progress progress) throws IOException {
		final Optional<ModelEntry> user = userEntry(name);
		if (user.isEmpty()) {
			final boolean bundled = list(Progress.NONE).stream().anyMatch(e -> e.name().equals(name));
			throw new IllegalArgumentException(bundled ? "model " + name + " is bundled with DeepSR and cannot be " +
				"removed (only models you imported or trained can)" : "there is no user model named " + name +
					" (see the list of models)");
		}
		SafeZip.deleteTree(user.get().path());
		progress.log("Removed model " + name + " (" + user.get().path() + ")");
	}

	/**
	 * Verifies the weights and runs the self-test on the CPU in a fresh session.
	 *
	 * @return the device it ran on
	 * @throws IOException naming what failed
	 */
	public String check(final String nameOrPath, final Progress progress) throws IOException {
		final Path bundle = registry.resolve(nameOrPath);
		final ModelBundle opened = ModelBundle.open(bundle, trust());
		try (org.deepsr.backend.Network network = opened.loadNetwork(org.deepsr.backend.SessionOptions.of(
			Device.CPU)))
		{
			SelfTest.run(opened, network);
			progress.log("Model " + opened.descriptor().name + " passed its self-test on " + network.device());
			return network.device();
		}
	}

	/**
	 * Trusts a model to run ops outside the op allow-list (file access, custom
	 * ops), or withdraws that trust: recorded in the user folder by the SHA-256
	 * of its weights, so it ends when the weights change. A model is named, or
	 * given as a bundle, a frozen graph (.pb) or a SavedModel folder, which
	 * may then be imported.
	 *
	 * @return the SHA-256 of the weights now trusted or no longer trusted
	 * @throws IllegalArgumentException for an unknown model, or when withdrawing trust never given
	 */
	public String trust(final String nameOrPath, final boolean trusted, final Progress progress)
		throws IOException
	{
		final Path model = registry.resolve(nameOrPath);
		final Kind kind = kind(model);
		final String sha256, label;
		if (kind == Kind.BUNDLE) {
			final ModelDescriptor d = ModelBundle.open(model, TrustedModels.NONE).descriptor();
			sha256 = d.weights.sha256;
			label = d.name;
		} else {
			sha256 = org.deepsr.backend.Sha256.of(model);
			label = baseName(model);
		}
		if (trusted) {
			trust().add(sha256, label);
			progress.warn("Model " + label + " is trusted now: it may run any TensorFlow op, including ones that " +
				"read or write files (weights sha256 " + sha256 + ", recorded in " + registry.userFolder().resolve(
					TrustedModels.FILE) + ")");
		} else if (trust().remove(sha256)) {
			progress.log("Model " + label + " is no longer trusted: the op allow-list applies to it again");
		} else {
			throw new IllegalArgumentException("model " + label + " was not trusted (weights sha256 " + sha256 + ")");
		}
		return sha256;
	}

	private TrustedModels trust() {
		return registry.trust();
	}

	private enum Kind {
		BUNDLE, BIOIMAGEIO, OPENCV, FROZEN_GRAPH, SAVED_MODEL
	}

	private static Kind kind(final Path source) throws IOException {
		// before the bundle: an exported package holds deepsr.json too, but not the weights it names
		if (BioImageIoImport.recognises(source)) return Kind.BIOIMAGEIO;
		if (Files.isDirectory(source)) {
			if (Files.isRegularFile(source.resolve(ModelBundle.DESCRIPTOR))) return Kind.BUNDLE;
			if (Files.isRegularFile(source.resolve("saved_model.pb"))) return Kind.SAVED_MODEL;
			throw new IllegalArgumentException(source + " is neither a DeepSR bundle folder (with " +
				ModelBundle.DESCRIPTOR + "), a bioimage.io package (with rdf.yaml) nor a TensorFlow SavedModel folder " +
				"(with saved_model.pb)");
		}
		final String file = source.getFileName().toString().toLowerCase(Locale.ROOT);
		if (file.endsWith(".zip")) return Kind.BUNDLE;
		if (file.endsWith(".pb")) return OpenCvModels.recognises(source) ? Kind.OPENCV : Kind.FROZEN_GRAPH;
		throw new IllegalArgumentException("cannot import " + source.getFileName() + ": expected a DeepSR bundle " +
			"(.zip or folder), a bioimage.io package (.zip or folder with rdf.yaml), a frozen graph (.pb) or a " +
			"SavedModel folder");
	}

	/** Copies a bundle into place as a zip, renamed when asked; never trusts it unverified. */
	private static void importBundle(final Path source, final String name, final Path target,
		final boolean overwrite) throws IOException
	{
		final ModelBundle bundle = ModelBundle.open(source, TrustedModels.NONE);
		final ModelDescriptor d = ModelDescriptors.copy(bundle.descriptor());
		d.name = name;
		ModelDescriptors.validate(d, name);
		ModelImporter.install(target, overwrite, folder -> {
			ModelImporter.copy(bundle.folder(), folder);
			Files.write(folder.resolve(ModelBundle.DESCRIPTOR), ModelDescriptors.toJson(d).getBytes(
				StandardCharsets.UTF_8));
		});
	}

	private Optional<ModelEntry> userEntry(final String name) {
		return list(Progress.NONE).stream().filter(e -> e.source() == ModelEntry.Source.USER && e.name().equals(
			name)).findFirst();
	}

	private static String baseName(final Path source) {
		final String file = source.getFileName().toString();
		final int dot = file.lastIndexOf('.');
		return (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "_");
	}
}
