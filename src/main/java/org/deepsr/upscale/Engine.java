package org.deepsr.upscale;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.VolumeSource;
import org.deepsr.progress.Progress;

/**
 * One way of upscaling (a trained model, or a classical interpolation), seen
 * plane by plane. An engine is opened once and reused for every plane of
 * every image, so a model is loaded once per batch, not per frame.
 */
interface Engine extends AutoCloseable {

	/** Integer upscaling factor. */
	int scale();

	/** Human description for logs and provenance, e.g. "model espcn-x3 (ESPCN, x3)". */
	String describe();

	/** Where the work runs, e.g. "CPU (2 threads)"; "Java" for classical methods. */
	String device();

	/** The smallest width/height this engine accepts. */
	default int minSize() {
		return 1;
	}

	/**
	 * Heap bytes upscaling one plane position of this size takes, with the
	 * tiles the engine would use now: copies of the input, working buffers,
	 * tile buffers and the float outputs it returns.
	 *
	 * @param channels the planes given together (three for RGB, else one)
	 */
	long planeBytes(long width, long height, int channels, boolean rgb);

	/**
	 * Halves the tile side for the planes of this size that follow (after a
	 * plane did not fit).
	 *
	 * @return the new tile side in input pixels, or 0 when the engine has no tiles or they cannot shrink
	 */
	default int shrinkTiles(final long width, final long height) {
		return 0;
	}

	/**
	 * Called once per volume before its planes, to compute whole-volume
	 * statistics: per channel for grey channels (each over all its slices and
	 * frames), of the colours together for RGB.
	 *
	 * @param channels the channels this engine will be given (all of them unless channels have engines of their own)
	 */
	default void begin(final VolumeSource source, final long[] channels) {}

	/** After {@link #begin}: how the volume is far from what the engine was made for (one line each); empty when fine. */
	default List<String> warnings() {
		return List.of();
	}

	/**
	 * Upscales one plane position.
	 *
	 * @param channel the image channel of the first plane (0 for RGB)
	 * @param channels one (x, y) plane per image channel (three for RGB in R, G,
	 *          B order, one otherwise), in image units (0..255 for 8-bit and
	 *          RGB); read-only views (they may be the image's own pixels)
	 * @param rgb whether the channels are the R, G, B of a colour image
	 * @return one row-major {@code (scale*width)*(scale*height)} array per
	 *         channel, in image units, not rounded; new arrays the caller may keep
	 */
	float[][] upscale(long channel, List<RandomAccessibleInterval<FloatType>> channels, boolean rgb,
		Progress progress);

	/**
	 * {@link #upscale} for a sink: the planes a sink reads once, x fastest,
	 * which an engine may compute as they are read (a classical method, band
	 * by band, when the plane does not fit the heap); these defaults wrap
	 * {@link #upscale}'s arrays.
	 *
	 * @return dims (scale * width, scale * height) per channel, in image units
	 */
	default List<RandomAccessibleInterval<FloatType>> upscaleStreamed(final long channel,
		final List<RandomAccessibleInterval<FloatType>> channels, final boolean rgb, final Progress progress)
	{
		final long w = scale() * channels.get(0).dimension(0), h = scale() * channels.get(0).dimension(1);
		final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
		for (final float[] plane : upscale(channel, channels, rgb, progress))
			out.add(ArrayImgs.floats(plane, w, h));
		return out;
	}

	/**
	 * How many plane positions of this size {@link #upscaleAll} takes at once
	 * to gain from it (a network running small planes as one batch); 1 when
	 * one by one is as fast.
	 */
	default int planesPerCall(final long width, final long height, final boolean rgb) {
		return 1;
	}

	/**
	 * Several plane positions of one size at once; each result equals
	 * {@link #upscale} of its position. This default runs them one by one.
	 *
	 * @param channels the image channel of each position
	 */
	default List<float[][]> upscaleAll(final long[] channels,
		final List<List<RandomAccessibleInterval<FloatType>>> positions, final boolean rgb,
		final Progress progress)
	{
		final List<float[][]> out = new ArrayList<>();
		for (int i = 0; i < positions.size(); i++)
			out.add(upscale(channels[i], positions.get(i), rgb, progress));
		return out;
	}

	@Override
	void close();
}
