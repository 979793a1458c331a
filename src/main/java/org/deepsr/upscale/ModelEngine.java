package org.deepsr.upscale;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.view.Views;

import org.deepsr.image.ImagePlanes;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.deepsr.image.YCbCr;
import org.deepsr.model.LoadedModel;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.normalise.Normaliser;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.Resampler;
import org.deepsr.tile.TilePlan;
import org.deepsr.tile.Tiler;

/**
 * Upscaling with a trained network: colour handling per the model's channel
 * mode, normalisation from whole-image statistics, then tiled inference.
 */
final class ModelEngine implements Engine {

	/**
	 * Memory one tile may take when the user leaves the tile size automatic:
	 * about 256x256-pixel tiles, which ran fastest on the CPU (ESPCN x3, 1024x1024
	 * input: 22.7 MP/s of output with 256 tiles, 18.6 with 512, 7.2 with one
	 * 1024 tile; `deepsr speed --tile N`). Larger tiles may pay on a GPU: give
	 * the tile size there. Capped by {@link Memory#tileBudget} at a quarter of
	 * the memory the system has available.
	 */
	static final long TILE_BUDGET_BYTES = 64L << 20;

	/** The smallest tile side {@link #shrinkTiles} goes down to, in input pixels (rounded up to the step). */
	private static final int MIN_TILE = 32;

	/** The most planes (or tiles) per network call when the batch is automatic. */
	static final int MAX_BATCH = 16;

	private final LoadedModel model;
	private final String name;
	/** The tile side, 0 for automatic; smaller after a plane did not fit the heap. */
	private int tileSize;
	/** Per image channel, from {@link #begin}; one shared by the colours of RGB. */
	private Normaliser[] normalisers;
	/** The most tiles per network call: 0 automatic, 1 one by one. */
	private final int batch;
	/** The lower bound of {@link FluxConstraint} for the current volume (0 for unsigned or non-negative data). */
	private double lowerBound = Double.NEGATIVE_INFINITY;
	/** What {@link #begin} found far from the model's training data; told once per volume. */
	private List<String> warnings = List.of();

	/**
	 * @param tileSize interior tile size in input pixels, 0 for automatic
	 * @param batch the most tiles per network call, 0 automatic ({@link #planesPerCall}), 1 one by one
	 */
	ModelEngine(final LoadedModel model, final String name, final int tileSize, final int batch) {
		this.model = model;
		this.batch = batch;
		this.name = name;
		this.tileSize = tileSize;
	}

	@Override
	public int scale() {
		return model.scale();
	}

	@Override
	public String describe() {
		final ModelDescriptor d = model.descriptor();
		return "model " + name + " (" + d.architecture + ", x" + model.scale() + ", " + d.channels.mode + ")";
	}

	@Override
	public String device() {
		return model.device();
	}

	@Override
	public int minSize() {
		return Math.max(1, model.minSize());
	}

	/**
	 * The live peak: the float outputs, the input copies (Y, Cb, Cr of RGB, or the
	 * one channel in the network) and the bicubic passes of both chroma planes
	 * (they run beside the network), as
	 * {@link ClassicalEngine#planeBytes}; plus the tile buffers: a tile cut, the
	 * next one cut meanwhile, the network's output and its copy, times the
	 * tiles of one call ({@link #planesPerCall}: small ones only). A lower
	 * bound: a 16-bit 1024x1024 plane through a x3 grey model into a TIFF
	 * (estimated 41 MiB) runs under -Xmx64m, not -Xmx48m; one RGB 2048x2048
	 * plane x3 through a luma model into an ImagePlus (estimated 763 MiB) under
	 * -Xmx906m (README, Tiling and memory).
	 */
	@Override
	public long planeBytes(final long width, final long height, final int channels, final boolean rgb) {
		final int s = model.scale();
		final boolean luma = rgb && "y".equals(model.descriptor().channels.mode);
		final double planes = luma ? 3 + 4.0 / s + 6.0 / (s * s) : "rgb".equals(model.descriptor().channels.mode)
			? model.outChannels() + 2.0 * channels / (s * s) : channels + 1.0 / (s * s);
		final TilePlan plan = plan(width, height);
		final long tile = (long) plan.tileWidth() * plan.tileHeight();
		final long tiles = 4L * (2 * tile * model.inChannels() + 2 * tile * s * s * model.outChannels()) *
			tilesPerCall(width, height);
		return (long) (Memory.floatPlane(width, height, s) * planes) + tiles;
	}

