package org.deepsr.tile;

/**
 * One tile (or, in a 3-D plan, block) of a {@link TilePlan}, in input-image
 * pixel coordinates (x to the right, y down, z the slice, 0-based from the
 * image's minimum). Along z the same rules hold as along x and y, with the
 * plan's z interior and z halo.
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

	private final long x, y, z, writeX, writeY, writeZ;
	private final int writeWidth, writeHeight, writeDepth;

	Tile(final long x, final long y, final long z, final long writeX, final long writeY, final long writeZ,
		final int writeWidth, final int writeHeight, final int writeDepth)
	{
		this.x = x;
		this.y = y;
		this.z = z;
		this.writeX = writeX;
		this.writeY = writeY;
		this.writeZ = writeZ;
		this.writeWidth = writeWidth;
		this.writeHeight = writeHeight;
		this.writeDepth = writeDepth;
	}

	/** First slice of the interior (0 in a 2-D plan). */
	public long z() {
		return z;
	}

	/** First slice of the region this tile writes, {@code >= z()}. */
	public long writeZ() {
		return writeZ;
	}

	/** Slices of the region this tile writes (1 in a 2-D plan). */
	public int writeDepth() {
		return writeDepth;
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
		return "Tile[interior at (" + x + ", " + y + ", " + z + "), writes " + writeWidth + "x" + writeHeight +
			"x" + writeDepth + " at (" + writeX + ", " + writeY + ", " + writeZ + ")]";
	}
}
