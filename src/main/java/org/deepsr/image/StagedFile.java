package org.deepsr.image;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.deepsr.progress.Failures;

/**
 * A file written in full before it takes its target's name, so a full disk,
 * a crash or an error never leaves a truncated file or replaces a good one.
 * The writer writes {@link #path()}: a new file of the target's name in a
 * hidden folder beside the target (same file system, so the final rename is
 * atomic; the writer creates the file, so its mode follows the umask like any
 * new file's). {@link #commit()} forces it to the disk and renames it over the
 * target; {@link #close()} without a commit removes it and the folder.
 */
public final class StagedFile implements Closeable {

	private final Path target, folder, file;
	private final boolean overwrite;
	private boolean committed;

	private StagedFile(final Path target, final Path folder, final boolean overwrite) {
		this.target = target;
		this.folder = folder;
		this.overwrite = overwrite;
		file = folder.resolve(target.getFileName());
	}

	/**
	 * Stages a write of {@code target}, creating its folder when missing.
	 *
	 * @param overwrite replace an existing target; when false an existing one is an error
	 */
	public static StagedFile create(final Path target, final boolean overwrite) throws IOException {
		requireWritable(target, overwrite);
		final Path dir = target.toAbsolutePath().getParent();
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new IOException("cannot write " + target + ": cannot make the folder " + dir + " (" + Failures
				.reason(e) + ")", e);
		}
		try {
			return new StagedFile(target, Files.createTempDirectory(dir, "." + target.getFileName() + "."), overwrite);
		}
		catch (final IOException e) {
			throw new IOException("cannot write " + target + ": cannot create a file in " + dir + " (" + Failures
				.reason(e) + ")", e);
		}
	}

	/** What fills a staged file. */
	@FunctionalInterface
	public interface Writer {

		/** Writes {@code file}, which does not exist yet. */
		void write(Path file) throws IOException;
	}

	/**
	 * Writes {@code target} through a staged file: {@code writer} writes it,
	 * then it is committed; any failure leaves the target as it was.
	 */
	public static void write(final Path target, final boolean overwrite, final Writer writer)
		throws IOException
	{
		try (StagedFile staged = create(target, overwrite)) {
			try {
				writer.write(staged.path());
				staged.commit();
			}
			catch (final IOException e) {
				throw staged.failed(e);
			}
		}
	}

	/**
	 * Checks, before any work, that {@code target} may be written: not a
	 * folder, not an existing file unless overwriting, in a folder that exists
	 * (or can be made) and is writable.
	 */
	public static void requireWritable(final Path target, final boolean overwrite) throws IOException {
		if (Files.isDirectory(target)) throw new IOException("cannot write " + target +
			": it is a folder; name an output file");
		if (!overwrite && Files.exists(target)) throw new FileAlreadyExistsException(target.toString(), null,
			"exists already: choose another name or allow overwriting (--overwrite)");
		requireFolder(target.toAbsolutePath().getParent(), "cannot write " + target);
	}

	/**
	 * Checks that files can be created in {@code folder}: it is a writable
	 * folder, or the nearest part of it that exists is one (the rest is made).
	 * It is tried (a hidden folder made and removed), since permission bits
	 * say nothing for root, /proc or /sys.
	 *
	 * @param what the start of the message, e.g. "cannot write out.png"
	 */
	public static void requireFolder(final Path folder, final String what) throws IOException {
		Path dir = folder.toAbsolutePath();
		while (dir != null && !Files.exists(dir))
			dir = dir.getParent();
		if (dir == null) return;
		if (!Files.isDirectory(dir)) throw new IOException(what + ": " + dir + " is a file, not a folder");
		if (!Files.isWritable(dir)) throw new AccessDeniedException(what, null, "the folder " + dir +
			" is not writable");
		try {
			Files.delete(Files.createTempDirectory(dir, ".deepsr-probe."));
		}
		catch (final IOException e) {
			throw new IOException(what + ": cannot create a file in " + dir + " (" + Failures.reason(e) + ")", e);
		}
	}

	/** Where the writer writes; nothing is there yet. */
	public Path path() {
		return file;
	}

	/** Forces the written file to the disk, then renames it over the target. */
	public void commit() throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException("cannot write " + target +
			": the writer left no file");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		if (!overwrite) Files.move(file, target); // unlike ATOMIC_MOVE it refuses a target that appeared meanwhile
		else {
			try {
				Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		committed = true;
		Files.deleteIfExists(folder);
	}

	/**
	 * Closes the writer's own stream (which flushes it), then {@link #commit()}s;
	 * an error of either is told by {@link #failed}.
	 */
	public void commit(final Closeable stream) throws IOException {
		try {
			stream.close();
			commit();
		}
		catch (final IOException e) {
			throw failed(e);
		}
	}

	/** Closes the writer's own stream and removes what was written, unless it was committed. */
	public void discard(final Closeable stream) throws IOException {
		if (committed) return;
		try {
			stream.close();
		}
		finally {
			close();
		}
	}

	/** An error while writing, as the user reads it: which file, why, and that an existing file is unchanged. */
	public IOException failed(final IOException e) {
		return new IOException("cannot write " + target + ": " + Failures.describe(e).replace(file.toString(), "")
			.trim() + "; " + (Files.exists(target) ? "the existing file is unchanged" : "nothing was written"), e);
	}

	/** Removes what was written unless it was committed. */
	@Override
	public void close() throws IOException {
		if (committed || !Files.exists(folder)) return;
		try (Stream<Path> all = Files.walk(folder)) {
			for (final Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator)
				Files.deleteIfExists(p);
		}
	}
}