	@Override
	public int shrinkTiles(final long width, final long height) {
		final TilePlan plan = plan(width, height);
		final int side = Math.max(plan.interiorWidth(), plan.interiorHeight());
		final int step = model.step(), smallest = (MIN_TILE + step - 1) / step * step;
		final int half = Math.max(smallest, side / 2 / step * step);
		if (half >= side) return 0;
		tileSize = half;
		return half;
	}

	@Override
	public void begin(final VolumeSource source, final long[] channels) {
		final ModelDescriptor d = model.descriptor();
		final VolumeInfo info = source.info();
		if (!info.rgb() && "rgb".equals(d.channels.mode)) throw new IllegalArgumentException("model " + name +
			" needs an RGB image, but '" + info.title() + "' is " + info.type().bits() +
			"-bit: convert it with Image > Type > RGB Color");
		// whole-volume statistics, once; 8-bit and RGB data count as 0..255 in the fixed mode
		final boolean eightBit = info.type() == PixelType.UINT8;
		final boolean checks = d.trainedOn != null || d.conserve != null;
		// grey data are counted for the checks as the normaliser reads them (RGB needs no counts: those checks are for grey data)
		final InputStats stats = new InputStats(Math.toIntExact(info.width()), Math.toIntExact(info.height()));
		normalisers = new Normaliser[Math.toIntExact(info.channels())];
		if (info.rgb()) Arrays.fill(normalisers, Normaliser.of(d.normalisation.mode, d.normalisation.low,
			d.normalisation.high, eightBit, source.planes(), d.valueRange));
		// grey channels (fluorescence stains) have ranges of their own: each its own statistics
		else for (final long c : channels)
			normalisers[(int) c] = Normaliser.of(d.normalisation.mode, d.normalisation.low, d.normalisation.high,
				eightBit, checks ? stats.tap(source.planes(c)) : source.planes(c), d.valueRange);
		if (!checks) {
			lowerBound = Double.NEGATIVE_INFINITY;
			warnings = List.of();
			return;
		}
		stats.finish();
		lowerBound = info.type() != PixelType.FLOAT32 || stats.min() >= 0 ? 0 : Double.NEGATIVE_INFINITY;
		warnings = TrainingMatch.warnings(name, d, info, stats, normaliser(channels[0]));
	}

	@Override
	public List<String> warnings() {
		return warnings;
	}

	private Normaliser normaliser(final long channel) {
		if (normalisers == null || normalisers[(int) channel] == null) throw new IllegalStateException(
			"begin(source) was not called for channel " + channel);
		return normalisers[(int) channel];
	}

	@Override
	public float[][] upscale(final long channel, final List<RandomAccessibleInterval<FloatType>> channels,
		final boolean rgb, final Progress progress)
	{
		final String mode = model.descriptor().channels.mode;
		final int width = Math.toIntExact(channels.get(0).dimension(0));
		final int height = Math.toIntExact(channels.get(0).dimension(1));
		if (rgb && "y".equals(mode)) return upscaleLuma(channels, width, height, progress);
		if ("rgb".equals(mode)) return run(planar(channels, width * height), channels.size(), width, height,
			progress, normaliser(channel));
		final boolean flux = "flux".equals(model.descriptor().conserve);
		final float[][] out = new float[channels.size()][];
		for (int c = 0; c < out.length; c++) {
			out[c] = run(planar(List.of(channels.get(c)), width * height), 1, width, height, progress,
				normaliser(channel + c))[0];
			if (flux) FluxConstraint.apply(out[c], planar(List.of(channels.get(c)), width * height), width, height,
				model.scale(), lowerBound);
		}
		return out;
	}

