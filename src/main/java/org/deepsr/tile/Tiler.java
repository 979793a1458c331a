package org.deepsr.tile;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.deepsr.progress.Progress;

/**
 * Runs a {@link TileFunction} over an image tile by tile, or a
 * {@link BlockFunction} over a volume block by block, and stitches the
 * output (the "tile maker" and "merger" of the tiling).
 * <p>
 * Tiles are cut from the input mirror-extended with
 * {@link Views#extendMirrorDouble} (edge pixel repeated, as numpy's
 * {@code pad(mode="symmetric")}); from each output tile the
 * {@code scale * halo} border and the overlap of shifted last tiles are
 * dropped. The loop is a producer/consumer: one helper thread cuts the next
 * tile while the network runs the current one; outputs are written on the
 * calling thread, which is the only one that calls the network.
 */
public final class Tiler {

	private Tiler() {}

	/**
	 * Upscales a whole image into a new array image.
	 *
	 * @param input dims (x, y, c): c the network's input channels; any value range
	 * @param net the network; called from the calling thread only
	 * @param plan made for this input's width and height
	 * @param scale upscaling factor, 1 or more
	 * @param outChannels channels per output pixel, 1 or more
	 * @param progress receives tiles done/total; cancellation is checked between tiles
	 * @return dims (scale * width, scale * height, outChannels)
	 * @throws org.deepsr.progress.CancelledException when cancelled
	 */
	public static ArrayImg<FloatType, FloatArray> run(final RandomAccessibleInterval<FloatType> input,
		final TileFunction net, final TilePlan plan, final int scale, final int outChannels,
		final Progress progress)
	{
		if (scale < 1 || outChannels < 1) throw new IllegalArgumentException("Scale (" + scale +
			") and output channels (" + outChannels + ") must be at least 1.");
		final long pixels = scale * plan.width() * scale * plan.height() * outChannels;
		if (pixels > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Output of " + pixels +
			" values is too large for one array; pass an output image to run(..., output, progress).");
		final ArrayImg<FloatType, FloatArray> output = ArrayImgs.floats(scale * plan.width(), scale *
			plan.height(), outChannels);
		run(input, net, plan, scale, output, progress);
		return output;
	}

	/**
	 * Upscales a whole image into a given output (e.g. a plane of a larger or
	 * cell-backed image).
	 *
	 * @param output dims (scale * width, scale * height, outChannels); its
	 *          minimum corresponds to the input's minimum
	 * @see #run(RandomAccessibleInterval, TileFunction, TilePlan, int, int, Progress)
	 */
	public static void run(final RandomAccessibleInterval<FloatType> input, final TileFunction net,
		final TilePlan plan, final int scale, final RandomAccessibleInterval<FloatType> output,
		final Progress progress)
	{
		checkShapes(input, plan, scale, output);
		if (plan.depth() != 1) throw new IllegalArgumentException("A 3-D plan needs a 3-D input: use runBlocks.");
		blocks(input, (in, d, h, w) -> net.apply(in, h, w), plan, plan.tiles(), 0, scale, output, progress);
	}

