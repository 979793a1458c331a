package org.deepsr.benchmark;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.ImagePlanes;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.MatlabResize;
import org.deepsr.resample.OpenCvResize;

/** Cropping HR images to a multiple of the scale, and shrinking them into LR inputs. */
final class LowResolution {

	private LowResolution() {}

	/** The top-left {@code floor(w/s)*s x floor(h/s)*s} of a single-plane image ("modcrop"). */
	static ImagePlus modcrop(final ImagePlus hr, final int scale) {
		final int w = hr.getWidth() / scale * scale, h = hr.getHeight() / scale * scale;
		if (w == 0 || h == 0) throw new IllegalArgumentException("image '" + hr.getTitle() + "' (" + hr.getWidth() +
			"x" + hr.getHeight() + ") is smaller than the scale " + scale + ": use larger images");
		final ImageProcessor ip = hr.getProcessor();
		ip.setRoi(0, 0, w, h);
		final ImageProcessor cropped = ip.crop();
		ip.resetRoi();
		return new ImagePlus(hr.getTitle(), cropped);
	}

	/**
	 * Shrinks a modcropped single-plane image by exactly {@code scale}. 8-bit
	 * and RGB go through MATLAB's uint8 path (every pass rounded); 16-bit
	 * through the double path rounded once at the end (MATLAB rounds uint16 per
	 * pass: within one grey level); float is not rounded.
	 */
	static ImagePlus shrink(final ImagePlus hr, final int scale, final LrSource style) {
		final int w = hr.getWidth() / scale, h = hr.getHeight() / scale, nc = ImagePlanes.channels(hr);
		final float[][] planes = new float[nc][];
		final boolean eightBit = hr.getBitDepth() == 8 || hr.getBitDepth() == 24;
		for (int c = 0; c < nc; c++) {
			final ArrayImg<FloatType, FloatArray> plane = ImagePlanes.plane(hr, c + 1, 1, 1);
			final ArrayImg<FloatType, FloatArray> small;
			if (style == LrSource.OPENCV) small = OpenCvResize.resize(plane, w, h);
			else if (eightBit) small = MatlabResize.resizeUint8(plane, w, h, Interpolation.BICUBIC);
			else small = MatlabResize.resize(plane, w, h, Interpolation.BICUBIC);
			planes[c] = small.update(null).getCurrentStorageArray();
		}
		return new ImagePlus(hr.getTitle(), processor(hr.getBitDepth(), planes, w, h));
	}

	/** An image of the given bit depth from float planes, rounded half to even and clamped where integer. */
	private static ImageProcessor processor(final int depth, final float[][] planes, final int w, final int h) {
		switch (depth) {
			case 24: {
				final ColorProcessor cp = new ColorProcessor(w, h);
				cp.setRGB(bytes(planes[0]), bytes(planes[1]), bytes(planes[2]));
				return cp;
			}
			case 8:
				return new ByteProcessor(w, h, bytes(planes[0]));
			case 16: {
				final short[] s = new short[planes[0].length];
				for (int i = 0; i < s.length; i++)
					s[i] = (short) clamp(planes[0][i], 65535);
				return new ShortProcessor(w, h, s, null);
			}
			default:
				return new FloatProcessor(w, h, planes[0]);
		}
	}

	private static byte[] bytes(final float[] v) {
		final byte[] b = new byte[v.length];
		for (int i = 0; i < v.length; i++)
			b[i] = (byte) clamp(v[i], 255);
		return b;
	}

	/** OpenCV's saturate_cast: round half to even, clamp to 0..max (MATLAB's values here are integers already). */
	private static int clamp(final float v, final int max) {
		return (int) Math.max(0, Math.min(max, Math.rint(v)));
	}
}
