package org.deepsr.zeroshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.resample.Interpolation;
import org.deepsr.resample.MatlabResize;
import org.deepsr.train.Batch;
import org.deepsr.train.FloatImage;
import org.deepsr.train.PatchSource;

/**
 * ZSSR's training examples, drawn from the image itself: an HR "father" is a
 * random square crop of one of the image's planes or of a copy of it shrunk
 * by a factor in [{@code minFatherScale}, 1] (MATLAB {@code imresize}, the
 * larger copies drawn more often, in proportion to their area), turned by one
 * of the 8 rotations and flips; its LR "son" is the father shrunk by the scale
 * with the kernel ({@link #son}), then interpolated back to the father's size
 * with the same kernel ({@link #interpolated}), which is what the network
 * sees at inference. The batches are fed at scale 1: LR = the interpolated
 * son, HR = the father. Batch {@code index} depends only on the seed and the
 * index.
 */
final class SelfExamples implements PatchSource {

	/** Copies per octave of the pyramid of fathers. */
	private static final int LEVELS_PER_HALVING = 6;

	private final List<FloatImage> levels = new ArrayList<>();
	private final double[] cumulative;
	private final double scale;
	private final int patch;
	private final Interpolation kernel;
	private final long seed;

	/**
	 * @param planes grey planes, normalised, all of one size
	 * @param patch father side; the caller fits it to the image ({@link #fit})
	 */
	SelfExamples(final List<FloatImage> planes, final double scale, final int patch, final Interpolation kernel,
		final double minFatherScale, final long seed)
	{
		this.scale = scale;
		this.patch = patch;
		this.kernel = kernel;
		this.seed = seed;
		final List<Double> weights = new ArrayList<>();
		final int n = Math.max(1, (int) Math.ceil(LEVELS_PER_HALVING * Math.log(1 / minFatherScale) / Math.log(2)));
		for (final FloatImage p : planes)
			for (int k = 0; k <= n; k++) {
				final double f = minFatherScale == 1 ? 1 : Math.pow(minFatherScale, k / (double) n);
				final FloatImage level = f == 1 ? p : resize(p, (int) Math.round(f * p.width()), (int) Math.round(f * p.height()), f, kernel);
				if (level.width() < patch || level.height() < patch) break;
				levels.add(level);
				weights.add((double) level.width() * level.height());
				if (minFatherScale == 1) break;
			}
		if (levels.isEmpty()) throw new IllegalArgumentException("The image is smaller than a " + patch + " px father.");
		cumulative = new double[weights.size()];
		double sum = 0;
		for (int i = 0; i < cumulative.length; i++)
			cumulative[i] = sum += weights.get(i);
		for (int i = 0; i < cumulative.length; i++)
			cumulative[i] /= sum;
	}

	/**
	 * The father side for an image: the wanted one, shrunk to the image's
	 * shorter side, and for an integer scale to a multiple of it (whole sons).
	 *
	 * @throws IllegalArgumentException when the image is too small to learn from at this scale
	 */
	static int fit(final int wanted, final int width, final int height, final double scale) {
		int p = Math.min(wanted, Math.min(width, height));
		if (scale == Math.rint(scale)) p = p / (int) scale * (int) scale;
		if (p < 4 * scale || p < 8) throw new IllegalArgumentException("The image (" + width + "x" + height + ") is too small to learn x" + ScaleText.of(scale)
			+ " from itself: it needs at least " + (int) Math.ceil(Math.max(8, 4 * scale)) + " pixels on each side.");
		return p;
	}

	@Override
	public int scale() {
		return 1;
	}

	@Override
	public int channels() {
		return 1;
	}

	@Override
	public int patchSize() {
		return patch;
	}

	/** The number of images fathers are cut from (planes times pyramid levels). */
	int levels() {
		return levels.size();
	}

	@Override
	public Batch batch(final long index, final int count) {
		final SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
		final int n = patch * patch;
		final float[] lr = new float[count * n], hr = new float[count * n];
		for (int b = 0; b < count; b++) {
			final double u = random.nextDouble();
			int l = 0;
			while (l < cumulative.length - 1 && cumulative[l] < u) l++;
			final FloatImage level = levels.get(l);
			final int x0 = random.nextInt(level.width() - patch + 1), y0 = random.nextInt(level.height() - patch + 1);
			final FloatImage father = Dihedral.apply(level.crop(y0, x0, patch, patch), random.nextInt(8));
			System.arraycopy(father.data(), 0, hr, b * n, n);
			System.arraycopy(interpolated(son(father, scale, kernel), patch, patch, scale, kernel).data(), 0, lr, b * n, n);
		}
		return new Batch(lr, hr, count, patch, 1, 1);
	}

	/** {@code imresize(father, 1/scale, kernel)}: ceil(side / scale) pixels a side, antialiased. */
	static FloatImage son(final FloatImage father, final double scale, final Interpolation kernel) {
		return resize(father, (int) Math.ceil(father.width() / scale), (int) Math.ceil(father.height() / scale), 1 / scale, kernel);
	}

	/** An image interpolated by {@code scale} onto {@code width x height} pixels (pixel i at input (i + 0.5) / scale - 0.5). */
	static FloatImage interpolated(final FloatImage image, final int width, final int height, final double scale, final Interpolation kernel) {
		return resize(image, width, height, scale, kernel);
	}

	private static FloatImage resize(final FloatImage image, final int width, final int height, final double scale, final Interpolation kernel) {
		if (image.channels() != 1) throw new IllegalArgumentException("Zero-shot examples are grey planes.");
		final ArrayImg<FloatType, FloatArray> in = ArrayImgs.floats(image.data(), image.width(), image.height());
		final ArrayImg<FloatType, FloatArray> out = MatlabResize.resize(in, width, height, scale, scale, kernel);
		return new FloatImage(height, width, 1, out.update(null).getCurrentStorageArray());
	}

	/** The levels, for tests. */
	List<FloatImage> levelImages() {
		return Collections.unmodifiableList(levels);
	}
}
