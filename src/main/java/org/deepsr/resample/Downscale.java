package org.deepsr.resample;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Bicubic downscaling by an integer factor, in the two conventions the
 * literature uses. The plane is first cropped to a multiple of the factor
 * ("modcrop", keeping the top-left corner), as the benchmark protocol does,
 * then shrunk to exactly 1/factor.
 */
public final class Downscale implements Degradation {

	/** Which bicubic downscaling to imitate. */
	public enum Style {
		/** MATLAB {@code imresize(I, 1/s, 'bicubic')} in double: antialiased, a = -0.5. */
		MATLAB,
		/** MATLAB on a uint8 image: as MATLAB, every pass rounded to 0..255; input must be 0..255. */
		MATLAB_UINT8,
		/** OpenCV {@code cv2.resize(I, (w/s, h/s), interpolation=INTER_CUBIC)}: a = -0.75, no antialiasing. */
		OPENCV
	}

	private final int factor;
	private final Style style;

	/** @param factor integer downscaling factor, >= 1 */
	public Downscale(final int factor, final Style style) {
		this.factor = checkFactor(factor);
		if (style == null) throw new IllegalArgumentException("Choose a downscaling style (MATLAB, MATLAB_UINT8, OPENCV).");
		this.style = style;
	}

	@Override
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> plane, final Random random) {
		Planes.check(plane);
		final int ow = checkedOutput(Planes.width(plane), factor), oh = checkedOutput(Planes.height(plane), factor);
		final RandomAccessibleInterval<FloatType> cropped = Views.interval(plane, new long[] { plane.min(0), plane.min(
			1) }, new long[] { plane.min(0) + (long) ow * factor - 1, plane.min(1) + (long) oh * factor - 1 });
		switch (style) {
			case MATLAB:
				return MatlabResize.resize(cropped, ow, oh, Interpolation.BICUBIC);
			case MATLAB_UINT8:
				return MatlabResize.resizeUint8(cropped, ow, oh, Interpolation.BICUBIC);
			default:
				return OpenCvResize.resize(cropped, ow, oh);
		}
	}

	@Override
	public String description() {
		final String how = style == Style.OPENCV ? "OpenCV INTER_CUBIC" : style == Style.MATLAB
			? "MATLAB imresize bicubic" : "MATLAB imresize bicubic, uint8";
		return "modcrop and downscale x" + factor + " (" + how + ")";
	}

	static int checkFactor(final int factor) {
		if (factor < 1) throw new IllegalArgumentException("The downscaling factor must be at least 1, got " + factor +
			".");
		return factor;
	}

	/** floor(length / factor), which must be at least 1. */
	static int checkedOutput(final int length, final int factor) {
		if (length < factor) throw new IllegalArgumentException("A plane of " + length +
			" pixels along an axis is smaller than the downscaling factor " + factor + "; use a larger image.");
		return length / factor;
	}
}
