package org.deepsr.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Random (LR, HR) patches from in-memory images. Each HR image is modcropped
 * and degraded once (the degradation sees the whole image, so blur kernels
 * have real context at patch borders); patches are then cut at the same place
 * in both, HR at scale times the LR position, and augmented with one of the 8
 * flips/rotations. Images are picked with probability proportional to their
 * number of patch positions.
 */
public final class ImagePatchSampler implements PatchSource {

	private final List<ImagePair> pairs = new ArrayList<>();
	private final long[] cumulativePositions;
	private final int scale;
	private final int channels;
	private final int size;
	private final long seed;

	/**
	 * @param hrImages training images, all with the same channel count, values in [0,1]
	 * @param patchSize LR patch side; every degraded image must be at least this large
	 * @param degradation HR (sides multiple of scale) to LR (1/scale the size)
	 * @param seed the sampler's seed; batch k depends only on (images, seed, k)
	 */
	public ImagePatchSampler(final List<FloatImage> hrImages, final int scale, final int patchSize,
		final UnaryOperator<FloatImage> degradation, final long seed)
	{
		this(pairs(hrImages, scale, degradation), scale, patchSize, seed);
	}

	/**
	 * Samples from ready-made pairs (e.g. LR files made elsewhere).
	 *
	 * @param pairs all x{@code scale}, with the same channel count; every LR at least patchSize square
	 */
	public static ImagePatchSampler ofPairs(final List<ImagePair> pairs, final int patchSize, final long seed) {
		if (pairs.isEmpty()) throw new IllegalArgumentException("No training images given.");
		return new ImagePatchSampler(pairs, pairs.get(0).scale(), patchSize, seed);
	}

	private static List<ImagePair> pairs(final List<FloatImage> hrImages, final int scale, final UnaryOperator<FloatImage> degradation) {
		final List<ImagePair> out = new ArrayList<>();
		for (final FloatImage hr : hrImages) out.add(ImagePair.of(hr, scale, degradation));
		return out;
	}

	private ImagePatchSampler(final List<ImagePair> imagePairs, final int scale, final int patchSize, final long seed) {
		if (imagePairs.isEmpty()) throw new IllegalArgumentException("No training images given.");
		if (patchSize < 1) throw new IllegalArgumentException("Patch size must be >= 1, got " + patchSize + ".");
		this.scale = scale;
		this.size = patchSize;
		this.seed = seed;
		this.channels = imagePairs.get(0).lr().channels();
		cumulativePositions = new long[imagePairs.size()];
		long total = 0;
		for (int i = 0; i < imagePairs.size(); i++) {
			final ImagePair pair = imagePairs.get(i);
			final FloatImage lr = pair.lr(), hr = pair.hr();
			if (lr.channels() != channels) throw new IllegalArgumentException("Training image " + i + " has " + lr.channels() + " channels, the first one " + channels + ": convert them all alike.");
			if (pair.scale() != scale) throw new IllegalArgumentException("Training pair " + i + " is x" + pair.scale() + ", not x" + scale + ".");
			if (lr.height() < patchSize || lr.width() < patchSize)
				throw new IllegalArgumentException("Training image " + i + " (" + hr.height() + "x" + hr.width() + ") is smaller than one patch (" + patchSize * scale + " HR pixels): drop it or use smaller patches.");
			pairs.add(pair);
			total += (long) (lr.height() - patchSize + 1) * (lr.width() - patchSize + 1);
			cumulativePositions[i] = total;
		}
	}

	@Override
	public int scale() {
		return scale;
	}

	@Override
	public int channels() {
		return channels;
	}

	@Override
	public int patchSize() {
		return size;
	}

	@Override
	public Batch batch(final long index, final int count) {
		final SplitMix64 rng = new SplitMix64(seed, index);
		final int hs = size * scale;
		final float[] lr = new float[count * size * size * channels];
		final float[] hr = new float[count * hs * hs * channels];
		for (int n = 0; n < count; n++) {
			long pos = rng.nextLong(cumulativePositions[cumulativePositions.length - 1]);
			int img = 0;
			while (pos >= cumulativePositions[img]) img++;
			if (img > 0) pos -= cumulativePositions[img - 1];
			final ImagePair pair = pairs.get(img);
			final int cols = pair.lr().width() - size + 1;
			final int y = (int) (pos / cols), x = (int) (pos % cols);
			final int transform = rng.nextInt(8);
			crop(pair.lr(), y, x, size, transform, lr, n * size * size * channels);
			crop(pair.hr(), y * scale, x * scale, hs, transform, hr, n * hs * hs * channels);
		}
		return new Batch(lr, hr, count, size, scale, channels);
	}

	/**
	 * Copies the m x m crop at (y0,x0) into dst, transformed by one of the 8
	 * symmetries of the square: bit 2 transposes, bit 0 flips x, bit 1 flips y.
	 * The same transform maps LR pixel blocks onto their HR blocks.
	 */
	static void crop(final FloatImage src, final int y0, final int x0, final int m, final int transform, final float[] dst, final int offset) {
		final int c = src.channels(), w = src.width();
		final float[] data = src.data();
		int o = offset;
		for (int y = 0; y < m; y++)
			for (int x = 0; x < m; x++) {
				int u = y, v = x;
				if ((transform & 4) != 0) { u = x; v = y; }
				if ((transform & 1) != 0) v = m - 1 - v;
				if ((transform & 2) != 0) u = m - 1 - u;
				System.arraycopy(data, ((y0 + u) * w + x0 + v) * c, dst, o, c);
				o += c;
			}
	}
}
