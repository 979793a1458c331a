package org.deepsr.command;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a command's output image the current image of the macro that called
 * it, where imagej-legacy does not: in headless and batch-mode macros an
 * ImagePlus output of a SciJava command does not become the image that later
 * macro lines see (imagej-legacy issues 215 and 277), so
 * {@code run("Upscale", ...); saveAs(...);} would save the input instead.
 */
final class MacroImages {

	private MacroImages() {}

	/**
	 * In a headless or batch-mode session, registers {@code output} as a
	 * batch-mode image and makes it current for every thread whose current
	 * image was {@code input} (the calling macro's thread, which is not the
	 * thread a SciJava command runs on). In a GUI session imagej-legacy
	 * displays the output itself, so nothing is done.
	 */
	static void exposeToMacro(final ImagePlus input, final ImagePlus output) {
		if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode()) return;
		output.show();
		for (final Thread thread : threadsShowing(input))
			WindowManager.setTempCurrentImage(thread, output);
	}

	/** The threads whose temporary current image is the given image. */
	private static List<Thread> threadsShowing(final ImagePlus image) {
		final List<Thread> threads = new ArrayList<>();
		try {
			// ImageJ 1.x keeps per-thread current images in a private table and offers no getter for other threads.
			final Field field = WindowManager.class.getDeclaredField("tempImageTable");
			field.setAccessible(true);
			final Map<?, ?> table = (Map<?, ?>) field.get(null);
			synchronized (table) {
				for (final Map.Entry<?, ?> e : table.entrySet())
					if (e.getValue() == image && e.getKey() instanceof Thread) threads.add((Thread) e.getKey());
			}
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			// An ImageJ without that table: the output is still the last batch-mode image.
		}
		return threads;
	}
}
