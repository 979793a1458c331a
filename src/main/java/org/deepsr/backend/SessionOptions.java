package org.deepsr.backend;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Device and thread counts of a TensorFlow session.
 * <p>
 * Each session gets its own thread pools ({@code use_per_session_threads}):
 * otherwise the first session created in a JVM fixes TensorFlow's global pool
 * and later thread counts are silently ignored (unless the process was started
 * with {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1}, which Java cannot set for
 * itself).
 */
public final class SessionOptions {

	private final Device device;
	private final int intraOpThreads;
	private final int interOpThreads;

	/**
	 * @param device where to run
	 * @param intraOpThreads threads inside one op, &gt;= 1
	 * @param interOpThreads ops run concurrently, &gt;= 1
	 */
	public SessionOptions(final Device device, final int intraOpThreads, final int interOpThreads) {
		if (device == null) throw new IllegalArgumentException("device must not be null (use Device.AUTO)");
		if (intraOpThreads < 1 || interOpThreads < 1) {
			throw new IllegalArgumentException("thread counts must be >= 1, got intra-op " + intraOpThreads +
				", inter-op " + interOpThreads);
		}
		this.device = device;
		this.intraOpThreads = intraOpThreads;
		this.interOpThreads = interOpThreads;
	}

	/** The device with as many threads as there are processors. */
	public static SessionOptions of(final Device device) {
		final int cores = Runtime.getRuntime().availableProcessors();
		return new SessionOptions(device, cores, cores);
	}

	public Device device() {
		return device;
	}

	public int intraOpThreads() {
		return intraOpThreads;
	}

	public int interOpThreads() {
		return interOpThreads;
	}

	/** The session configuration these options stand for. */
	public ConfigProto toConfigProto() {
		final ConfigProto.Builder config = ConfigProto.newBuilder()
			.setIntraOpParallelismThreads(intraOpThreads)
			.setInterOpParallelismThreads(interOpThreads)
			.setUsePerSessionThreads(true)
			.setAllowSoftPlacement(true);
		if (device == Device.CPU) {
			config.putDeviceCount("GPU", 0);
		} else {
			// Grow GPU memory on demand so that other sessions (training, other models) fit too.
			config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
		}
		return config.build();
	}

	/** A key that tells sessions with different settings apart. */
	public String key() {
		return device + "/" + intraOpThreads + "/" + interOpThreads;
	}

	@Override
	public String toString() {
		return device + " (" + intraOpThreads + " intra-op, " + interOpThreads + " inter-op threads)";
	}
}
