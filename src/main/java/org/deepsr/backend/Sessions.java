package org.deepsr.backend;

import java.util.List;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;

/**
 * Which device a TensorFlow session opened with {@link SessionOptions} really
 * runs on: the one check for inference ({@link Network}) and training alike.
 */
public final class Sessions {

	private Sessions() {}

	/**
	 * The device a session actually uses, e.g. "CPU (8 threads)" or "GPU 0 (/device:GPU:0, 79.1 GiB)".
	 *
	 * @throws IllegalStateException when {@link Device#GPU} is asked for and the session has none
	 */
	public static String device(final Session session, final SessionOptions options) {
		final List<SessionDevices.Info> devices = SessionDevices.list(session);
		final boolean gpu = SessionDevices.firstGpu(devices) != null;
		if (options.device() == Device.GPU && !gpu) {
			throw new IllegalStateException("no GPU found" + (devices.isEmpty() ? " (TensorFlow listed no devices)"
				: "") + ". " + Network.GPU_HINT);
		}
		if (devices.isEmpty()) return "unknown device (TensorFlow listed none), " + options;
		return SessionDevices.describe(devices, options);
	}

	/** The device a session with these options would run on (an empty graph's session, opened and closed). */
	public static String probe(final SessionOptions options) {
		try (Graph graph = new Graph(); Session session = new Session(graph, options.toConfigProto())) {
			return device(session, options);
		}
	}

	/** The TensorFlow runtime's version, e.g. "2.18.0". */
	public static String tensorFlowVersion() {
		return TensorFlow.version();
	}
}
