package org.deepsr.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.deepsr.backend.FileHashes;
import org.deepsr.backend.GraphReader;
import org.deepsr.backend.Layout;
import org.deepsr.backend.ModelGraph;
import org.deepsr.backend.Network;
import org.deepsr.backend.NetworkSpec;
import org.deepsr.backend.SessionOptions;

/**
 * A bundle opened on disk: its folder (zips are unpacked into a cache folder
 * keyed by the zip's SHA-256), the validated descriptor, and verified weights.
 */
public final class ModelBundle {

	/** The descriptor's file name at the bundle root. */
	public static final String DESCRIPTOR = "deepsr.json";
	/** Largest descriptor read (a real one is about 2 KiB). */
	static final int MAX_DESCRIPTOR_BYTES = 1 << 20;

	private static final FileHashes HASHES = new FileHashes();

	private final Path source;
	private final Path folder;
	private final byte[] descriptorBytes;
	private final ModelDescriptor descriptor;
	private final TrustedModels trust;

	private ModelBundle(final Path source, final Path folder, final byte[] descriptorBytes,
		final ModelDescriptor descriptor, final TrustedModels trust)
	{
		this.trust = trust;
		this.source = source;
		this.folder = folder;
		this.descriptorBytes = descriptorBytes;
		this.descriptor = descriptor;
	}

	/**
	 * Opens a bundle zip or folder, validates its descriptor and checks the
	 * weights' SHA-256; ops outside the allow-list run only if the user trusts
	 * the model ({@link TrustedModels#fromEnvironment()}).
	 *
	 * @throws IOException when files are missing, unreadable, corrupt or changed
	 * @throws IllegalArgumentException when the descriptor is invalid
	 */
	public static ModelBundle open(final Path bundle) throws IOException {
		return open(bundle, TrustedModels.fromEnvironment());
	}

	/**
	 * {@link #open(Path)} with the user's choice of trusted models. A zip is
	 * unpacked (descriptor-listed files only, {@link SafeZip#MAX_UNPACKED_BYTES}
	 * at most) into the cache, and the unpacked copy of a zip that is refused
	 * for any reason is deleted.
	 */
	static ModelBundle open(final Path bundle, final TrustedModels trust) throws IOException {
		if (!Files.exists(bundle)) throw new NoSuchFileException(bundle.toString(), null, "no model bundle there");
		if (Files.isDirectory(bundle)) return open(bundle, bundle, trust);
		final Path folder = unpacked(bundle);
		try {
			return open(bundle, folder, trust);
		} catch (final IOException | RuntimeException e) {
			SafeZip.deleteTree(folder);
			throw e;
		}
	}

	private static ModelBundle open(final Path bundle, final Path folder, final TrustedModels trust)
		throws IOException
	{
		final Path json = folder.resolve(DESCRIPTOR);
		if (!Files.isRegularFile(json)) throw noDescriptor(bundle);
		final byte[] bytes;
		try (InputStream in = Files.newInputStream(json)) {
			bytes = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
		}
		final ModelDescriptor descriptor = parse(bytes, bundle);
		final ModelBundle opened = new ModelBundle(bundle, folder, bytes, descriptor, trust);
		opened.verifyWeights();
		return opened;
	}

	/**
	 * Reads and validates the descriptor of a bundle zip or folder without
	 * unpacking anything.
	 *
	 * @throws IOException when there is no descriptor or it cannot be read
	 * @throws IllegalArgumentException when it is invalid
	 */
	static ModelDescriptor readDescriptor(final Path bundle) throws IOException {
		final byte[] json;
		if (Files.isDirectory(bundle)) {
			final Path file = bundle.resolve(DESCRIPTOR);
			if (!Files.isRegularFile(file)) throw noDescriptor(bundle);
			try (InputStream in = Files.newInputStream(file)) {
				json = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
			}
		} else {
			json = SafeZip.readEntry(bundle, DESCRIPTOR, MAX_DESCRIPTOR_BYTES);
			if (json == null) throw noDescriptor(bundle);
		}
		return parse(json, bundle);
	}

