package org.deepsr.upscale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deepsr.image.VolumeInfo;

/**
 * The heap an upscaling needs against the heap that is free, and the one
 * line that says what would fit when it does not. Estimates, made before the
 * first plane, in bytes of the Java heap (TensorFlow's own memory for a tile
 * is native and bounded by {@link #tileBudget}).
 */
final class Memory {

	private static final double GIB = 1L << 30, MIB = 1L << 20;

	private Memory() {}

	/** Heap bytes that can still be allocated: the maximum heap less what is in use. */
	static long free() {
		final Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/**
	 * The native memory automatic tiles may take: {@code budget}, at most a
	 * quarter of what the system has available now (MemAvailable of
	 * /proc/meminfo; {@code budget} where that cannot be read), so that
	 * TensorFlow's activations (measured 744 bytes per padded tile pixel
	 * for FSRCNN x3, 401 for ESPCN x3, NativeTileMemoryBench; planned at 1024) leave room for the heap,
	 * Fiji and the rest of the machine.
	 */
	static long tileBudget(final long budget) {
		try {
			return tileBudget(budget, Files.readString(Paths.get("/proc/meminfo")));
		}
		catch (final IOException | RuntimeException e) {
			return budget; // not Linux, or /proc not mounted: the budget as it is
		}
	}

	/** {@link #tileBudget(long)} with the text of /proc/meminfo given. */
	static long tileBudget(final long budget, final String meminfo) {
		final Matcher m = Pattern.compile("(?m)^MemAvailable:\\s+(\\d+) kB$").matcher(meminfo);
		return m.find() ? Math.max(1, Math.min(budget, Long.parseLong(m.group(1)) * 1024 / 4)) : budget;
	}

	/** Bytes of one full-size float output plane of a {@code width x height} input upscaled by {@code scale}. */
	static long floatPlane(final long width, final long height, final int scale) {
		return 4L * scale * scale * width * height;
	}

	/** Bytes an in-memory output of {@code out} holds: every plane. */
	static long held(final VolumeInfo out) {
		final long bytes = out.rgb() ? 4 : Math.max(1, out.type().bits() / 8);
		return bytes * out.width() * out.height() * (out.rgb() ? 1 : out.channels()) * out.slices() * out.frames();
	}

	/**
	 * The one-line refusal before the work: what the upscaling needs, what is
	 * free, and the remedies that would help.
	 *
	 * @param streamed bytes the same upscaling would need written to a file plane by plane, or -1 when it already is
	 */
	static String tooLarge(final String title, final long need, final long free, final long streamed) {
		return "upscaling '" + title + "' needs about " + gib(need) + " of heap, " + gib(free) + " are free: " +
			(streamed >= 0 && streamed < free ? "write to a .tif or .nii file (streams plane by plane), or " : "") +
			larger(need);
	}

	/**
	 * The one-line refusal when a plane ran out of memory although it seemed to fit.
	 *
	 * @param need the estimate of one plane's work
	 * @param tile the tiles of the last try, 0 when untiled
	 */
	static String outOfMemory(final String title, final long need, final int tile) {
		return "upscaling '" + title + "' ran out of heap (" + gib(Runtime.getRuntime().maxMemory()) + " in all)" +
			(tile > 0 ? " even with tiles of " + tile + " pixels" : "") + ": " + larger(need);
	}

	/**
	 * The one-line refusal when TensorFlow ran out of its native memory in the network, also with smaller tiles.
	 *
	 * @param tile the tiles of the last try, 0 when they could not shrink
	 * @param reason TensorFlow's line
	 */
	static String outOfNativeMemory(final String title, final int tile, final String reason) {
		return "upscaling '" + title + "' ran out of native memory in TensorFlow" + (tile > 0 ? " even with tiles of " +
			tile + " pixels" : "") + " (" + reason + "): give smaller tiles (--tile), close other programs, or use " +
			"a machine with more memory";
	}

	/** A heap that holds what is used now and {@code need} more, with a margin, and more than the heap of now. */
	private static String larger(final long need) {
		final Runtime r = Runtime.getRuntime();
		final double used = r.totalMemory() - r.freeMemory();
		final long mib = Math.max((long) Math.ceil((used + need) * 1.5 / MIB / 64) * 64, r.maxMemory() / (1 << 20) +
			64);
		return "start Java with -Xmx" + (mib >= 8192 ? (mib + 1023) / 1024 + "g" : mib + "m") +
			" (in Fiji: Edit > Options > Memory & Threads)";
	}

	/** Bytes as GiB, or MiB below one GiB. */
	static String gib(final long bytes) {
		return bytes < GIB ? String.format(Locale.ROOT, "%.0f MiB", Math.ceil(bytes / MIB)) : String.format(
			Locale.ROOT, "%.2f GiB", bytes / GIB);
	}

}
