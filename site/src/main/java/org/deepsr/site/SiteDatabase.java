package org.deepsr.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of an update site's {@code db.xml.gz}: its records keyed by the
 * updater's identity ({@link SiteRecord#identity(String)}), in insertion order.
 */
public final class SiteDatabase {

	private final Map<String, SiteRecord> records = new LinkedHashMap<>();

	/** An empty database (a site that never existed). */
	public SiteDatabase() {}

	/**
	 * @param records the records; no two may share an identity
	 * @throws IllegalArgumentException if two records share an identity
	 */
	public SiteDatabase(final Collection<SiteRecord> records) {
		for (final SiteRecord record : records) add(record);
	}

	private void add(final SiteRecord record) {
		final SiteRecord clash = records.putIfAbsent(record.identity(), record);
		if (clash != null) throw new IllegalArgumentException("Two files of the site are the same file for the updater: " +
			clash.filename() + " and " + record.filename() + " (both " + record.identity() +
			"); keep only one version of each file");
	}

	/** @return the record with that identity (versioned or not), or null */
	public SiteRecord get(final String sitePath) {
		return records.get(SiteRecord.identity(sitePath));
	}

	/** @return all records, obsolete ones included, in order */
	public Collection<SiteRecord> records() {
		return Collections.unmodifiableCollection(new ArrayList<>(records.values()));
	}
}