	/** Where zip bundles are unpacked: system property deepsr.cache, else ~/.deepsr/cache. */
	public static Path cacheRoot() {
		final String property = System.getProperty("deepsr.cache");
		return property != null ? Paths.get(property) : Paths.get(System.getProperty("user.home"), ".deepsr",
			"cache");
	}

	/** The bundle as given (zip or folder). */
	public Path source() {
		return source;
	}

	/** The folder holding the bundle's files. */
	public Path folder() {
		return folder;
	}

	public ModelDescriptor descriptor() {
		return descriptor;
	}

	/** The weights file (frozen graph) or folder (SavedModel). */
	public Path weights() {
		return folder.resolve(descriptor.weights.file);
	}

	/** A key that changes whenever the weights or the descriptor change. */
	public String contentKey() throws IOException {
		return HASHES.sha256(weights()) + "+" + org.deepsr.backend.Sha256.of(descriptorBytes);
	}

	/** Loads the network this bundle describes (no cache, no self-test). */
	public Network loadNetwork(final SessionOptions options) throws IOException {
		final NetworkSpec spec = new NetworkSpec(descriptor.input.tensor, descriptor.output.tensor,
			Layout.parse(descriptor.output.layout));
		return Network.load(graph(), spec, options);
	}

	/**
	 * The weights read as a graph: its ops, placeholders and constants (nothing
	 * runs), marked trusted when the user trusts these weights.
	 */
	public ModelGraph graph() throws IOException {
		return readGraph(descriptor.weights.format, weights(), trusted());
	}

	/** True when the user trusts these weights to run ops outside the allow-list. */
	boolean trusted() {
		return trust.trusts(descriptor.weights.sha256);
	}

	/** Reads weights of a format ("frozen_graph" or "saved_model") as a graph, trusted or not. */
	static ModelGraph readGraph(final String format, final Path weights, final boolean trusted) throws IOException {
		final ModelGraph graph = "saved_model".equals(format) ? GraphReader.savedModel(weights) : GraphReader
			.frozenGraph(weights);
		return trusted ? graph.trusted() : graph;
	}

	private void verifyWeights() throws IOException {
		final Path weights = weights();
		if (!Files.exists(weights)) {
			throw new IOException("model bundle " + source + ": weights file " + descriptor.weights.file +
				" is missing; re-import the model");
		}
		final String actual = HASHES.sha256(weights);
		if (!actual.equals(descriptor.weights.sha256)) {
			throw new IOException("model bundle " + source + ": weights sha256 mismatch (expected " +
				descriptor.weights.sha256 + ", found " + actual + "): the file was changed or corrupted; " +
				"re-import the model");
		}
	}

	/** Unpacks a zip's descriptor, weights and test pair into the cache, once per content. */
	private static Path unpacked(final Path zip) throws IOException {
		final Path target = cacheRoot().resolve("bundles").resolve(HASHES.sha256(zip));
		if (Files.isDirectory(target)) return target;
		final ModelDescriptor d = readDescriptor(zip);
		final String weights = d.weights.file;
		final Set<String> listed = new HashSet<>(Arrays.asList(DESCRIPTOR, weights, d.test.input, d.test.output));
		try {
			SafeZip.extract(zip, target, name -> listed.contains(name) || name.startsWith(weights + "/"), folder ->
				open(zip, folder, TrustedModels.NONE));
		} catch (final FileAlreadyExistsException e) {
			// Another thread or process unpacked the same content first: use theirs.
		}
		return target;
	}

	private static ModelDescriptor parse(final byte[] json, final Path bundle) throws IOException {
		if (json.length > MAX_DESCRIPTOR_BYTES) throw new IOException("model bundle " + bundle + ": " + DESCRIPTOR +
			" is larger than " + (MAX_DESCRIPTOR_BYTES >> 10) + " KiB: it is no DeepSR descriptor");
		return ModelDescriptors.parse(new String(json, StandardCharsets.UTF_8), bundle.getFileName().toString());
	}

	private static IOException noDescriptor(final Path bundle) {
		return new IOException("model bundle " + bundle + " has no " + DESCRIPTOR + " at its root: is it a " +
			"DeepSR model bundle?");
	}
}
