package org.deepsr.tile;

import java.util.AbstractList;
import java.util.List;

/**
 * Where the tiles of one image lie (the "calculator" of the tiling; the
 * {@link Tiler} extracts and merges).
 * <p>
 * Every tile has the same input shape, {@code interior + 2 * halo} per axis,
 * because TensorFlow re-specialises its kernels on every new input shape. The
 * interior is a multiple of the network's {@code step}, and the halo is raised
 * where needed so that {@code 2 * halo} is one too: the whole input tile is
 * then a multiple of the step. Along each axis tiles follow each other without
 * overlap, except the last, which is shifted inward to keep the common shape
 * (its output overlapping the previous tile's is dropped). An axis shorter than
 * the interior gets a single tile whose interior is the axis length rounded up
 * to the step, mirror-padded past the image.
 * <p>
 * The halo must be at least the network's receptive-field radius (in input
 * pixels) for tiled output to equal untiled output.
 */
public final class TilePlan {

	/**
	 * Default estimate of the memory a network needs per input pixel of a tile,
	 * in bytes: 4-byte floats times 64 feature channels times 4 activations alive
	 * at once, typical of the EDSR/FSRCNN family at low resolution. Pass a model's
	 * own figure where known (networks upscaling early need scale^2 times more).
	 */
	public static final double DEFAULT_BYTES_PER_INPUT_PIXEL = 4.0 * 64 * 4;

	/** What the network sees past the image edge. */
	public enum Border {
		/**
		 * The image mirrored (ImgLib2's extendMirrorDouble) over the halo: every
		 * output pixel has real-looking context, the usual choice for tiling.
		 */
		MIRROR,
		/**
		 * No padding at the image edge: tiles there are shifted inward so that the
		 * network's own padding meets the image edge, exactly as in one run over
		 * the whole image. Tiled output then reproduces a whole-image run (for
		 * example OpenCV's dnn_superres results); only an image that is not a
		 * multiple of the step is still mirror-padded by the remainder.
		 */
		NETWORK
	}

	private final long width, height, depth;
	private final int interiorWidth, interiorHeight, interiorDepth, halo, haloZ, step;
	private final Border border;
	private final List<Tile> tiles;

	private TilePlan(final long width, final long height, final int interiorWidth,
		final int interiorHeight, final int halo, final int step)
	{
		this(width, height, 1, interiorWidth, interiorHeight, 1, halo, 0, step, Border.MIRROR);
	}

	private TilePlan(final long width, final long height, final long depth, final int interiorWidth,
		final int interiorHeight, final int interiorDepth, final int halo, final int haloZ, final int step,
		final Border border)
	{
		this.border = border;
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.interiorWidth = interiorWidth;
		this.interiorHeight = interiorHeight;
		this.interiorDepth = interiorDepth;
		this.halo = halo;
		this.haloZ = haloZ;
		this.step = step;
		final long[][] xs = spans(width, interiorWidth);
		final long[][] ys = spans(height, interiorHeight);
		final long[][] zs = spans(depth, interiorDepth);
		if ((long) xs.length * ys.length * zs.length > Integer.MAX_VALUE) throw new IllegalArgumentException(
			"Tiles of " + interiorWidth + "x" + interiorHeight + "x" + interiorDepth + " would cut a " + width +
				"x" + height + "x" + depth + " image into too many tiles; choose a larger tile size.");
		// Computed on access: a large image in small tiles needs no list of millions of tiles.
		this.tiles = new AbstractList<>() {

			@Override
			public Tile get(final int index) {
				final long[] sx = xs[index % xs.length], sy = ys[index / xs.length % ys.length];
				final long[] sz = zs[index / xs.length / ys.length];
				return new Tile(sx[0], sy[0], sz[0], sx[1], sy[1], sz[1], (int) sx[2], (int) sy[2], (int) sz[2]);
			}

			@Override
			public int size() {
				return xs.length * ys.length * zs.length;
			}
		};
	}

	/**
	 * A 3-D plan: blocks of {@code interior x interior x interiorDepth} with a
	 * halo of {@code halo} pixels in x and y and {@code haloZ} slices in z, the
	 * same rules along z as along x and y (no step in z: any depth is accepted).
	 *
	 * @param depth slices, 1 or more
	 * @param interiorDepth wanted block depth without halo, 1 or more; shrunk to the depth
	 * @param haloZ context slices per side, 0 or more
	 * @see #of(long, long, int, int, int) for the other parameters
	 */
	public static TilePlan of(final long width, final long height, final long depth, final int interior,
		final int interiorDepth, final int step, final int halo, final int haloZ)
	{
		if (depth < 1 || interiorDepth < 1 || haloZ < 0) throw new IllegalArgumentException("Depth (" + depth +
			") and block depth (" + interiorDepth + ") must be at least 1 and the z halo (" + haloZ +
			") at least 0.");
		final TilePlan xy = of(width, height, interior, step, halo);
		return new TilePlan(width, height, depth, xy.interiorWidth, xy.interiorHeight, (int) Math.min(
			interiorDepth, depth), xy.halo, haloZ, step, Border.MIRROR);
	}

