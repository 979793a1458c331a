package org.deepsr.upscale;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.Resampler;
import org.deepsr.tile.BandedPlane;
import org.deepsr.tile.TileFunction;
import org.deepsr.tile.TilePlan;

/**
 * Upscaling by interpolation: the baseline every model is compared with. A
 * plane whose floats do not fit the heap goes to the sink band by band
 * ({@link BandedPlane}): tiles with a halo of the kernel's reach, the same
 * values as the whole plane.
 */
final class ClassicalEngine implements Engine {

	/** The first tile side when a plane does not fit whole; halved from there as needed. */
	private static final int FIRST_TILE = 256;
	/** The smallest tile side {@link #shrinkTiles} goes down to. */
	private static final int MIN_TILE = 64;

	private final Interpolation method;
	private final int scale;
	/** 0 for whole planes; else the side of the tiles of a banded plane. */
	private int tileSize;

	ClassicalEngine(final Interpolation method, final int scale) {
		this(method, scale, 0);
	}

	/** @param tileSize 0 for whole planes, else the tile side of banded planes (tests set it) */
	ClassicalEngine(final Interpolation method, final int scale, final int tileSize) {
		if (scale < 1 || scale > 16) throw new IllegalArgumentException(
			"scale must be between 1 and 16, got " + scale);
		this.method = method;
		this.scale = scale;
		this.tileSize = tileSize;
	}

	@Override
	public int scale() {
		return scale;
	}

	@Override
	public String describe() {
		return method.name().toLowerCase() + " x" + scale;
	}

	@Override
	public String device() {
		return "Java (CPU)";
	}

	/**
	 * The live peak of {@code MatlabResize}, channel after channel: the outputs
	 * so far, the plane as doubles, the doubles after the first pass, the float
	 * output. Banded: two bands of floats (the one read and the one made) and
	 * one tile's work, of cut tiles (this one and the next), its doubles and
	 * its output.
	 */
	@Override
	public long planeBytes(final long width, final long height, final int channels, final boolean rgb) {
		if (tileSize == 0) return (long) (Memory.floatPlane(width, height, scale) * (channels + 2.0 / scale + 2.0 /
			(scale * scale)));
		final TilePlan plan = plan(width, height);
		final long tile = (long) plan.tileWidth() * plan.tileHeight();
		return 2 * Memory.floatPlane(width, plan.interiorHeight(), scale) + tile * (2 * 4 + 8 + 8 * scale + 4 *
			scale * scale);
	}

	/** From whole planes to bands of {@value #FIRST_TILE}-pixel tiles, then halving down to {@value #MIN_TILE}. */
	@Override
	public int shrinkTiles(final long width, final long height) {
		final int side = tileSize == 0 ? 2 * FIRST_TILE : tileSize;
		if (side / 2 < MIN_TILE) return 0;
		tileSize = side / 2;
		return tileSize;
	}

	/** Whole planes as {@link #upscale} makes them, or, once tiles were fitted to the heap, banded planes. */
	@Override
	public List<RandomAccessibleInterval<FloatType>> upscaleStreamed(final long channel,
		final List<RandomAccessibleInterval<FloatType>> channels, final boolean rgb, final Progress progress)
	{
		if (tileSize == 0) return Engine.super.upscaleStreamed(channel, channels, rgb, progress);
		final TileFunction interpolation = (in, h, w) -> Resampler.upscale(ArrayImgs.floats(in, w, h), scale, method)
			.update(null).getCurrentStorageArray();
		final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
		for (final RandomAccessibleInterval<FloatType> plane : channels)
			out.add(BandedPlane.of(plane, interpolation, plan(plane.dimension(0), plane.dimension(1)), scale,
				progress));
		return out;
	}

	/** Tiles whose halo covers the kernel's reach: tiled output equals whole-plane output. */
	private TilePlan plan(final long width, final long height) {
		return TilePlan.of(width, height, tileSize, 1, (int) Math.ceil(method.width() / 2) + 1);
	}

	@Override
	public float[][] upscale(final long channel, final List<RandomAccessibleInterval<FloatType>> channels,
		final boolean rgb,
		final Progress progress)
	{
		final float[][] out = new float[channels.size()][];
		for (int c = 0; c < out.length; c++)
			out[c] = Resampler.upscale(channels.get(c), scale, method).update(null).getCurrentStorageArray();
		return out;
	}

	@Override
	public void close() {}
}
