package org.deepsr.resample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Degradation steps applied in order, as one {@link Degradation}; its
 * description lists the steps ("blur (...) -> decimate x4 (...) -> ...").
 */
public final class Chain implements Degradation {

	private final List<Degradation> steps;

	private Chain(final List<Degradation> steps) {
		this.steps = steps;
	}

	/** @param steps at least one step, applied first to last */
	public static Chain of(final Degradation... steps) {
		if (steps.length == 0) throw new IllegalArgumentException("A degradation chain needs at least one step.");
		final List<Degradation> list = new ArrayList<>();
		for (final Degradation d : steps) {
			if (d == null) throw new IllegalArgumentException("A degradation chain cannot contain a null step.");
			list.add(d);
		}
		return new Chain(Collections.unmodifiableList(list));
	}

	/**
	 * The classical degradation model {@code y = (x * k) decimated by s + n}:
	 * blur with {@code psf}, keep every {@code factor}-th pixel, add noise.
	 */
	public static Chain blurDownsampleNoise(final BlurKernel psf, final int factor, final Degradation noise) {
		return of(new Blur(psf), new Decimate(factor), noise);
	}

	public List<Degradation> steps() {
		return steps;
	}

	@Override
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> plane, final Random random) {
		RandomAccessibleInterval<FloatType> current = plane;
		ArrayImg<FloatType, FloatArray> out = null;
		for (final Degradation step : steps) {
			out = step.apply(current, random);
			current = out;
		}
		return out;
	}

	@Override
	public String description() {
		final StringBuilder sb = new StringBuilder();
		for (final Degradation step : steps)
			sb.append(sb.length() == 0 ? "" : " -> ").append(step.description());
		return sb.toString();
	}
}