	/**
	 * Grey planes whose tiles, together, make one call's batch
	 * ({@link #tilesPerCall}) go through the network at once. Colour and luma
	 * models, and a graph that refused a batch, take one at a time.
	 */
	@Override
	public int planesPerCall(final long width, final long height, final boolean rgb) {
		if (rgb || "rgb".equals(model.descriptor().channels.mode)) return 1;
		return Math.max(1, tilesPerCall(width, height) / plan(width, height).tiles().size());
	}

	/**
	 * The tiles one network call takes: the batch the user gave, or, left
	 * automatic, on a GPU as many as fit in {@link Memory#tileBudget}
	 * together (several only when the tiles are small: small planes, or tiles
	 * the user made small), at most {@link #MAX_BATCH}; on the CPU one, since
	 * there a batch paid for some networks and cost others (HyperstackBatchBench, 2
	 * loaded cores: 32x32 planes through ESPCN x2 1.7-2.3 times faster in batches
	 * of 4, through the FSRCNN-based microscopy-x2 0.4-0.95 times as fast); 1
	 * once the graph refused a batch.
	 */
	private int tilesPerCall(final long width, final long height) {
		if (!model.batches() || batch == 1) return 1;
		if (batch > 1) return batch;
		if (!model.device().startsWith("GPU")) return 1;
		final TilePlan plan = plan(width, height);
		final double tileBytes = (double) plan.tileWidth() * plan.tileHeight() *
			TilePlan.DEFAULT_BYTES_PER_INPUT_PIXEL;
		return (int) Math.max(1, Math.min(MAX_BATCH, Memory.tileBudget(TILE_BUDGET_BYTES) / tileBytes));
	}

	/**
	 * Grey planes, each normalised with its channel's statistics, their tiles
	 * run in batches ({@link Tiler#runAll}); equal to {@link #upscale} of each
	 * to float rounding (checked once per model, see {@code LoadedModel}).
	 */
	@Override
	public List<float[][]> upscaleAll(final long[] channels,
		final List<List<RandomAccessibleInterval<FloatType>>> positions, final boolean rgb,
		final Progress progress)
	{
		if (rgb || positions.size() == 1 || "rgb".equals(model.descriptor().channels.mode))
			return Engine.super.upscaleAll(channels, positions, rgb, progress);
		final int width = Math.toIntExact(positions.get(0).get(0).dimension(0));
		final int height = Math.toIntExact(positions.get(0).get(0).dimension(1));
		final int s = model.scale();
		final long w = (long) s * width, h = (long) s * height;
		final List<RandomAccessibleInterval<FloatType>> inputs = new ArrayList<>(), outputs = new ArrayList<>();
		final List<float[][]> results = new ArrayList<>();
		final List<Normaliser> norms = new ArrayList<>();
		for (int i = 0; i < positions.size(); i++) {
			final float[][] result = new float[positions.get(i).size()][];
			for (int k = 0; k < result.length; k++) {
				final Normaliser norm = normaliser(channels[i] + k);
				final float[] planar = planar(List.of(positions.get(i).get(k)), width * height);
				norm.forward(planar);
				inputs.add(ArrayImgs.floats(planar, width, height, 1));
				result[k] = new float[Math.toIntExact(w * h)];
				outputs.add(ArrayImgs.floats(result[k], w, h, 1));
				norms.add(norm);
			}
			results.add(result);
		}
		Tiler.runAll(inputs, model.tileFunction(), plan(width, height).withBorder(border()), s, outputs,
			tilesPerCall(width, height), progress);
		final boolean flux = "flux".equals(model.descriptor().conserve);
		int j = 0;
		for (int i = 0; i < results.size(); i++)
			for (int k = 0; k < results.get(i).length; k++) {
				final float[] plane = results.get(i)[k];
				norms.get(j++).inverse(plane);
				// as upscale does: each plane's flux against its own input
				if (flux) FluxConstraint.apply(plane, planar(List.of(positions.get(i).get(k)), width * height), width,
					height, s, lowerBound);
			}
		return results;
	}

	private TilePlan.Border border() {
		return "network".equals(model.descriptor().input.border) ? TilePlan.Border.NETWORK
			: TilePlan.Border.MIRROR;
	}

