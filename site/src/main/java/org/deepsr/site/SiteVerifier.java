package org.deepsr.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a built update-site folder back and checks it the way the updater
 * will use it: every current file is present as {@code <path>-<timestamp>}
 * with the recorded size and checksum, nothing unlisted lies in the folder,
 * platform tags match the platform folders, and the history is consistent.
 */
public final class SiteVerifier {

	/** Outcome of a verification: the database read, the problems, a per-platform summary. */
	public static final class Report {

		private final SiteDatabase database;
		private final List<String> problems;
		private final Map<String, long[]> perPlatform;

		Report(final SiteDatabase database, final List<String> problems, final Map<String, long[]> perPlatform) {
			this.database = database;
			this.problems = Collections.unmodifiableList(problems);
			this.perPlatform = perPlatform;
		}

		public SiteDatabase database() {
			return database;
		}

		/** @return one human-readable line per problem; empty when the site is sound */
		public List<String> problems() {
			return problems;
		}

		public boolean isOk() {
			return problems.isEmpty();
		}

		/** @return number of current files per platform ("all" for platform-independent ones) */
		public long fileCount(final String platform) {
			return perPlatform.getOrDefault(platform, new long[2])[0];
		}

		/** @return total bytes of current files per platform ("all" for platform-independent ones) */
		public long bytes(final String platform) {
			return perPlatform.getOrDefault(platform, new long[2])[1];
		}

