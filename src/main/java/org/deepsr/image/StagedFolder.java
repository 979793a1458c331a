package org.deepsr.image;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.deepsr.progress.Failures;

/**
 * A folder (an OME-Zarr) written in full before it takes its target's name,
 * as {@link StagedFile} does for files. Two kinds:
 * <ul>
 * <li>{@link #create}: one writer; a hidden folder of a new name beside the
 * target; {@link #commit()} renames it onto the target, {@link #close()}
 * without a commit removes it.</li>
 * <li>{@link #shared}: the n parts of a cluster array write one folder,
 * {@code .NAME.parts} beside the target: the first part to come lays it out
 * (in a folder of its own, renamed into place, so a part never sees half of
 * it; the others check they were started with the same settings, its
 * {@code key}); each part marks itself done ({@code .NAME.done/part-i-of-n}),
 * and the part that finds all n marks renames the folder onto the target. A
 * part that fails leaves the folder for a rerun, which resumes it.</li>
 * </ul>
 * An existing target is replaced only when overwriting was asked for: it is
 * moved aside, the new folder renamed in, the old one removed.
 */
public final class StagedFolder implements Closeable {

	/** What lays out a new staged folder (its metadata). */
	@FunctionalInterface
	public interface Layout {

		void write(Path folder) throws IOException;
	}

	private static final String KEY = ".deepsr-settings";

	private final Path target, folder;
	private final boolean overwrite, shared;
	private boolean committed;

	private StagedFolder(final Path target, final Path folder, final boolean overwrite, final boolean shared) {
		this.target = target;
		this.folder = folder;
		this.overwrite = overwrite;
		this.shared = shared;
	}

	/** Checks, before any work, that {@code target} may be written (not an existing file or folder unless overwriting). */
	public static void requireWritable(final Path target, final boolean overwrite) throws IOException {
		if (Files.isRegularFile(target)) throw new IOException("cannot write " + target +
			": it is a file; name an output folder (.zarr)");
		if (!overwrite && Files.exists(target)) throw new FileAlreadyExistsException(target.toString(), null,
			"exists already: choose another name or allow overwriting (--overwrite)");
		StagedFile.requireFolder(target.toAbsolutePath().getParent(), "cannot write " + target);
	}

	/** A folder for one writer, laid out by {@code layout}. */
	public static StagedFolder create(final Path target, final boolean overwrite, final Layout layout)
		throws IOException
	{
		requireWritable(target, overwrite);
		final Path dir = parent(target);
		final Path tmp = Files.createTempDirectory(dir, "." + target.getFileName() + ".");
		final StagedFolder f = new StagedFolder(target, tmp, overwrite, false);
		try {
			layout.write(tmp);
		}
		catch (final IOException | RuntimeException e) {
			f.close();
			throw e;
		}
		return f;
	}

	/**
	 * The folder the parts of one run share, laid out by the first part.
	 *
	 * @param key the run's settings; a folder laid out with other settings is refused
	 */
	public static StagedFolder shared(final Path target, final boolean overwrite, final String key,
		final Layout layout) throws IOException
	{
		final Path dir = parent(target);
		StagedFile.requireFolder(dir, "cannot write " + target);
		final Path staged = dir.resolve("." + target.getFileName() + ".parts");
		if (!Files.isDirectory(staged)) {
			final Path tmp = Files.createTempDirectory(dir, "." + target.getFileName() + ".");
			try {
				layout.write(tmp);
				Files.write(tmp.resolve(KEY), key.getBytes(StandardCharsets.UTF_8));
				Files.move(tmp, staged); // a rename: the folder appears whole or not at all
			}
			catch (final IOException e) {
				if (!Files.isDirectory(staged)) throw e; // another part laid it out meanwhile: use that one
			}
			finally {
				delete(tmp);
			}
		}
		final String found;
		try {
			found = new String(Files.readAllBytes(staged.resolve(KEY)), StandardCharsets.UTF_8);
		}
		catch (final NoSuchFileException e) {
			throw new IOException(staged + " is not a DeepSR run's folder: remove it");
		}
		if (!found.equals(key)) throw new IOException("the unfinished parts in " + staged +
			" were started with other settings (" + found + "): rerun with those, or remove the folder to start anew");
		return new StagedFolder(target, staged, overwrite, true);
	}

	/** Where the writer writes. */
	public Path path() {
		return folder;
	}

	/** Whether part {@code i} of {@code n} is marked done. */
	public boolean done(final int i, final int n) {
		return Files.exists(marks().resolve(mark(i, n)));
	}

	/**
	 * Marks part {@code i} of {@code n} done; commits the folder when every part is.
	 *
	 * @return whether the folder is complete now (this part or another committed it)
	 */
	public boolean finishPart(final int i, final int n) throws IOException {
		final Path marks = marks();
		Files.createDirectories(marks);
		final Path m = marks.resolve(mark(i, n));
		if (!Files.exists(m)) {
			final Path tmp = Files.createTempFile(marks, ".", ".part");
			Files.move(tmp, m);
		}
		for (int k = 1; k <= n; k++)
			if (!Files.exists(marks.resolve(mark(k, n)))) return false;
		try {
			commit();
		}
		catch (final NoSuchFileException e) {
			if (Files.exists(folder)) throw e; // else: another part committed it
		}
		delete(marks);
		return true;
	}

	/** Renames the folder onto the target (the old target moved aside and removed when overwriting). */
	public void commit() throws IOException {
		if (shared) Files.deleteIfExists(folder.resolve(KEY));
		Path old = null;
		if (Files.exists(target)) {
			if (!overwrite) throw new FileAlreadyExistsException(target.toString(), null,
				"appeared meanwhile: the result is kept in " + folder);
			old = Files.createTempDirectory(parent(target), "." + target.getFileName() + ".old.");
			Files.delete(old);
			Files.move(target, old);
		}
		try {
			Files.move(folder, target);
		}
		catch (final IOException e) {
			if (old != null) Files.move(old, target);
			throw new IOException("cannot write " + target + ": " + Failures.describe(e), e);
		}
		committed = true;
		if (old != null) delete(old);
	}

	private Path marks() {
		return parent(target).resolve("." + target.getFileName() + ".done");
	}

	private static String mark(final int i, final int n) {
		return "part-" + i + "-of-" + n;
	}

	private static Path parent(final Path target) {
		return target.toAbsolutePath().getParent();
	}

	/** One writer's folder, not committed, is removed; a shared one is kept for the other parts and a rerun. */
	@Override
	public void close() throws IOException {
		if (committed || shared) return;
		delete(folder);
	}

	private static void delete(final Path p) throws IOException {
		if (!Files.exists(p)) return;
		try (Stream<Path> all = Files.walk(p)) {
			for (final Path q : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator)
				Files.deleteIfExists(q);
		}
	}
}
