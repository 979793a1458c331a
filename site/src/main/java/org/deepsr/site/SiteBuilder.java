package org.deepsr.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds an update-site folder: every file stored as {@code <path>-<timestamp>}
 * plus {@code db.xml.gz}, optionally on top of the previous release's
 * database so that the history carries over the way the updater keeps it:
 * <ul>
 * <li>a file whose checksum and name are unchanged keeps its timestamp;</li>
 * <li>a changed file (or one whose versioned name changed, e.g.
 * {@code deepsr-0.1.0.jar} to {@code deepsr-0.2.0.jar}) gets the new
 * timestamp, and its former version becomes a {@code previous-version} with
 * {@code timestamp-obsolete} = the new timestamp and its old file name;</li>
 * <li>a file no longer published becomes obsolete: no current version, its
 * last version moved to the previous versions.</li>
 * </ul>
 * The folder holds the current version of every file, so it can be uploaded
 * as a whole; older versions stay where the previous release put them.
 */
public final class SiteBuilder {

	private final Consumer<String> status;

	/** @param status receives a line per file and one for the finished site */
	public SiteBuilder(final Consumer<String> status) {
		this.status = status;
	}

	/**
	 * @param files the files to publish; no two with the same updater identity
	 * @param previous the database of the release before, or an empty one
	 * @param previousFolder the folder of that release (to copy unchanged files
	 *          byte for byte), or null to copy them from {@code files}
	 * @param outFolder where to build; must be absent or empty
	 * @param timestamp the release's timestamp; later than every timestamp in
	 *          {@code previous}
	 * @return the database written to {@code outFolder/db.xml.gz}
	 * @throws IllegalArgumentException for a clash of identities, a missing
	 *           source, a non-empty output folder or a timestamp not after the
	 *           previous release
	 */
	public SiteDatabase build(final List<SiteFile> files, final SiteDatabase previous, final Path previousFolder,
		final Path outFolder, final long timestamp) throws IOException
	{
		checkArguments(files, previous, outFolder, timestamp);
		Files.createDirectories(outFolder);
		final Map<String, Version> versions = new HashMap<>();
		final Map<String, SiteRecord> records = new LinkedHashMap<>();
		for (final SiteFile file : files) {
			status.accept("Checksumming " + file.sitePath());
			final String checksum = UpdaterChecksum.of(file.sitePath(), file.source());
			final SiteRecord before = previous.get(file.sitePath());
			final Version version;
			final List<Version> history = new ArrayList<>();
			if (before != null) history.addAll(before.previous());
			if (before != null && before.current() != null && before.current().checksum().equals(checksum) && before
				.filename().equals(file.sitePath()))
			{
				version = keepUnchanged(file, before.current(), previousFolder, outFolder);
			}
			else {
				if (before != null && before.current() != null) history.add(before.current().retire(timestamp, before
					.filename()));
				copy(file.source(), outFolder.resolve(SiteRecord.storedName(file.sitePath(), timestamp)));
				version = new Version(checksum, timestamp, Files.size(file.source()), 0, null);
			}
			versions.put(SiteRecord.identity(file.sitePath()), version);
			records.put(SiteRecord.identity(file.sitePath()), new SiteRecord(file.sitePath(), version, history,
				platforms(file), file.description(), new ArrayList<>()));
		}
		for (final SiteFile file : files) addDependencies(file, records, versions);
		for (final SiteRecord before : previous.records())
			records.computeIfAbsent(before.identity(), id -> obsolete(before, timestamp));
		final List<SiteRecord> sorted = new ArrayList<>(records.values());
		sorted.sort(Comparator.comparing(SiteRecord::filename));
		final SiteDatabase db = new SiteDatabase(sorted);
		DbXml.write(db, outFolder.resolve(DbXml.FILE_NAME));
		status.accept("Update site written to " + outFolder + " (" + files.size() + " files)");
		return db;
	}

	private static void checkArguments(final List<SiteFile> files, final SiteDatabase previous,
		final Path outFolder, final long timestamp) throws IOException
	{
		if (!Timestamps.isValid(timestamp))
			throw new IllegalArgumentException("Not a yyyyMMddHHmmss timestamp: " + timestamp);
		final Map<String, String> identities = new HashMap<>();
		for (final SiteFile file : files) {
			final String other = identities.put(SiteRecord.identity(file.sitePath()), file.sitePath());
			if (other != null) throw new IllegalArgumentException(other + " and " + file.sitePath() +
				" are the same file for the updater; publish only one version of it");
		}
		for (final SiteFile file : files)
			if (!Files.isRegularFile(file.source()))
				throw new IllegalArgumentException("Missing file for " + file.sitePath() + ": " + file.source());
		for (final SiteRecord record : previous.records()) {
			final long latest = Stream.concat(Stream.ofNullable(record.current()), record.previous().stream())
				.mapToLong(v -> Math.max(v.timestamp(), v.timestampObsolete())).max().orElse(0);
			if (latest >= timestamp) throw new IllegalArgumentException("The release timestamp " + timestamp +
				" is not after " + latest + " of " + record.filename() + " in the previous database; pass a later one");
		}
		if (Files.isDirectory(outFolder)) {
			try (Stream<Path> content = Files.list(outFolder)) {
				if (content.findAny().isPresent()) throw new IllegalArgumentException("Output folder " + outFolder +
					" is not empty; delete it first (mvn clean) so no stale file is published");
			}
		}
	}