	/**
	 * A plan with a user-given tile interior.
	 *
	 * @param width image width in pixels, 1 or more
	 * @param height image height in pixels, 1 or more
	 * @param interior wanted interior (tile without halo) side in pixels, 1 or
	 *          more; rounded to the nearest multiple of {@code step} (at least
	 *          one step), and shrunk to the image rounded up to the step
	 * @param step the network's size step, 1 or more (e.g. 4 for a network
	 *          that halves its input twice)
	 * @param halo receptive-field radius in input pixels, 0 or more
	 */
	public static TilePlan of(final long width, final long height, final int interior,
		final int step, final int halo)
	{
		check(width, height, step, halo);
		if (interior < 1) throw new IllegalArgumentException("Tile size must be at least 1 pixel, got " +
			interior + ".");
		final long rounded = Math.max(step, Math.round(interior / (double) step) * step);
		if (rounded > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("Tile size " +
			interior + " is too large; choose at most " + Integer.MAX_VALUE / 4 + ".");
		return create(width, height, (int) rounded, step, halo);
	}

	/**
	 * A plan whose tiles fit a memory budget: as few tiles as interiors of up to
	 * the largest side with {@code (side + 2 * halo)^2 * bytesPerInputPixel <=
	 * budgetBytes} need (at least one step even when the budget is smaller),
	 * made as even as the step allows so that the last tile overlaps little.
	 *
	 * @param budgetBytes memory the network may use for one tile, in bytes, more
	 *          than 0
	 * @param bytesPerInputPixel the network's memory per input pixel, in bytes,
	 *          more than 0; {@link #DEFAULT_BYTES_PER_INPUT_PIXEL} when unknown
	 * @see #of(long, long, int, int, int) for the other parameters
	 */
	public static TilePlan forMemory(final long width, final long height, final long budgetBytes,
		final double bytesPerInputPixel, final int step, final int halo)
	{
		check(width, height, step, halo);
		if (budgetBytes <= 0 || !(bytesPerInputPixel > 0) || Double.isInfinite(bytesPerInputPixel))
			throw new IllegalArgumentException("Memory budget (" + budgetBytes +
				" bytes) and bytes per pixel (" + bytesPerInputPixel + ") must both be positive.");
		final double side = Math.sqrt(budgetBytes / bytesPerInputPixel) - 2.0 * evenHalo(halo, step);
		final double steps = Math.min(Math.floor(side / step), (Integer.MAX_VALUE / 4) / step);
		final int largest = (int) Math.max(1, steps) * step;
		return new TilePlan(width, height, balanced(largest, width, step), balanced(largest, height, step),
			evenHalo(halo, step), step);
	}

	/**
	 * A single tile covering the whole image, padded by the halo (mirror) and
	 * rounded up to the step exactly as tiled plans pad their border tiles, so
	 * that untiled output is defined the same way at the borders.
	 *
	 * @see #of(long, long, int, int, int) for the parameters
	 */
	public static TilePlan whole(final long width, final long height, final int step,
		final int halo)
	{
		check(width, height, step, halo);
		final long w = roundUp(width, step), h = roundUp(height, step);
		if (w > Integer.MAX_VALUE / 2 || h > Integer.MAX_VALUE / 2) throw new IllegalArgumentException(
			"Image " + width + "x" + height + " is too large for a single tile; use a tiled plan.");
		return new TilePlan(width, height, (int) w, (int) h, evenHalo(halo, step), step);
	}

	private static TilePlan create(final long width, final long height, final int interior,
		final int step, final int halo)
	{
		// A small image gets one tile of its own size (rounded to the step), not a big padded one.
		final int iw = (int) Math.min(interior, roundUp(width, step));
		final int ih = (int) Math.min(interior, roundUp(height, step));
		return new TilePlan(width, height, iw, ih, evenHalo(halo, step), step);
	}

	/**
	 * The interior along one axis: as many tiles as the largest allowed interior
	 * needs, then the smallest interior (a multiple of the step) that covers the
	 * axis with that many. A 1024-pixel axis with at most 1016 per tile gets two
	 * tiles of 512 rather than two of 1016 overlapping by 1008; a small image
	 * gets one tile of its own size (rounded to the step), not a big padded one.
	 */
	private static int balanced(final int interior, final long length, final int step) {
		final long tiles = (length + interior - 1) / interior;
		return (int) Math.min(interior, roundUp((length + tiles - 1) / tiles, step));
	}

	private static void check(final long width, final long height, final int step, final int halo) {
		if (width < 1 || height < 1) throw new IllegalArgumentException("Image must be at least 1x1 pixel, got " +
			width + "x" + height + ".");
		if (step < 1) throw new IllegalArgumentException("Network step must be at least 1, got " + step + ".");
		if (halo < 0) throw new IllegalArgumentException("Halo must be 0 or more pixels, got " + halo + ".");
	}

	/** Smallest halo >= {@code halo} with {@code 2 * halo} a multiple of {@code step}. */
	private static int evenHalo(final int halo, final int step) {
		final int unit = step % 2 == 0 ? step / 2 : step;
		return (int) roundUp(halo, unit);
	}

	private static long roundUp(final long n, final long step) {
		return (n + step - 1) / step * step;
	}

	/**
	 * Per axis: {interior start, write start, write length} of each tile; the
	 * last tile is shifted inward to end at the image edge.
	 */
	private static long[][] spans(final long length, final int interior) {
		final long count = (length + interior - 1) / interior;
		if (count > Integer.MAX_VALUE) throw new IllegalArgumentException("An axis of " + length +
			" pixels needs too many tiles of " + interior + "; choose a larger tile size.");
		final long[][] spans = new long[(int) count][];
		for (int i = 0; i < count; i++) {
			final long write = (long) i * interior;
			final long start = Math.max(0, Math.min(write, length - interior));
			spans[i] = new long[] { start, write, Math.min(interior, length - write) };
		}
		return spans;
	}

	/** Image width in pixels. */
	public long width() {
		return width;
	}

	/** Image height in pixels. */
	public long height() {
		return height;
	}

	/** Image depth in slices (1 in a 2-D plan). */
	public long depth() {
		return depth;
	}

	/** Interior (block without halo) depth in slices (1 in a 2-D plan). */
	public int interiorDepth() {
		return interiorDepth;
	}

	/** Halo per side in slices (0 in a 2-D plan). */
	public int haloZ() {
		return haloZ;
	}

	/** Interior (tile without halo) width, a multiple of {@link #step()}. */
	public int interiorWidth() {
		return interiorWidth;
	}

	/** Interior (tile without halo) height, a multiple of {@link #step()}. */
	public int interiorHeight() {
		return interiorHeight;
	}

	/** Halo per side in input pixels, as used (possibly raised from the requested one). */
	public int halo() {
		return halo;
	}

	/** The network's size step. */
	public int step() {
		return step;
	}

	/** The same tiles with another border policy. */
	public TilePlan withBorder(final Border policy) {
		return new TilePlan(width, height, depth, interiorWidth, interiorHeight, interiorDepth, halo, haloZ,
			step, policy);
	}

	public Border border() {
		return border;
	}

	/**
	 * Width of the input tile the network sees: interior plus two halos, or
	 * with {@link Border#NETWORK} at most the image rounded up to the step.
	 */
	public int tileWidth() {
		return window(interiorWidth, width);
	}

	/** Height of the input tile the network sees; see {@link #tileWidth()}. */
	public int tileHeight() {
		return window(interiorHeight, height);
	}

	/** Depth of the input block the network sees (1 in a 2-D plan); see {@link #tileWidth()}. */
	public int tileDepth() {
		final int padded = interiorDepth + 2 * haloZ;
		return border == Border.MIRROR ? padded : (int) Math.min(padded, depth);
	}

	private int window(final int interior, final long length) {
		final int padded = interior + 2 * halo;
		return border == Border.MIRROR ? padded : (int) Math.min(padded, roundUp(length, step));
	}

	/** Image x of the input tile's first column (negative where it reaches past the image). */
	public long windowX(final Tile tile) {
		return windowStart(tile.x(), width, tileWidth(), halo);
	}

	/** Image y of the input tile's first row (negative where it reaches past the image). */
	public long windowY(final Tile tile) {
		return windowStart(tile.y(), height, tileHeight(), halo);
	}

	/** Image z of the input block's first slice (negative where it reaches past the volume). */
	public long windowZ(final Tile tile) {
		return windowStart(tile.z(), depth, tileDepth(), haloZ);
	}

	private long windowStart(final long interiorStart, final long length, final int window,
		final int halo)
	{
		if (border == Border.MIRROR) return interiorStart - halo;
		return Math.max(0, Math.min(interiorStart - halo, length - window));
	}

	/** Tiles along x: {@link #tiles()} lists them x fastest, so each row of tiles is {@code columns()} consecutive tiles. */
	public int columns() {
		return spanCount(width, interiorWidth);
	}

	/** Rows of tiles along y; row {@code r} writes image rows {@code [r * interiorHeight(), min(height, (r + 1) * interiorHeight()))}. */
	public int rows() {
		return spanCount(height, interiorHeight);
	}

	private static int spanCount(final long length, final int interior) {
		return (int) ((length + interior - 1) / interior);
	}

	/** The tiles, row by row (x fastest, then y, then z), unmodifiable. */
	public List<Tile> tiles() {
		return tiles;
	}

	@Override
	public String toString() {
		return "TilePlan[" + width + "x" + height + " in " + tiles.size() + " tiles of " + tileWidth() +
			"x" + tileHeight() + " (interior " + interiorWidth + "x" + interiorHeight + ", halo " + halo +
			", step " + step + ")" + (depth > 1 || interiorDepth > 1 ? ", depth " + depth + " in blocks of " +
				tileDepth() + " (interior " + interiorDepth + ", halo " + haloZ + ")" : "") + "]";
	}
}
