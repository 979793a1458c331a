package org.deepsr.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The checksum the ImageJ updater records for a file: SHA-1, 40 lower-case hex
 * digits, computed as imagej-updater's {@code UpdaterUtil.getDigest(path, file)}
 * does (written from its rules, not copied), so that Fiji sees our files as
 * up to date.
 * <ul>
 * <li>Plain files: SHA-1 of the site path (e.g. {@code macros/a.ijm}) followed
 * by the content.</li>
 * <li>{@code .jar} files: for every entry, directories included, in
 * {@link String#compareTo} order of the names: the entry name, then its
 * content, where {@code .properties} entries drop comment lines (see
 * {@link PropertiesCommentFilter}) and {@code META-INF/MANIFEST.MF} contributes
 * its name only.</li>
 * </ul>
 * Deviations from a naive reading of the rules, kept on purpose to match the
 * updater: names are encoded as US-ASCII (the updater calls
 * {@code getBytes("ASCII")}, so a non-ASCII character becomes '?'; for ASCII
 * names this equals UTF-8); the manifest's <em>name</em> is still digested
 * (only its content is dropped: the updater's filter keeps lines whose
 * upper-cased text starts with "Main-Class:", which never matches, so nothing
 * of the content remains).
 */
public final class UpdaterChecksum {

	private UpdaterChecksum() {}

	/**
	 * @param sitePath the path inside the Fiji folder, '/'-separated, e.g.
	 *          {@code jars/deepsr-0.1.0.jar}; decides jar versus plain rules
	 * @param file the file to digest
	 * @return 40 lower-case hex digits
	 * @throws IOException if the file cannot be read or is not a valid jar
	 */
	public static String of(final String sitePath, final Path file) throws IOException {
		return sitePath.endsWith(".jar") ? ofJar(file) : ofPlainFile(sitePath, file);
	}

	/** Plain-file rule: SHA-1(path as ASCII, then content). */
	public static String ofPlainFile(final String sitePath, final Path file) throws IOException {
		final MessageDigest digest = sha1();
		digest.update(sitePath.getBytes(StandardCharsets.US_ASCII));
		try (InputStream in = Files.newInputStream(file)) {
			update(digest, in);
		}
		return hex(digest.digest());
	}

	/** Jar rule, see the class comment. */
	public static String ofJar(final Path jarFile) throws IOException {
		final MessageDigest digest = sha1();
		try (JarFile jar = new JarFile(jarFile.toFile(), false)) {
			final List<JarEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
			entries.sort(Comparator.comparing(JarEntry::getName));
			for (final JarEntry entry : entries) {
				final String name = entry.getName();
				digest.update(name.getBytes(StandardCharsets.US_ASCII));
				if (name.equals("META-INF/MANIFEST.MF")) continue;
				try (InputStream raw = jar.getInputStream(entry);
					InputStream in = name.endsWith(".properties") ? new PropertiesCommentFilter(raw) : raw)
				{
					update(digest, in);
				}
			}
		}
		return hex(digest.digest());
	}

	private static void update(final MessageDigest digest, final InputStream in) throws IOException {
		final byte[] buffer = new byte[1 << 16];
		for (int n; (n = in.read(buffer)) >= 0;) digest.update(buffer, 0, n);
	}

	static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
		}
	}

	static String hex(final byte[] bytes) {
		final StringBuilder sb = new StringBuilder(bytes.length * 2);
		for (final byte b : bytes) sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		return sb.toString();
	}
}