	private Version keepUnchanged(final SiteFile file, final Version current, final Path previousFolder,
		final Path outFolder) throws IOException
	{
		final String stored = SiteRecord.storedName(file.sitePath(), current.timestamp());
		final Path old = previousFolder == null ? null : previousFolder.resolve(stored);
		// Same checksum but maybe other bytes (a rebuilt jar): publish the old
		// bytes when we have them, otherwise the new ones with their own size.
		final Path source = old != null && Files.isRegularFile(old) ? old : file.source();
		copy(source, outFolder.resolve(stored));
		status.accept(file.sitePath() + " unchanged, keeps timestamp " + current.timestamp());
		return new Version(current.checksum(), current.timestamp(), Files.size(source), 0, null);
	}

	private static List<String> platforms(final SiteFile file) {
		return file.platform() == null ? List.of() : List.of(file.platform());
	}

	private static void addDependencies(final SiteFile file, final Map<String, SiteRecord> records,
		final Map<String, Version> versions)
	{
		if (file.dependencies().isEmpty()) return;
		final List<Dependency> dependencies = new ArrayList<>();
		for (final String path : file.dependencies()) {
			final String id = SiteRecord.identity(path);
			final Version version = versions.get(id);
			if (version == null) throw new IllegalArgumentException(file.sitePath() + " depends on " + path +
				", which is not part of the site; add it or drop the dependency");
			dependencies.add(new Dependency(id, version.timestamp()));
		}
		final SiteRecord r = records.get(SiteRecord.identity(file.sitePath()));
		records.put(r.identity(), new SiteRecord(r.filename(), r.current(), r.previous(), r.platforms(), r
			.description(), dependencies));
	}

	private static SiteRecord obsolete(final SiteRecord before, final long timestamp) {
		if (before.isObsolete()) return before;
		final List<Version> history = new ArrayList<>(before.previous());
		history.add(before.current().retire(timestamp, before.filename()));
		return new SiteRecord(before.filename(), null, history, before.platforms(), before.description(), List.of());
	}

	private static void copy(final Path from, final Path to) throws IOException {
		Files.createDirectories(to.getParent());
		Files.copy(from, to);
	}

	/**
	 * Builds the CPU site and the GPU site from the folder the Maven profile
	 * {@code update-site} fills. Arguments, each {@code --name value}:
	 * {@code --project-jar}, {@code --input} (with {@code jars/} and
	 * {@code natives/<classifier>/}), {@code --models}, {@code --macros},
	 * {@code --out}, {@code --gpu-out}, optional {@code --previous} and
	 * {@code --previous-gpu} (a former {@code db.xml.gz}; empty means none),
	 * optional {@code --timestamp} (default: now, UTC), {@code --fiji-pom}
	 * (pom-scijava's POM: Fiji's versions, {@link FijiVersions}).
	 */
	public static void main(final String[] args) throws IOException {
		final Map<String, String> options = options(args);
		final Path input = Paths.get(required(options, "input"));
		final long timestamp = options.getOrDefault("timestamp", "").isEmpty() ? Timestamps.now() : Timestamps.parse(
			options.get("timestamp"));
		final Path fijiPom = Paths.get(required(options, "fiji-pom"));
		if (!Files.isRegularFile(fijiPom)) throw new IllegalArgumentException("pom-scijava (Fiji's versions) not found: " +
			fijiPom + "; run mvn dependency:get -Dartifact=org.scijava:pom-scijava:<version>:pom once");
		final List<SiteFile> cpu = SiteLayout.cpuSite(Paths.get(required(options, "project-jar")), input.resolve(
			"jars"), input.resolve("natives"), Paths.get(required(options, "models")), Paths.get(required(options,
				"macros")), FijiVersions.managed(fijiPom), FijiVersions.REPLACEMENTS);
		SiteLayout.requireAllPlatforms(cpu);
		buildWithHistory(System.out::println, cpu, options.get("previous"), Paths.get(required(options, "out")), timestamp);
		final List<SiteFile> gpu = SiteLayout.gpuSite(input.resolve("natives"));
		buildWithHistory(System.out::println, gpu, options.get("previous-gpu"), Paths.get(required(options, "gpu-out")),
			timestamp);
	}

	private static void buildWithHistory(final Consumer<String> status, final List<SiteFile> files, final String previous,
		final Path out, final long timestamp) throws IOException
	{
		final boolean upgrade = previous != null && !previous.isBlank();
		final Path previousDb = upgrade ? Paths.get(previous) : null;
		if (upgrade && !Files.isRegularFile(previousDb))
			throw new IllegalArgumentException("Previous database not found: " + previousDb);
		new SiteBuilder(status).build(files, upgrade ? DbXml.read(previousDb) : new SiteDatabase(), upgrade
			? previousDb.toAbsolutePath().getParent() : null, out, timestamp);
	}

	static Map<String, String> options(final String[] args) {
		// A name without a value means empty: Maven drops an empty <argument>, or passes it as null.
		final Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i] == null) continue;
			if (!args[i].startsWith("--")) throw new IllegalArgumentException("Expected '--name value' pairs, got '" +
				args[i] + "'");
			final boolean hasValue = i + 1 < args.length && args[i + 1] != null && !args[i + 1].startsWith("--");
			options.put(args[i].substring(2), hasValue ? args[++i] : "");
		}
		return options;
	}

	private static String required(final Map<String, String> options, final String name) {
		final String value = options.get(name);
		if (value == null || value.isBlank()) throw new IllegalArgumentException("Missing --" + name + " <value>");
		return value;
	}
}
