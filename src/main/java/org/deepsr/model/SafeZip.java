package org.deepsr.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Zip reading and writing for model bundles. Opening refuses a zip with any
 * entry name that is absolute or climbs out with ".."; extraction writes only
 * the entries asked for and counts the bytes as they inflate (the sizes a zip
 * states are never trusted), so an untrusted bundle can neither write outside
 * its folder nor fill the disk, and a refused extraction leaves nothing.
 */
final class SafeZip {

	/**
	 * Largest total unpacked size accepted from a bundle zip: the largest
	 * model DeepSR knows (OpenCV's LapSRN_x8, 4 MB of weights) fits 16 times.
	 */
	static final long MAX_UNPACKED_BYTES = 64L << 20;

	/** Checks a freshly unpacked folder before it is moved into place. */
	interface Check {

		void check(Path folder) throws IOException;
	}

	private SafeZip() {}

	/** True for a relative '/'-separated name with no "..", "." or empty parts. */
	static boolean isSafeEntryName(final String name) {
		if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":") ||
			name.indexOf('\0') >= 0) return false;
		final String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
		for (final String part : trimmed.split("/", -1)) {
			if (part.isEmpty() || part.equals(".") || part.equals("..")) return false;
		}
		return true;
	}

	/**
	 * Reads one entry, or null when absent.
	 *
	 * @throws IOException when it unpacks to more than {@code limit} bytes
	 */
	static byte[] readEntry(final Path zip, final String name, final int limit) throws IOException {
		try (ZipFile file = open(zip)) {
			final ZipEntry entry = file.getEntry(name);
			if (entry == null) return null;
			try (InputStream in = file.getInputStream(entry)) {
				final byte[] bytes = in.readNBytes(limit + 1);
				if (bytes.length > limit) throw new IOException("model bundle " + zip + ": " + ascii(name) +
					" unpacks to more than " + limit + " bytes: refusing it");
				return bytes;
			} catch (final ZipException | EOFException | RuntimeException e) {
				throw corrupt(zip, e);
			}
		}
	}

	/**
	 * Unpacks the entries {@code wanted} accepts (the others are skipped
	 * unread) into {@code target}, which must not exist yet: files go to a
	 * temporary sibling folder, which {@code check} inspects, and are moved
	 * into place only when it passes. Any refusal deletes what was unpacked.
	 *
	 * @throws IOException when the wanted entries unpack to more than
	 *           {@link #MAX_UNPACKED_BYTES}, an entry holds more or fewer bytes
	 *           than its header says, or the zip is unreadable
	 */
	static void extract(final Path zip, final Path target, final Predicate<String> wanted, final Check check)
		throws IOException
	{
		final Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path temp = Files.createTempDirectory(parent, ".extract-");
		try (ZipFile file = open(zip)) {
			try {
				unpack(zip, file, temp, wanted);
			} catch (final ZipException | EOFException | RuntimeException e) {
				// java.util.zip's own failures on damaged data, some with no message
				throw corrupt(zip, e);
			}
			check.check(temp);
			move(temp, target);
		} finally {
			deleteTree(temp);
		}
	}

	private static void unpack(final Path zip, final ZipFile file, final Path temp, final Predicate<String> wanted)
		throws IOException
	{
		long total = 0;
		for (final ZipEntry entry : file.stream().collect(Collectors.toList())) {
			final String name = entry.getName();
			if (!wanted.test(name)) continue;
			final Path out = temp.resolve(name).normalize();
			if (!out.startsWith(temp)) throw new IOException("model bundle " + zip + ": entry " + ascii(name) +
				" points outside the bundle");
			if (entry.isDirectory()) {
				Files.createDirectories(out);
				continue;
			}
			Files.createDirectories(out.getParent());
			if (Files.exists(out)) throw new IOException("model bundle " + zip + " holds " + ascii(name) +
				" twice: it is corrupt; download or import it again");
			long written = 0;
			try (InputStream in = file.getInputStream(entry); OutputStream o = Files.newOutputStream(out)) {
				final byte[] buffer = new byte[1 << 16];
				for (int n; (n = in.read(buffer)) > 0;) {
					written += n;
					total += n;
					if (total > MAX_UNPACKED_BYTES) throw new IOException("model bundle " + zip + " unpacks to " +
						"more than " + (MAX_UNPACKED_BYTES >> 20) + " MiB: refusing it (a bundle zip holds a " +
						"model's weights and test images; keep larger models as a bundle folder)");
					if (entry.getSize() >= 0 && written > entry.getSize()) throw lies(zip, name, entry.getSize());
					o.write(buffer, 0, n);
				}
			}
			if (entry.getSize() >= 0 && written != entry.getSize()) throw lies(zip, name, entry.getSize());
		}
	}

	/** Zips a folder's files (sorted, relative names) into a new zip file. */
	static void zip(final Path folder, final Path zip) throws IOException {
		final List<Path> files;
		try (Stream<Path> walk = Files.walk(folder)) {
			files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
		}
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			for (final Path file : files) {
				out.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
				Files.copy(file, out);
				out.closeEntry();
			}
		}
	}

	/** Moves atomically where the file system allows; never replaces an existing target. */
	static void move(final Path from, final Path to) throws IOException {
		if (Files.exists(to)) throw new FileAlreadyExistsException(to.toString());
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		} catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to);
		}
	}

	/** The bytes of a file, or of all files in a folder tree. */
	static long size(final Path path) throws IOException {
		try (Stream<Path> walk = Files.walk(path)) {
			long total = 0;
			for (final Path p : (Iterable<Path>) walk::iterator) if (Files.isRegularFile(p)) total += Files.size(p);
			return total;
		}
	}

	/** Deletes a file or folder tree if it exists. */
	static void deleteTree(final Path path) throws IOException {
		if (!Files.exists(path)) return;
		try (Stream<Path> walk = Files.walk(path)) {
			for (final Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
				Files.deleteIfExists(p);
			}
		}
	}

	/** Opens a zip whose every entry name is safe (see {@link #isSafeEntryName}). */
	private static ZipFile open(final Path zip) throws IOException {
		final ZipFile file;
		try {
			file = new ZipFile(zip.toFile());
		} catch (final ZipException | EOFException | RuntimeException e) {
			throw corrupt(zip, e);
		}
		try {
			for (final ZipEntry entry : file.stream().collect(Collectors.toList())) {
				if (!isSafeEntryName(entry.getName())) {
					throw new IOException("model bundle " + zip + " holds an unsafe entry " + ascii(entry.getName()) +
						" (absolute path or '..'): refusing to unpack it");
				}
			}
			return file;
		} catch (final IOException | RuntimeException e) {
			file.close();
			throw e;
		}
	}

	private static IOException corrupt(final Path zip, final Exception e) {
		return new IOException("model bundle " + zip + " is not a readable zip file (" + (e.getMessage() == null ? e
			.getClass().getSimpleName() : oneLine(e.getMessage())) +
			"): it is corrupt or truncated; download or import it again", e);
	}

	private static IOException lies(final Path zip, final String name, final long size) {
		return new IOException("model bundle " + zip + ": entry " + ascii(name) + " does not hold the " + size +
			" bytes its header says: the zip is corrupt or forged; download or import it again");
	}

	private static String oneLine(final String text) {
		return text.replaceAll("\\s+", " ").replaceAll("[^\\x20-\\x7e]", "?");
	}

	private static String ascii(final String name) {
		return "\"" + name.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
	}
}
