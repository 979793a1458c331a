package org.deepsr.site;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Update-site timestamps: {@code yyyyMMddHHmmss} read as a decimal number
 * (e.g. 20261126153000), in UTC. The updater stores them as {@code long} and
 * compares them numerically, so later always means larger.
 */
public final class Timestamps {

	private static final DateTimeFormatter FORMAT =
		DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

	private Timestamps() {}

	/** @return the timestamp of the given instant, in UTC */
	public static long of(final Instant instant) {
		return Long.parseLong(FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
	}

	/** @return the timestamp of now, in UTC */
	public static long now() {
		return of(Instant.now());
	}

	/**
	 * @param text 14 digits {@code yyyyMMddHHmmss} naming a real date and time
	 * @return the timestamp as a number
	 * @throws IllegalArgumentException if the text is not such a timestamp
	 */
	public static long parse(final String text) {
		try {
			LocalDateTime.parse(text, FORMAT);
			return Long.parseLong(text);
		}
		catch (final DateTimeParseException | NullPointerException e) {
			throw new IllegalArgumentException("Not an update-site timestamp (yyyyMMddHHmmss, 14 digits, UTC): '" +
				text + "'");
		}
	}

	/** @return true if the number is a valid 14-digit timestamp */
	public static boolean isValid(final long timestamp) {
		try {
			parse(Long.toString(timestamp));
			return true;
		}
		catch (final IllegalArgumentException e) {
			return false;
		}
	}
}
