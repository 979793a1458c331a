package org.deepsr.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

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

	private static final FileHashes HASHES = new FileHashes();

	private final Path source;
	private final Path folder;
	private final byte[] descriptorBytes;
	private final ModelDescriptor descriptor;

	private ModelBundle(final Path source, final Path folder, final byte[] descriptorBytes,
		final ModelDescriptor descriptor)
	{
		this.source = source;
		this.folder = folder;
		this.descriptorBytes = descriptorBytes;
		this.descriptor = descriptor;
	}

	/**
	 * Opens a bundle zip or folder, validates its descriptor and checks the
	 * weights' SHA-256.
	 *
	 * @throws IOException when files are missing, unreadable, corrupt or changed
	 * @throws IllegalArgumentException when the descriptor is invalid
	 */
	public static ModelBundle open(final Path bundle) throws IOException {
		if (!Files.exists(bundle)) throw new NoSuchFileException(bundle.toString(), null, "no model bundle there");
		final Path folder = Files.isDirectory(bundle) ? bundle : unpacked(bundle);
		final Path json = folder.resolve(DESCRIPTOR);
		if (!Files.isRegularFile(json)) {
			throw new IOException("model bundle " + bundle + " has no " + DESCRIPTOR + " at its root: is it a " +
				"DeepSR model bundle?");
		}
		final byte[] bytes = Files.readAllBytes(json);
		final ModelDescriptor descriptor = ModelDescriptors.parse(new String(bytes, StandardCharsets.UTF_8),
			bundle.getFileName().toString());
		final ModelBundle opened = new ModelBundle(bundle, folder, bytes, descriptor);
		opened.verifyWeights();
		return opened;
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

	/** The weights read as a graph: its ops, placeholders and constants (nothing runs). */
	public ModelGraph graph() throws IOException {
		return readGraph(descriptor.weights.format, weights());
	}

	/** Reads weights of a format ("frozen_graph" or "saved_model") as a graph. */
	static ModelGraph readGraph(final String format, final Path weights) throws IOException {
		return "saved_model".equals(format) ? GraphReader.savedModel(weights) : GraphReader.frozenGraph(weights);
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

	private static Path unpacked(final Path zip) throws IOException {
		final Path target = cacheRoot().resolve("bundles").resolve(HASHES.sha256(zip));
		if (!Files.isDirectory(target)) {
			try {
				SafeZip.extract(zip, target);
			} catch (final FileAlreadyExistsException e) {
				// Another thread or process unpacked the same content first: use theirs.
			}
		}
		return target;
	}
}