		/** @return a few lines: files and sizes per platform, then the problems */
		public String summary() {
			final StringBuilder sb = new StringBuilder();
			final long obsolete = database.records().stream().filter(SiteRecord::isObsolete).count();
			sb.append(database.records().size() - obsolete).append(" current files, ").append(obsolete).append(
				" obsolete\n");
			for (final Map.Entry<String, long[]> e : perPlatform.entrySet())
				sb.append(String.format("  %-12s %4d files %,15d bytes%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
			sb.append(problems.isEmpty() ? "OK\n" : problems.size() + " problem(s):\n");
			for (final String problem : problems) sb.append("  ").append(problem).append('\n');
			return sb.toString();
		}
	}

	private SiteVerifier() {}

	/**
	 * @param siteFolder a folder with {@code db.xml.gz} and the stored files
	 * @return the report; {@link Report#isOk()} tells whether the site is sound
	 * @throws IOException if the database is missing or unreadable
	 */
	public static Report verify(final Path siteFolder) throws IOException {
		final Path dbFile = siteFolder.resolve(DbXml.FILE_NAME);
		if (!Files.isRegularFile(dbFile)) throw new IOException("No " + DbXml.FILE_NAME + " in " + siteFolder +
			"; is this an update-site folder?");
		final SiteDatabase db = DbXml.read(dbFile);
		final List<String> problems = new ArrayList<>();
		final Map<String, long[]> perPlatform = new TreeMap<>();
		final Map<String, String> expected = new HashMap<>(); // stored name -> checksum
		final Map<String, String> pathOf = new HashMap<>(); // stored name -> site path
		for (final SiteRecord record : db.records()) {
			checkPlatform(record, problems);
			checkHistory(record, problems);
			checkDependencies(record, db, problems);
			final Version current = record.current();
			if (current != null) {
				final String stored = SiteRecord.storedName(record.filename(), current.timestamp());
				expected.put(stored, current.checksum());
				pathOf.put(stored, record.filename());
				final Path file = siteFolder.resolve(stored);
				if (!Files.isRegularFile(file)) problems.add("missing " + stored);
				else if (Files.size(file) != current.filesize()) problems.add(stored + " has " + Files.size(file) +
					" bytes, db.xml.gz says " + current.filesize());
				final long[] sum = perPlatform.computeIfAbsent(record.platforms().isEmpty() ? "all" : String.join(",",
					record.platforms()), k -> new long[2]);
				sum[0]++;
				sum[1] += current.filesize();
			}
			for (final Version old : record.previous()) {
				final String path = old.filename() == null ? record.filename() : old.filename();
				final String stored = SiteRecord.storedName(path, old.timestamp());
				expected.putIfAbsent(stored, old.checksum());
				pathOf.putIfAbsent(stored, path);
			}
		}
		for (final String stored : storedFiles(siteFolder)) {
			if (!expected.containsKey(stored)) {
				problems.add("unlisted file " + stored);
				continue;
			}
			final String actual = UpdaterChecksum.of(pathOf.get(stored), siteFolder.resolve(stored));
			if (!actual.equals(expected.get(stored))) problems.add(stored + " has checksum " + actual +
				", db.xml.gz says " + expected.get(stored));
		}
		return new Report(db, problems, perPlatform);
	}

	private static List<String> storedFiles(final Path siteFolder) throws IOException {
		try (Stream<Path> walk = Files.walk(siteFolder)) {
			return walk.filter(Files::isRegularFile).map(p -> siteFolder.relativize(p).toString().replace('\\', '/'))
				.filter(p -> !p.equals(DbXml.FILE_NAME)).sorted().collect(Collectors.toList());
		}
	}

	private static void checkPlatform(final SiteRecord record, final List<String> problems) {
		final String folder = SiteLayout.platformOf(record.filename());
		final String[] parts = record.filename().split("/");
		if (folder == null && parts.length >= 3 && parts[0].equals("jars")) problems.add(record.filename() + " is in jars/" + parts[1] +
				"/, which is not an updater platform " + SiteLayout.KNOWN_PLATFORMS);
		final List<String> expected = folder == null ? List.of() : List.of(folder);
		if (!record.platforms().equals(expected)) problems.add(record.filename() + " is tagged for platforms " +
			record.platforms() + " but its folder means " + expected);
		for (final String platform : record.platforms())
			if (!SiteLayout.KNOWN_PLATFORMS.contains(platform)) problems.add(record.filename() +
				" names unknown platform " + platform);
	}

	private static void checkHistory(final SiteRecord record, final List<String> problems) {
		final Version current = record.current();
		if (current != null && !Timestamps.isValid(current.timestamp())) problems.add(record.filename() +
			" has an invalid timestamp " + current.timestamp());
		long last = 0;
		for (final Version old : record.previous()) {
			final String name = record.filename() + " previous version " + old.timestamp();
			if (old.filename() != null && !SiteRecord.identity(old.filename()).equals(record.identity()))
				problems.add(name + " was published as " + old.filename() + ", another file for the updater");
			if (old.timestampObsolete() != 0 && old.timestampObsolete() <= old.timestamp()) problems.add(name +
				" became obsolete (" + old.timestampObsolete() + ") before it was published");
			if (current != null && old.timestamp() >= current.timestamp()) problems.add(name +
				" is not older than the current version " + current.timestamp());
			if (current != null && old.timestampObsolete() > current.timestamp()) problems.add(name +
				" became obsolete after the current version was published");
			if (old.timestamp() < last) problems.add(name + " is out of order");
			last = old.timestamp();
		}
		if (record.isObsolete() && record.previous().isEmpty()) problems.add(record.filename() +
			" has neither a current nor a previous version");
	}

	private static void checkDependencies(final SiteRecord record, final SiteDatabase db,
		final List<String> problems)
	{
		for (final Dependency dependency : record.dependencies()) {
			final SiteRecord target = db.get(dependency.filename());
			if (target == null || target.isObsolete()) problems.add(record.filename() + " depends on " + dependency
				.filename() + ", which the site does not provide");
			else if (dependency.timestamp() > target.current().timestamp()) problems.add(record.filename() +
				" depends on a version of " + dependency.filename() + " newer than the site has");
		}
	}

	/**
	 * Prints the summary of each site folder given; exits with 1 if any has problems.
	 *
	 * @param args site folders, e.g. {@code target/site target/site-gpu}
	 */
	public static void main(final String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("Usage: java -cp <deepsr jar and its dependencies> org.deepsr.site.SiteVerifier <site folder>...");
			System.exit(2);
		}
		boolean ok = true;
		for (final String arg : args) {
			final Report report = verify(Paths.get(arg));
			System.out.println(arg + ": " + report.summary());
			ok &= report.isOk();
		}
		if (!ok) System.exit(1);
	}
}