	/**
	 * Y through the network, chroma upsampled bicubically, as the OpenCV and
	 * SRCNN-family models expect. Full-size buffers: the network's Y and the two
	 * chroma planes, which become R, G, B in place.
	 */
	private float[][] upscaleLuma(final List<RandomAccessibleInterval<FloatType>> rgb, final int width,
		final int height, final Progress progress)
	{
		final boolean studio = "studio".equals(model.descriptor().channels.ycbcr);
		final int n = width * height;
		final float[] y = new float[n], cb = new float[n], cr = new float[n];
		final Cursor<FloatType> red = Views.flatIterable(rgb.get(0)).cursor();
		final Cursor<FloatType> green = Views.flatIterable(rgb.get(1)).cursor();
		final Cursor<FloatType> blue = Views.flatIterable(rgb.get(2)).cursor();
		for (int i = 0; i < n; i++) {
			final double r = red.next().get(), g = green.next().get(), b = blue.next().get();
			y[i] = (float) (studio ? YCbCr.studioY(r, g, b) : YCbCr.fullY(r, g, b));
			cb[i] = (float) (studio ? YCbCr.studioCb(r, g, b) : YCbCr.fullCb(r, g, b));
			cr[i] = (float) (studio ? YCbCr.studioCr(r, g, b) : YCbCr.fullCr(r, g, b));
		}
		// the chroma's bicubic passes run on a thread of their own while the network runs Y, instead of after it
		// (README, Performance: OpenCvSideBySide's RGB rows)
		final CompletableFuture<float[][]> chroma = CompletableFuture.supplyAsync(() -> new float[][] { bicubic(cb,
			width, height), bicubic(cr, width, height) });
		final float[] out;
		try {
			out = run(y, 1, width, height, progress, Normaliser.eightBit(model.descriptor().valueRange))[0];
		}
		catch (final RuntimeException | Error e) {
			chroma.cancel(false);
			throw e;
		}
		final float[][] up = chroma.join();
		YCbCr.toRgbInPlace(out, up[0], up[1], studio);
		return new float[][] { out, up[0], up[1] };
	}

	private float[] bicubic(final float[] plane, final int width, final int height) {
		return Resampler.upscale(ArrayImgs.floats(plane, width, height), model.scale(),
			Interpolation.BICUBIC).update(null).getCurrentStorageArray();
	}

	/** The channels one after the other in one new array, which the network's normalisation may change in place. */
	private static float[] planar(final List<RandomAccessibleInterval<FloatType>> channels, final int n) {
		final float[] planar = new float[channels.size() * n];
		for (int k = 0; k < channels.size(); k++)
			ImagePlanes.copy(channels.get(k), planar, k * n);
		return planar;
	}

	/**
	 * Normalise (in place), tile through the network straight into one array
	 * per output channel, denormalise (in place).
	 *
	 * @param planar {@code c} planes of {@code width * height}, one after the other; overwritten
	 */
	private float[][] run(final float[] planar, final int c, final int width, final int height,
		final Progress progress, final Normaliser norm)
	{
		norm.forward(planar);
		final ArrayImg<FloatType, FloatArray> input = ArrayImgs.floats(planar, width, height, c);
		final TilePlan plan = plan(width, height);
		final TilePlan.Border border = border();
		final long w = (long) model.scale() * width, h = (long) model.scale() * height;
		final float[][] result = new float[model.outChannels()][Math.toIntExact(w * h)];
		final List<RandomAccessibleInterval<FloatType>> planes = new ArrayList<>();
		for (final float[] plane : result)
			planes.add(ArrayImgs.floats(plane, w, h));
		Tiler.runAll(List.of(input), model.tileFunction(), plan.withBorder(border), model.scale(), List.of(Views
			.stack(planes)), tilesPerCall(width, height), progress);
		for (final float[] plane : result)
			norm.inverse(plane);
		return result;
	}

	private TilePlan plan(final long width, final long height) {
		return tileSize > 0 ? TilePlan.of(width, height, tileSize, model.step(), model.halo()) : TilePlan.forMemory(
			width, height, Memory.tileBudget(TILE_BUDGET_BYTES), TilePlan.DEFAULT_BYTES_PER_INPUT_PIXEL, model.step(),
			model.halo());
	}

	@Override
	public void close() {
		model.close();
	}
}
