package org.deepsr.volume;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The planes a volume is resliced into for through-plane work: XZ sections
 * (for each y, an (x, z) plane) or YZ sections (for each x, a (y, z) plane).
 * A section is a view of the (x, y, z) volume, never a copy.
 */
public enum Orientation {

	/** For each y, the (x, z) plane. */
	XZ,
	/** For each x, the (y, z) plane. */
	YZ;

	/** How many sections a volume of this width and height has: one per y (XZ) or per x (YZ). */
	public long sections(final long width, final long height) {
		return this == XZ ? height : width;
	}

	/** The in-plane length of a section: the width (XZ) or the height (YZ). */
	public long length(final long width, final long height) {
		return this == XZ ? width : height;
	}

	/**
	 * Section {@code i} of {@code xyz}.
	 *
	 * @param xyz dims (x, y, z)
	 * @return dims (x, z) for XZ at y = i, (y, z) for YZ at x = i; a view
	 */
	public RandomAccessibleInterval<FloatType> section(final RandomAccessibleInterval<FloatType> xyz,
		final long i)
	{
		return Views.zeroMin(Views.hyperSlice(xyz, this == XZ ? 1 : 0, xyz.min(this == XZ ? 1 : 0) + i));
	}

	/**
	 * Where element {@code (a, z)} of section {@code i} lies in an (x, y, z)
	 * array laid out x fastest.
	 */
	public long index(final long i, final long a, final long z, final long width, final long height) {
		final long x = this == XZ ? a : i, y = this == XZ ? i : a;
		return x + width * (y + height * z);
	}

	/** "xz", "yz" or "xz,yz" (any order, any case) as a set; a clear message otherwise. */
	public static Set<Orientation> parse(final String list) {
		final Set<Orientation> set = EnumSet.noneOf(Orientation.class);
		for (final String part : (list == null ? "" : list).split("[,+ ]+")) {
			if (part.isEmpty()) continue;
			try {
				set.add(valueOf(part.trim().toUpperCase(Locale.ROOT)));
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException("orientation '" + part + "' is not xz or yz: give xz, yz or xz,yz");
			}
		}
		if (set.isEmpty()) throw new IllegalArgumentException("no orientation given: give xz, yz or xz,yz");
		return set;
	}
}
