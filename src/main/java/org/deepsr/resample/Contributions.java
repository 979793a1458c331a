package org.deepsr.resample;

/**
 * Port of MATLAB {@code imresize}'s private {@code contributions()} for one
 * dimension: for each output sample, the input indices it reads and their
 * normalised weights. Written by hand because no reachable library
 * (imglib2-algorithm, scifio) reproduces MATLAB's conventions.
 */
final class Contributions {

	/** {@code [outLength][taps]} input indices, 0-based, mirrored into range. */
	final int[][] indices;
	/** {@code [outLength][taps]} weights; each row sums to 1. */
	final double[][] weights;

	private Contributions(final int[][] indices, final double[][] weights) {
		this.indices = indices;
		this.weights = weights;
	}

	/**
	 * @param inLength input samples along the dimension (>= 1)
	 * @param outLength output samples along the dimension (>= 1)
	 * @param scale output/input scale factor (> 0), as MATLAB uses it
	 */
	static Contributions of(final int inLength, final int outLength, final double scale, final Interpolation kernel) {
		final boolean stretch = scale < 1 && kernel.antialiases();
		final double width = stretch ? kernel.width() / scale : kernel.width();
		final int taps = (int) Math.ceil(width) + 2;
		final int[][] indices = new int[outLength][taps];
		final double[][] weights = new double[outLength][taps];
		for (int i = 0; i < outLength; i++) {
			// MATLAB's 1-based x; u is the 1-based input coordinate of its centre.
			final double u = (i + 1) / scale + 0.5 * (1 - 1 / scale);
			final double left = Math.floor(u - width / 2);
			double sum = 0;
			for (int k = 0; k < taps; k++) {
				final double d = u - (left + k);
				// Antialiasing stretches the kernel: h(x) = scale * kernel(scale * x).
				final double w = stretch ? scale * kernel.weight(scale * d) : kernel.weight(d);
				weights[i][k] = w;
				sum += w;
			}
			for (int k = 0; k < taps; k++) {
				weights[i][k] /= sum;
				indices[i][k] = Planes.symmetric((long) left + k - 1, inLength);
			}
		}
		return new Contributions(indices, weights);
	}
}
