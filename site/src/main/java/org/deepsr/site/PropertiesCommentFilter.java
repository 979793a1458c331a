package org.deepsr.site;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Drops comment lines of a {@code .properties} entry the way imagej-updater's
 * {@code SkipHashedLines} does, because Maven writes the build date into a
 * comment of {@code pom.properties}. A line starting with '#' is replaced by
 * its terminating '\n' alone. Replicated quirk: when the comment line is just
 * "#\n", the updater leaves its line-start flag cleared, so a '#' at the start
 * of the following line is kept.
 */
final class PropertiesCommentFilter extends FilterInputStream {

	private boolean atLineStart = true;

	PropertiesCommentFilter(final InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		int ch = in.read();
		if (!atLineStart) {
			if (ch == '\n') atLineStart = true;
			return ch;
		}
		if (ch != '#') {
			atLineStart = false;
			return ch;
		}
		// The updater recurses into read() here: the first character after '#'
		// is seen with the line-start flag still set.
		ch = read();
		while (ch != '\n' && ch != -1) ch = read();
		return ch;
	}

	@Override
	public int read(final byte[] b, final int off, final int len) throws IOException {
		int count = 0;
		while (count < len) {
			final int ch = read();
			if (ch < 0) return count == 0 ? -1 : count;
			b[off + count++] = (byte) ch;
		}
		return count;
	}

	@Override
	public long skip(final long n) throws IOException {
		throw new IOException("skip is not supported while filtering comments");
	}

	@Override
	public boolean markSupported() {
		return false;
	}
}
