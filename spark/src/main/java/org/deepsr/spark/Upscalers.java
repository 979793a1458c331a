package org.deepsr.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkFiles;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.Upscaler;

/**
 * The upscalers of one executor JVM, opened lazily and kept for the JVM's
 * life, so a model loads once per executor, not once per task. An
 * {@link Upscaler} holds one image's statistics while it runs, so tasks that
 * run at the same time in one executor (its cores) each borrow their own:
 * an executor opens at most as many as it runs tasks at once, and every later
 * task reuses them.
 */
public final class Upscalers {

	private static final Map<String, Deque<Upscaler>> FREE = new HashMap<>();
	private static final List<Upscaler> ALL = new ArrayList<>();
	private static final Map<String, Integer> OPENED = new HashMap<>();

	private Upscalers() {}

	/** An upscaler for the job's method: a free one, else a new one. */
	public static Upscaler borrow(final UpscaleJob job, final Progress progress) throws IOException {
		final String key = job.upscalerKey();
		synchronized (FREE) {
			final Deque<Upscaler> free = FREE.get(key);
			if (free != null && !free.isEmpty()) return free.pop();
		}
		// A bundle at the driver's path where this executor sees it (a shared file system: the same name in every
		// part's settings, which an OME-Zarr's parts compare), else the copy shipped to this executor.
		final String model = job.shippedModel != null && !Files.isRegularFile(Path.of(job.model)) ? SparkFiles.get(
			job.shippedModel) : job.model;
		final Upscaler u = Upscaler.open(job.settings(model), ModelRegistry.fromEnvironment(), progress);
		synchronized (FREE) {
			ALL.add(u);
			OPENED.merge(key, 1, Integer::sum);
		}
		return u;
	}

	/** Returns an upscaler borrowed for {@code job}, for the next task. */
	public static void giveBack(final UpscaleJob job, final Upscaler u) {
		synchronized (FREE) {
			FREE.computeIfAbsent(job.upscalerKey(), k -> new ArrayDeque<>()).push(u);
		}
	}

	/** How many upscalers this JVM opened for the job's method. */
	public static int opened(final UpscaleJob job) {
		synchronized (FREE) {
			return OPENED.getOrDefault(job.upscalerKey(), 0);
		}
	}

	/** Closes every upscaler of this JVM (the driver's own, in local mode, when the job ends). */
	public static void closeAll() {
		synchronized (FREE) {
			for (final Upscaler u : ALL)
				u.close();
			ALL.clear();
			FREE.clear();
			OPENED.clear();
		}
	}
}
