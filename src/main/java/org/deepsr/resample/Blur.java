package org.deepsr.resample;

import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/** Blurs with a PSF ({@link Convolution}, symmetric mirror borders); keeps the size. */
public final class Blur implements Degradation {

	private final BlurKernel psf;

	public Blur(final BlurKernel psf) {
		if (psf == null) throw new IllegalArgumentException("A blur needs a kernel; see Kernels for Gaussians.");
		this.psf = psf;
	}

	@Override
	public ArrayImg<FloatType, FloatArray> apply(final RandomAccessibleInterval<FloatType> plane, final Random random) {
		return Convolution.convolve(plane, psf);
	}

	@Override
	public String description() {
		return "blur (" + psf.description() + ", symmetric border)";
	}
}
