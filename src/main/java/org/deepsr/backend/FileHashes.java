package org.deepsr.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the SHA-256 of files and folders and hashes again only when their
 * size or last-modified time changed, so a lookup is cheap yet never returns
 * the hash of an older content.
 */
public final class FileHashes {

	private static final class Stamp {
		final long[] sizeModifiedCount;
		final String sha256;

		Stamp(final long[] sizeModifiedCount, final String sha256) {
			this.sizeModifiedCount = sizeModifiedCount;
			this.sha256 = sha256;
		}
	}

	private final Map<Path, Stamp> stamps = new ConcurrentHashMap<>();

	/**
	 * @return the lower-case hex SHA-256 of the current content
	 * @throws NoSuchFileException when the file or folder was deleted
	 */
	public String sha256(final Path path) throws IOException {
		final Path key = path.toAbsolutePath().normalize();
		if (!Files.exists(key)) {
			stamps.remove(key);
			throw new NoSuchFileException(key.toString(), null, "the model file was deleted or moved");
		}
		final long[] now = sizeAndModified(key);
		final Stamp known = stamps.get(key);
		if (known != null && Arrays.equals(known.sizeModifiedCount, now)) return known.sha256;
		final String sha = Sha256.of(key);
		stamps.put(key, new Stamp(now, sha));
		return sha;
	}

	/** Size, newest modification time (ns) and file count; a folder sums its files. */
	private static long[] sizeAndModified(final Path path) throws IOException {
		if (!Files.isDirectory(path)) {
			final BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
			return new long[] { attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), 1 };
		}
		final long[] total = new long[3];
		for (final Path file : Sha256.filesOf(path)) {
			final long[] one = sizeAndModified(file);
			total[0] += one[0];
			total[1] = Math.max(total[1], one[1]);
			total[2]++;
		}
		return total;
	}
}
