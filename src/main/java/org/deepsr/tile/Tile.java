package org.deepsr.tile;

/**
 * One tile of a {@link TilePlan}, in input-image pixel coordinates (x to the
 * right, y down, 0-based from the image's minimum).
 * <p>
 * The network sees the input region {@code [x - halo, x + interiorWidth + halo)}
 * by {@code [y - halo, y + interiorHeight + halo)}, mirror-extended where it
 * leaves the image. Of its output, only the region this tile is responsible
 * for, {@code [writeX, writeX + writeWidth)} by
 * {@code [writeY, writeY + writeHeight)} (times the scale), is kept: it lies
 * inside the tile's interior and, over all tiles of a plan, covers every image
 * pixel exactly once.
 */
public final class Tile {

	private final long x, y, writeX, writeY;
	private final int writeWidth, writeHeight;

	Tile(final long x, final long y, final long writeX, final long writeY, final int writeWidth,
		final int writeHeight)
	{
		this.x = x;
		this.y = y;
		this.writeX = writeX;
		this.writeY = writeY;
		this.writeWidth = writeWidth;
		this.writeHeight = writeHeight;
	}

	/** Left edge of the interior (halo excluded), {@code >= 0}; the interior of a tile wider than the image extends past its right edge. */
	public long x() {
		return x;
	}

	/** Top edge of the interior (halo excluded). */
	public long y() {
		return y;
	}

	/** Left edge of the region this tile writes, {@code >= x()}. */
	public long writeX() {
		return writeX;
	}

	/** Top edge of the region this tile writes, {@code >= y()}. */
	public long writeY() {
		return writeY;
	}

	/** Width of the region this tile writes, 1 or more, at most the interior width. */
	public int writeWidth() {
		return writeWidth;
	}

	/** Height of the region this tile writes, 1 or more, at most the interior height. */
	public int writeHeight() {
		return writeHeight;
	}

	@Override
	public String toString() {
		return "Tile[interior at (" + x + ", " + y + "), writes " + writeWidth + "x" + writeHeight +
			" at (" + writeX + ", " + writeY + ")]";
	}
}