	/**
	 * Upscales one band of an image: the rows of tiles {@code [fromRow, toRow)}
	 * of a 2-D plan, each tile cut from the whole input as {@link #run} cuts
	 * it, so that the band equals those rows of the whole output
	 * ({@link BandedPlane} computes a plane this way as it is read).
	 *
	 * @param output dims (scale * width, scale * rows written by these tile rows, outChannels); its
	 *          minimum corresponds to input row {@code fromRow * plan.interiorHeight()}
	 */
	public static void runRows(final RandomAccessibleInterval<FloatType> input, final TileFunction net,
		final TilePlan plan, final int scale, final int fromRow, final int toRow,
		final RandomAccessibleInterval<FloatType> output, final Progress progress)
	{
		if (plan.depth() != 1) throw new IllegalArgumentException("A 3-D plan needs a 3-D input: use runBlocks.");
		if (fromRow < 0 || toRow > plan.rows() || fromRow >= toRow) throw new IllegalArgumentException("Tile rows " +
			fromRow + ".." + toRow + " are not within the plan's " + plan.rows() + " rows.");
		final long y0 = (long) fromRow * plan.interiorHeight();
		final long rows = Math.min(plan.height(), (long) toRow * plan.interiorHeight()) - y0;
		checkInput(input, plan);
		if (output.numDimensions() != 3 || output.dimension(0) != scale * plan.width() || output.dimension(1) !=
			scale * rows) throw new IllegalArgumentException("A band's output must be " + scale * plan.width() + "x" +
				scale * rows + "xC for tile rows " + fromRow + ".." + toRow + " at scale " + scale + ".");
		final int n = plan.columns();
		blocks(input, (in, d, h, w) -> net.apply(in, h, w), plan, plan.tiles().subList(fromRow * n, toRow * n), y0,
			scale, output, progress);
	}

	/**
	 * Runs a 3-D network over a volume block by block: blocks with a halo in x,
	 * y and z, mirror-extended past the volume, outputs upscaled in x and y.
	 *
	 * @param input dims (x, y, z, c)
	 * @param plan a 3-D plan ({@link TilePlan#of(long, long, long, int, int, int, int, int)}) for this input
	 * @param output dims (scale * x, scale * y, z, outChannels)
	 */
	public static void runBlocks(final RandomAccessibleInterval<FloatType> input, final BlockFunction net,
		final TilePlan plan, final int scale, final RandomAccessibleInterval<FloatType> output,
		final Progress progress)
	{
		if (input.numDimensions() != 4 || output.numDimensions() != 4 || input.dimension(2) != plan.depth() ||
			output.dimension(2) != plan.depth()) throw new IllegalArgumentException("Input and output must have dims (x, y, z, c) with " +
				plan.depth() + " slices.");
		checkShapes(Views.hyperSlice(input, 2, input.min(2)), plan, scale, Views.hyperSlice(output, 2, output
			.min(2)));
		blocks(input, net, plan, plan.tiles(), 0, scale, output, progress);
	}

