package org.deepsr.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The models the user trusts to run ops outside the op allow-list (file
 * reading, custom ops): the one way around it. Recorded in the user's model
 * folder as {@value #FILE}, one line per model, "SHA256 label", keyed by the
 * SHA-256 of the weights, so a changed weights file is no longer trusted.
 * Read on every check, so a change applies at the next load.
 */
public final class TrustedModels {

	/** The file in the user's model folder. */
	public static final String FILE = "trusted-models.txt";

	/** Trusts nothing: the allow-list applies to every model. */
	static final TrustedModels NONE = new TrustedModels(null);

	private final Path file; // null for NONE

	/** @param userFolder the user's model folder ({@link ModelRegistry#userFolder()}) */
	public TrustedModels(final Path userFolder) {
		this.file = userFolder == null ? null : userFolder.resolve(FILE);
	}

	/** The trust recorded in {@link ModelRegistry#fromEnvironment()}'s user folder. */
	public static TrustedModels fromEnvironment() {
		return new TrustedModels(ModelRegistry.userFolderFromEnvironment());
	}

	/** True when weights of this SHA-256 are trusted; an unreadable record trusts nothing. */
	public boolean trusts(final String sha256) {
		if (file == null || sha256 == null) return false;
		try {
			return lines().stream().anyMatch(line -> line.startsWith(sha256.toLowerCase(Locale.ROOT) + " "));
		} catch (final IOException e) {
			return false;
		}
	}

	/** Records weights of this SHA-256 as trusted (label: the model's name, for the reader of the file). */
	void add(final String sha256, final String label) throws IOException {
		final List<String> lines = without(sha256);
		lines.add(sha256.toLowerCase(Locale.ROOT) + " " + label.replaceAll("\\s+", "_"));
		write(lines);
	}

	/** Withdraws the trust in weights of this SHA-256; true when they were trusted. */
	boolean remove(final String sha256) throws IOException {
		final List<String> lines = without(sha256);
		final boolean trusted = trusts(sha256);
		if (trusted) write(lines);
		return trusted;
	}

	private List<String> without(final String sha256) throws IOException {
		if (file == null) throw new IllegalStateException("no user model folder to record trust in");
		final List<String> lines = new ArrayList<>(lines());
		lines.removeIf(line -> line.startsWith(sha256.toLowerCase(Locale.ROOT) + " "));
		return lines;
	}

	private List<String> lines() throws IOException {
		return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
	}

	private void write(final List<String> lines) throws IOException {
		Files.createDirectories(file.getParent());
		final Path temp = Files.createTempFile(file.getParent(), ".trusted-", ".txt");
		try {
			Files.write(temp, lines, StandardCharsets.UTF_8);
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} finally {
			Files.deleteIfExists(temp);
		}
	}
}
