package org.deepsr.metrics.mos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ratings as CSV (UTF-8, RFC 4180 quoting): header {@code rater,image,method,score},
 * then one rating a line, score an integer 1..5. Blank lines are skipped.
 */
public final class RatingsCsv {

	static final String HEADER = "rater,image,method,score";

	private RatingsCsv() {}

	/** @throws IOException on a read error or a malformed file, naming the line */
	public static List<Rating> read(final Path file) throws IOException {
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return read(in, file.toString());
		}
	}

	/** @param source the file name used in error messages */
	public static List<Rating> read(final Reader reader, final String source) throws IOException {
		final BufferedReader in = new BufferedReader(reader);
		final String header = in.readLine();
		if (header == null || !split(header.replace("\uFEFF", "")).stream().map(s -> s.trim().toLowerCase())
			.collect(java.util.stream.Collectors.joining(",")).equals(HEADER)) throw new IOException(source +
				": the first line must be the header '" + HEADER + "', got '" + header + "'.");
		final List<Rating> ratings = new ArrayList<>();
		int lineNo = 1;
		for (String line; (line = in.readLine()) != null;) {
			lineNo++;
			if (line.trim().isEmpty()) continue;
			final List<String> f = split(line);
			if (f.size() != 4) throw new IOException(source + " line " + lineNo + ": expected 4 fields (" + HEADER +
				"), got " + f.size() + ".");
			final int score;
			try {
				score = Integer.parseInt(f.get(3).trim());
			}
			catch (final NumberFormatException e) {
				throw new IOException(source + " line " + lineNo + ": score '" + f.get(3) +
					"' is not a whole number 1..5.");
			}
			try {
				ratings.add(new Rating(f.get(0), f.get(1), f.get(2), score));
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(source + " line " + lineNo + ": " + e.getMessage(), e);
			}
		}
		return ratings;
	}

	public static void write(final Path file, final List<Rating> ratings) throws IOException {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			write(out, ratings);
		}
	}

	public static void write(final Writer out, final List<Rating> ratings) throws IOException {
		out.write(HEADER + "\n");
		for (final Rating r : ratings)
			out.write(quote(r.rater()) + "," + quote(r.image()) + "," + quote(r.method()) + "," + r.score() + "\n");
	}

	private static String quote(final String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"",
			"\"\"") + "\"" : s;
	}

	/** Splits one CSV line, honouring double quotes ("" inside quotes is a quote). */
	private static List<String> split(final String line) {
		final List<String> fields = new ArrayList<>();
		final StringBuilder f = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			final char ch = line.charAt(i);
			if (quoted) {
				if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					f.append('"');
					i++;
				}
				else if (ch == '"') quoted = false;
				else f.append(ch);
			}
			else if (ch == '"') quoted = true;
			else if (ch == ',') {
				fields.add(f.toString());
				f.setLength(0);
			}
			else f.append(ch);
		}
		fields.add(f.toString());
		return fields;
	}
}