	/**
	 * Upscales several images of one size, their tiles (all of one shape)
	 * handed to the network up to {@code batch} at a time through
	 * {@link TileFunction#applyAll}, e.g. the small planes of a stack in one
	 * call; each output equals what {@link #run(RandomAccessibleInterval, TileFunction, TilePlan, int,
	 * RandomAccessibleInterval, Progress)} gives its input. One helper thread
	 * cuts the next batch while the network runs the current one.
	 *
	 * @param inputs dims (x, y, c) each, all of the plan's width and height
	 * @param outputs dims (scale * width, scale * height, outChannels), one per input
	 * @param batch the most tiles per call, 1 or more
	 * @param progress receives tiles done/total; cancellation is checked between batches
	 */
	public static void runAll(final List<? extends RandomAccessibleInterval<FloatType>> inputs,
		final TileFunction net, final TilePlan plan, final int scale,
		final List<? extends RandomAccessibleInterval<FloatType>> outputs, final int batch,
		final Progress progress)
	{
		if (inputs.size() != outputs.size() || inputs.isEmpty()) throw new IllegalArgumentException(
			"One output per input is needed, got " + inputs.size() + " inputs and " + outputs.size() + " outputs.");
		if (batch < 1) throw new IllegalArgumentException("The batch must be at least 1, got " + batch + ".");
		if (plan.depth() != 1) throw new IllegalArgumentException("A 3-D plan needs a 3-D input: use runBlocks.");
		for (int i = 0; i < inputs.size(); i++)
			checkShapes(inputs.get(i), plan, scale, outputs.get(i));
		final List<Tile> tiles = plan.tiles();
		final int n = tiles.size(), total = n * inputs.size();
		final ExecutorService cutter = Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "deepsr-tile-cutter");
			t.setDaemon(true);
			return t;
		});
		try {
			Future<float[][]> next = cutter.submit(() -> extractAll(inputs, plan, tiles, 0, Math.min(total, batch)));
			for (int from = 0; from < total; from += batch) {
				progress.checkCancelled();
				final int to = Math.min(total, from + batch);
				final float[][] in = await(next);
				if (to < total) {
					final int following = to;
					next = cutter.submit(() -> extractAll(inputs, plan, tiles, following, Math.min(total, following +
						batch)));
				}
				final float[][] out = in.length == 1 ? new float[][] { net.apply(in[0], plan.tileHeight(), plan
					.tileWidth()) } : net.applyAll(in, plan.tileHeight(), plan.tileWidth());
				if (out == null || out.length != in.length) throw new IllegalStateException("The network returned " +
					(out == null ? "nothing" : out.length + " tiles") + " for a batch of " + in.length + ".");
				for (int k = from; k < to; k++)
					write(out[k - from], plan, tiles.get(k % n), 0, scale, outputs.get(k / n));
				progress.progress(to, total);
			}
		}
		finally {
			cutter.shutdownNow();
		}
	}

	/** Tiles {@code from..to} of the inputs' tiles counted image after image. */
	private static float[][] extractAll(final List<? extends RandomAccessibleInterval<FloatType>> inputs,
		final TilePlan plan, final List<Tile> tiles, final int from, final int to)
	{
		final float[][] out = new float[to - from][];
		for (int k = from; k < to; k++)
			out[k - from] = extract(inputs.get(k / tiles.size()), plan, tiles.get(k % tiles.size()));
		return out;
	}

	/**
	 * The producer/consumer loop over (x, y, c) or (x, y, z, c) input and output.
	 *
	 * @param tiles the plan's tiles to run (all, or a band's)
	 * @param y0 the input row the output's minimum corresponds to (0 but for a band)
	 */
	private static void blocks(final RandomAccessibleInterval<FloatType> input, final BlockFunction net,
		final TilePlan plan, final List<Tile> tiles, final long y0, final int scale,
		final RandomAccessibleInterval<FloatType> output, final Progress progress)
	{
		final ExecutorService cutter = Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "deepsr-tile-cutter");
			t.setDaemon(true);
			return t;
		});
		try {
			Future<float[]> next = cutter.submit(() -> extract(input, plan, tiles.get(0)));
			for (int i = 0; i < tiles.size(); i++) {
				progress.checkCancelled();
				final float[] in = await(next);
				if (i + 1 < tiles.size()) {
					final Tile following = tiles.get(i + 1);
					next = cutter.submit(() -> extract(input, plan, following));
				}
				final float[] out = net.apply(in, plan.tileDepth(), plan.tileHeight(), plan.tileWidth());
				write(out, plan, tiles.get(i), y0, scale, output);
				progress.progress(i + 1, tiles.size());
			}
		}
		finally {
			cutter.shutdownNow();
		}
	}

	private static void checkShapes(final RandomAccessibleInterval<FloatType> input,
		final TilePlan plan, final int scale, final RandomAccessibleInterval<FloatType> output)
	{
		if (output.numDimensions() != 3) throw new IllegalArgumentException(
			"Output must have dims (x, y, c); got " + output.numDimensions() + " dims.");
		checkInput(input, plan);
		if (scale < 1 || output.dimension(0) != scale * plan.width() || output.dimension(1) != scale *
			plan.height()) throw new IllegalArgumentException("Output must be " + scale * plan.width() +
				"x" + scale * plan.height() + " for scale " + scale + ", got " + output.dimension(0) + "x" +
				output.dimension(1) + ".");
	}

	private static void checkInput(final RandomAccessibleInterval<FloatType> input, final TilePlan plan) {
		if (input.numDimensions() != 3) throw new IllegalArgumentException(
			"Input must have dims (x, y, c); got " + input.numDimensions() + " dims.");
		if (input.dimension(0) != plan.width() || input.dimension(1) != plan.height())
			throw new IllegalArgumentException("Tile plan is for " + plan.width() + "x" + plan.height() +
				" but the input is " + input.dimension(0) + "x" + input.dimension(1) + "; make the plan for this image.");
	}

	private static <T> T await(final Future<T> tile) {
		try {
			return tile.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while cutting a tile.", e);
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			throw new IllegalStateException("Cutting a tile failed: " + cause, cause);
		}
	}

	/**
	 * Input block as row-major [tileDepth][tileHeight][tileWidth][c] of an (x,
	 * y, c) or (x, y, z, c) input, mirror-extended past it. (Indexed directly
	 * rather than through a view with a z axis added, which halved the speed.)
	 */
	static float[] extract(final RandomAccessibleInterval<FloatType> input, final TilePlan plan,
		final Tile tile)
	{
		final int w = plan.tileWidth(), h = plan.tileHeight(), d = plan.tileDepth();
		final int cd = input.numDimensions() - 1, channels = (int) input.dimension(cd);
		final float[] data = new float[w * h * d * channels];
		final RandomAccessible<FloatType> extended = Views.extendMirrorDouble(input);
		final RandomAccess<FloatType> ra = extended.randomAccess();
		final long x0 = input.min(0) + plan.windowX(tile);
		final long y0 = input.min(1) + plan.windowY(tile);
		final long z0 = cd == 3 ? input.min(2) + plan.windowZ(tile) : 0;
		final long[] position = new long[cd + 1];
		for (int c = 0; c < channels; c++)
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++) {
					position[0] = x0;
					position[1] = y0 + y;
					if (cd == 3) position[2] = z0 + z;
					position[cd] = input.min(cd) + c;
					ra.setPosition(position);
					for (int x = 0, i = ((z * h + y) * w) * channels + c; x < w; x++, i += channels) {
						data[i] = ra.get().get();
						ra.fwd(0);
					}
				}
		return data;
	}

	/**
	 * Copies the part of the output block this tile is responsible for into the (x, y, c) or (x, y, z, c) output,
	 * whose minimum corresponds to input row {@code y0}.
	 */
	private static void write(final float[] out, final TilePlan plan, final Tile tile, final long y0,
		final int scale, final RandomAccessibleInterval<FloatType> output)
	{
		final int cd = output.numDimensions() - 1, channels = (int) output.dimension(cd);
		final int outW = scale * plan.tileWidth(), outH = scale * plan.tileHeight(), outD = plan.tileDepth();
		if (out == null || out.length != (long) outW * outH * outD * channels) throw new IllegalStateException(
			"The network returned " + (out == null ? "nothing" : out.length + " values") + " for a " +
				plan.tileWidth() + "x" + plan.tileHeight() + (outD > 1 ? "x" + outD : "") + " tile; expected " +
				outW + "x" + outH + (outD > 1 ? "x" + outD : "") + "x" + channels + " (scale " + scale + ", " +
				channels + " output channels).");
		// Offset of the write region inside the output block: the halo plus any inward shift.
		final int dx = scale * (int) (tile.writeX() - plan.windowX(tile));
		final int dy = scale * (int) (tile.writeY() - plan.windowY(tile));
		final int dz = (int) (tile.writeZ() - plan.windowZ(tile));
		final int w = scale * tile.writeWidth(), h = scale * tile.writeHeight(), d = tile.writeDepth();
		final RandomAccess<FloatType> ra = output.randomAccess();
		final long[] position = new long[cd + 1];
		for (int c = 0; c < channels; c++)
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++) {
					position[0] = output.min(0) + scale * tile.writeX();
					position[1] = output.min(1) + scale * (tile.writeY() - y0) + y;
					if (cd == 3) position[2] = output.min(2) + tile.writeZ() + z;
					position[cd] = output.min(cd) + c;
					ra.setPosition(position);
					for (int x = 0, i = (((dz + z) * outH + dy + y) * outW + dx) * channels + c; x < w; x++, i +=
						channels) {
						ra.get().set(out[i]);
						ra.fwd(0);
					}
				}
	}
}
