package org.deepsr.model;

import java.io.IOException;
import java.nio.file.Path;

import org.deepsr.backend.Device;
import org.deepsr.backend.Network;
import org.deepsr.backend.NetworkCache;
import org.deepsr.backend.SessionOptions;
import org.deepsr.progress.Progress;

/** Loads model bundles into runnable models, through the JVM-wide network cache. */
public final class Models {

	private Models() {}

	/** {@link #load(Path, SessionOptions, Progress)} with one thread per processor. */
	public static LoadedModel load(final Path bundleZipOrFolder, final Device device, final Progress progress)
		throws IOException
	{
		return load(bundleZipOrFolder, SessionOptions.of(device), progress);
	}

	/**
	 * Opens and verifies a bundle (descriptor, weights sha256), loads its
	 * network, or shares the one already loaded for the same content and
	 * options, and runs the self-test when the network is freshly loaded.
	 *
	 * @throws IOException for missing, corrupt or changed files and a failed self-test
	 * @throws IllegalArgumentException for an invalid descriptor
	 * @throws IllegalStateException when a GPU is required but none is found
	 */
	public static LoadedModel load(final Path bundleZipOrFolder, final SessionOptions options,
		final Progress progress) throws IOException
	{
		progress.status("Loading model " + bundleZipOrFolder.getFileName());
		return load(ModelBundle.open(bundleZipOrFolder), options, progress);
	}

	/** {@link #load(Path, SessionOptions, Progress)} of an opened bundle. */
	static LoadedModel load(final ModelBundle bundle, final SessionOptions options, final Progress progress)
		throws IOException
	{
		// A trusted load is never shared with one after the trust was withdrawn.
		final String key = bundle.contentKey() + (bundle.trusted() ? "+trusted" : "") + "/" + options.key();
		final NetworkCache.Lease lease = NetworkCache.shared().acquire(key, () -> loadAndTest(bundle, options));
		final LoadedModel model = new LoadedModel(bundle.descriptor(), lease);
		progress.log("Model " + bundle.descriptor().name + " (x" + model.scale() + ") runs on " + model.device() +
			(lease.fresh() ? "" : ", shared with an earlier load"));
		return model;
	}

	private static Network loadAndTest(final ModelBundle bundle, final SessionOptions options) throws IOException {
		final Network network = bundle.loadNetwork(options);
		try {
			SelfTest.run(bundle, network);
			return network;
		} catch (final IOException | RuntimeException e) {
			network.close();
			throw e;
		}
	}
}
