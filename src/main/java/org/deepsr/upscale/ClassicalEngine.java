package org.deepsr.upscale;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.Resampler;

/** Upscaling by interpolation: the baseline every model is compared with. */
final class ClassicalEngine implements Engine {

	private final Interpolation method;
	private final int scale;

	ClassicalEngine(final Interpolation method, final int scale) {
		if (scale < 1 || scale > 16) throw new IllegalArgumentException(
			"scale must be between 1 and 16, got " + scale);
		this.method = method;
		this.scale = scale;
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
	 * output.
	 */
	@Override
	public long planeBytes(final long width, final long height, final int channels, final boolean rgb) {
		return (long) (Memory.floatPlane(width, height, scale) * (channels + 2.0 / scale + 2.0 / (scale * scale)));
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
