package org.deepsr.backend;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * The devices a session really has, asked from TensorFlow's C API
 * ({@code TF_SessionListDevices}) rather than guessed from the options.
 */
final class SessionDevices {

	/** One device: type ("CPU", "GPU"), full name, memory in bytes. */
	static final class Info {
		final String type;
		final String name;
		final long memoryBytes;

		Info(final String type, final String name, final long memoryBytes) {
			this.type = type;
			this.name = name;
			this.memoryBytes = memoryBytes;
		}
	}

	private SessionDevices() {}

	/**
	 * Lists the devices of a session; empty when the native handle cannot be
	 * reached (the Java API keeps it private, so we read it reflectively).
	 */
	static List<Info> list(final Session session) {
		final TF_Session handle = nativeHandle(session);
		if (handle == null) return Collections.emptyList();
		final List<Info> devices = new ArrayList<>();
		try (TF_Status status = TF_Status.newStatus()) {
			final TF_DeviceList list = TF_SessionListDevices(handle, status);
			status.throwExceptionIfNotOK();
			try {
				final int count = TF_DeviceListCount(list);
				for (int i = 0; i < count; i++) {
					final String type = TF_DeviceListType(list, i, status).getString();
					final String name = TF_DeviceListName(list, i, status).getString();
					final long memory = TF_DeviceListMemoryBytes(list, i, status);
					status.throwExceptionIfNotOK();
					devices.add(new Info(type, name, memory));
				}
			} finally {
				TF_DeleteDeviceList(list);
			}
		}
		return devices;
	}

	/** The first GPU of the list, or null. */
	static Info firstGpu(final List<Info> devices) {
		for (final Info device : devices) {
			if (device.type.toUpperCase(Locale.ROOT).contains("GPU")) return device;
		}
		return null;
	}

	/** "GPU 0 (/device:GPU:0, 79.2 GiB)" or "CPU (8 threads)". */
	static String describe(final List<Info> devices, final SessionOptions options) {
		final Info gpu = firstGpu(devices);
		if (gpu == null) return "CPU (" + options.intraOpThreads() + " threads)";
		final String shortName = gpu.name.substring(gpu.name.lastIndexOf("/device:") + 1);
		final String index = shortName.substring(shortName.lastIndexOf(':') + 1);
		return String.format(Locale.ROOT, "GPU %s (/%s, %.1f GiB)", index, shortName,
			gpu.memoryBytes / (1024.0 * 1024 * 1024));
	}

	private static TF_Session nativeHandle(final Session session) {
		try {
			final Field field = Session.class.getDeclaredField("nativeHandle");
			field.setAccessible(true);
			return (TF_Session) field.get(session);
		} catch (ReflectiveOperationException | RuntimeException e) {
			return null;
		}
	}
}
