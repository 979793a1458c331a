package org.deepsr.volume;

import org.deepsr.train.Batch;
import org.deepsr.train.PatchSource;

/**
 * Patches with something in them: of {@code pool} times as many candidates
 * as a batch needs (drawn by the wrapped source for the same batch index, so
 * batch {@code k} depends only on the source, its seed and {@code k}), the
 * ones whose target varies most. Volumes such as head MRI are mostly empty
 * background, where the refining network has nothing to learn (its input is
 * already right there); edges are where cubic interpolation errs.
 */
final class BusyPatches implements PatchSource {

	private final PatchSource source;
	private final int pool;

	BusyPatches(final PatchSource source, final int pool) {
		if (pool < 1) throw new IllegalArgumentException("pool must be >= 1, got " + pool);
		this.source = source;
		this.pool = pool;
	}

	@Override
	public int scale() {
		return source.scale();
	}

	@Override
	public int channels() {
		return source.channels();
	}

	@Override
	public int patchSize() {
		return source.patchSize();
	}

	@Override
	public Batch batch(final long index, final int count) {
		if (pool == 1) return source.batch(index, count);
		final Batch all = source.batch(index, count * pool);
		final int lrSize = all.lr().length / all.count(), hrSize = all.hr().length / all.count();
		final double[] variance = new double[all.count()];
		final Integer[] order = new Integer[all.count()];
		for (int n = 0; n < all.count(); n++) {
			double sum = 0, sq = 0;
			for (int i = n * hrSize; i < (n + 1) * hrSize; i++) {
				sum += all.hr()[i];
				sq += all.hr()[i] * all.hr()[i];
			}
			variance[n] = sq / hrSize - sum * sum / ((double) hrSize * hrSize);
			order[n] = n;
		}
		// the busiest first; ties by draw order, so the choice is deterministic
		java.util.Arrays.sort(order, (a, b) -> variance[a] != variance[b] ? Double.compare(variance[b], variance[a])
			: Integer.compare(a, b));
		final float[] lr = new float[count * lrSize], hr = new float[count * hrSize];
		for (int n = 0; n < count; n++) {
			System.arraycopy(all.lr(), order[n] * lrSize, lr, n * lrSize, lrSize);
			System.arraycopy(all.hr(), order[n] * hrSize, hr, n * hrSize, hrSize);
		}
		return new Batch(lr, hr, count, all.size(), all.scale(), all.channels());
	}
}
