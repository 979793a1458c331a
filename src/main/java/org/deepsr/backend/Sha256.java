package org.deepsr.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SHA-256 of bytes, files and folders, as lower-case hex.
 * <p>
 * A folder (a SavedModel) hashes as: for each regular file in the order of its
 * '/'-separated relative path, the UTF-8 path, a zero byte, the length as 8
 * big-endian bytes, then the content. Renaming, moving or editing any file
 * changes the hash.
 */
public final class Sha256 {

	private Sha256() {}

	public static String of(final byte[] bytes) {
		final MessageDigest digest = newDigest();
		digest.update(bytes);
		return hex(digest.digest());
	}

	/** Hash of a file, or of a folder as described in the class comment. */
	public static String of(final Path fileOrFolder) throws IOException {
		final MessageDigest digest = newDigest();
		if (Files.isDirectory(fileOrFolder)) {
			for (final Path file : filesOf(fileOrFolder)) {
				final String relative = fileOrFolder.relativize(file).toString().replace('\\', '/');
				digest.update(relative.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				final long size = Files.size(file);
				for (int shift = 56; shift >= 0; shift -= 8) digest.update((byte) (size >>> shift));
				update(digest, file);
			}
		} else {
			update(digest, fileOrFolder);
		}
		return hex(digest.digest());
	}

	/** Regular files below a folder, sorted by relative path. */
	static List<Path> filesOf(final Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile)
				.sorted((a, b) -> folder.relativize(a).toString().replace('\\', '/')
					.compareTo(folder.relativize(b).toString().replace('\\', '/')))
				.collect(Collectors.toList());
		}
	}

	private static void update(final MessageDigest digest, final Path file) throws IOException {
		final byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n; (n = in.read(buffer)) > 0;) digest.update(buffer, 0, n);
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("this Java runtime has no SHA-256", e);
		}
	}

	private static String hex(final byte[] bytes) {
		final StringBuilder text = new StringBuilder(bytes.length * 2);
		for (final byte b : bytes) text.append(String.format("%02x", b & 0xff));
		return text.toString();
	}
}
