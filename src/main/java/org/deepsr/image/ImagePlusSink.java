package org.deepsr.image;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A {@link VolumeSink} that fills the upscaled counterpart of an input
 * {@link ImagePlus} in memory ({@link OutputImage}: the input's layout, bit
 * depth, LUTs, display ranges, composite mode and calibration divided by the
 * scale). An ImagePlus holds all its planes, so this sink's memory grows with
 * the stack; stream to a file sink for stacks larger than memory.
 */
public final class ImagePlusSink implements VolumeSink {

	private final OutputImage output;
	private final VolumeInfo info;

	/** The output for {@code input} upscaled by {@code scale}; see {@link OutputImage#create}. */
	public ImagePlusSink(final ImagePlus input, final int scale, final boolean float32) {
		output = OutputImage.create(input, scale, float32, null);
		info = ImagePlusSource.info(input).upscaled(scale, float32, OutputImage.defaultTitle(input.getTitle(),
			scale));
	}

	@Override
	public VolumeInfo info() {
		return info;
	}

	@Override
	public void write(final long c, final long z, final long t,
		final RandomAccessibleInterval<FloatType> xy)
	{
		output.setPlane(Math.toIntExact(c + 1), Math.toIntExact(z + 1), Math.toIntExact(t + 1), xy);
	}

	@Override
	public void finish() {}

	@Override
	public void close() {}

	/** The image, with the input's LUTs and display ranges. */
	public ImagePlus image() {
		return output.image();
	}
}
