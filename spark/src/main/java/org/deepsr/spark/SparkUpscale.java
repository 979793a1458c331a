package org.deepsr.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.deepsr.io.OmeZarr;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.FolderUpscaler;
import org.deepsr.upscale.Upscaler;

/**
 * The Spark job: n parts of {@code deepsr upscale --part i/n}, run as n tasks.
 * A folder's files are dealt out as {@link FolderUpscaler} deals them (part i:
 * files i-1, i-1+n, ...; each output renamed into place, so an output that
 * exists is complete and a rerun skips it); a volume (OME-Zarr, TIFF or NIfTI
 * stack) goes into an OME-Zarr output whose z chunk slabs the parts share
 * ({@code io.OmeZarrSink}: chunks renamed onto their keys, a part done marked,
 * the last part renames the staged folder into place; a rerun skips complete
 * chunks). Each task borrows its upscaler from {@link Upscalers}.
 */
public final class SparkUpscale {

	private SparkUpscale() {}

	/**
	 * Checks the job on the driver before any task starts (one line on a bad path or a stack output
	 * other than OME-Zarr).
	 *
	 * @return the number of input files (a folder), or 0 (a volume)
	 */
	public static int check(final UpscaleJob job) throws IOException {
		final Path in = Path.of(job.in), out = Path.of(job.out);
		if (job.folder()) return FolderUpscaler.check(in, out, job.pattern).size();
		if (!OmeZarr.isZarr(out)) throw new IllegalArgumentException("deepsr-spark writes a volume only into an " +
			"OME-Zarr output (OUT.zarr), which its tasks share; for one " + (out.getFileName()) +
			" run deepsr upscale on one machine (or convert the .zarr afterwards)");
		Upscaler.requireFiles(in, out, job.overwrite, true);
		return 0;
	}

	/**
	 * Runs the job's {@code parts} parts on the context's executors, only those in
	 * {@code only} when that is not null (the others as if their tasks had died).
	 */
	public static List<PartResult> run(final JavaSparkContext sc, final UpscaleJob job, final int parts,
		final List<Integer> only) {
		final List<Integer> ids = new ArrayList<>();
		for (int i = 1; i <= parts; i++)
			if (only == null || only.contains(i)) ids.add(i);
		if (ids.isEmpty()) return List.of();
		final List<PartResult> results = sc.parallelize(ids, ids.size()).map(i -> part(job, i, parts)).collect();
		if (only == null && !job.folder()) removeTemporaries(Path.of(job.out));
		return results;
	}

	/**
	 * A task killed while writing a chunk leaves that chunk's hidden temporary
	 * ({@code .KEY.<random>.part}, never the chunk's name) in the shared
	 * folder, which the last part renames into place with the rest: once every
	 * task has ended, no writer is left, so the complete output loses them.
	 */
	static void removeTemporaries(final Path out) {
		if (!Files.isDirectory(out)) return;
		try (java.util.stream.Stream<Path> all = Files.walk(out)) {
			for (final Path p : (Iterable<Path>) all.filter(f -> Files.isRegularFile(f) && f.getFileName().toString()
				.startsWith(".") && f.getFileName().toString().endsWith(".part"))::iterator)
				Files.deleteIfExists(p);
		}
		catch (final IOException | java.io.UncheckedIOException e) {
			// left as they are: hidden, never taken for a chunk
		}
	}

	/** One task: part {@code i} of {@code n}, with this executor's upscaler. */
	public static PartResult part(final UpscaleJob job, final int i, final int n) throws IOException {
		final long start = System.nanoTime();
		final PartResult r = new PartResult();
		r.part = i;
		r.parts = n;
		try {
			r.host = InetAddress.getLocalHost().getHostName();
		}
		catch (final IOException e) {
			r.host = "?";
		}
		final Progress progress = new Progress() {

			@Override
			public void log(final String message) {
				r.messages.add(message);
			}

			@Override
			public void warn(final String message) {
				r.messages.add("warning: " + message);
			}
		};
		final Upscaler u = Upscalers.borrow(job, progress);
		try {
			if (job.folder()) {
				final FolderUpscaler.Summary s = FolderUpscaler.run(u, Path.of(job.in), Path.of(job.out), job.pattern,
					job.overwrite, i, n, progress);
				r.written = s.written.size();
				r.skipped = s.skipped.size();
				r.failed.addAll(s.failed);
			}
			else {
				final Path out = Path.of(job.out);
				final boolean before = Files.exists(out);
				u.upscaleFile(Path.of(job.in), out, job.zarr(i, n), progress);
				if (before && !job.overwrite) r.skipped = 1;
				else r.written = 1;
			}
		}
		finally {
			Upscalers.giveBack(job, u);
		}
		r.seconds = (System.nanoTime() - start) / 1e9;
		return r;
	}
}
