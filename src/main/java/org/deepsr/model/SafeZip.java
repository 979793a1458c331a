package org.deepsr.model;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Zip reading and writing for model bundles. Extraction rejects entry names
 * that are absolute or climb out with "..", and limits the unpacked size, so
 * an untrusted bundle cannot write outside its folder or fill the disk.
 */
final class SafeZip {

	/** Largest total unpacked size accepted (zip bombs). */
	static final long MAX_UNPACKED_BYTES = 8L << 30;

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

	/** Reads one entry as text, or null when absent. */
	static byte[] readEntry(final Path zip, final String name) throws IOException {
		try (ZipFile file = open(zip)) {
			final ZipEntry entry = file.getEntry(name);
			if (entry == null) return null;
			try (InputStream in = file.getInputStream(entry)) {
				return in.readAllBytes();
			}
		}
	}

	/**
	 * Unpacks a zip into {@code target}, which must not exist yet: files go to
	 * a temporary sibling folder first and are moved into place at the end.
	 */
	static void extract(final Path zip, final Path target) throws IOException {
		final Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path temp = Files.createTempDirectory(parent, ".extract-");
		try (ZipFile file = open(zip)) {
			long total = 0;
			for (final ZipEntry entry : file.stream().collect(Collectors.toList())) {
				final String name = entry.getName();
				if (!isSafeEntryName(name)) {
					throw new IOException("model bundle " + zip + " holds an unsafe entry " + ascii(name) +
						" (absolute path or '..'): refusing to unpack it");
				}
				final Path out = temp.resolve(name).normalize();
				if (!out.startsWith(temp)) throw new IOException("model bundle " + zip + ": entry " + ascii(name) +
					" points outside the bundle");
				if (entry.isDirectory()) {
					Files.createDirectories(out);
					continue;
				}
				Files.createDirectories(out.getParent());
				try (InputStream in = file.getInputStream(entry); OutputStream o = Files.newOutputStream(out)) {
					final byte[] buffer = new byte[1 << 16];
					for (int n; (n = in.read(buffer)) > 0;) {
						total += n;
						if (total > MAX_UNPACKED_BYTES) throw new IOException("model bundle " + zip +
							" unpacks to more than " + (MAX_UNPACKED_BYTES >> 30) + " GiB: refusing it");
						o.write(buffer, 0, n);
					}
				}
			}
			move(temp, target);
		} catch (final ZipException e) {
			throw new IOException("model bundle " + zip + " is not a readable zip file (" + e.getMessage() +
				"): it is corrupt or truncated; download or import it again", e);
		} finally {
			deleteTree(temp);
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

	/** Deletes a file or folder tree if it exists. */
	static void deleteTree(final Path path) throws IOException {
		if (!Files.exists(path)) return;
		try (Stream<Path> walk = Files.walk(path)) {
			for (final Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
				Files.deleteIfExists(p);
			}
		}
	}

	private static ZipFile open(final Path zip) throws IOException {
		try {
			return new ZipFile(zip.toFile());
		} catch (final ZipException e) {
			throw new IOException("model bundle " + zip + " is not a readable zip file (" + e.getMessage() +
				"): it is corrupt or truncated; download or import it again", e);
		}
	}

	private static String ascii(final String name) {
		return "\"" + name.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
	}
}
