package org.deepsr.resample;

/**
 * Interpolation kernels with MATLAB {@code imresize}'s definitions and support
 * widths, so that {@link MatlabResize} reproduces {@code imresize(I, s, method)}.
 */
public enum Interpolation {

	/** MATLAB 'nearest': the box kernel on [-0.5, 0.5), never antialiased. */
	NEAREST(1) {

		@Override
		public double weight(final double x) {
			return (x >= -0.5 && x < 0.5) ? 1 : 0;
		}
	},

	/** MATLAB 'bilinear': the triangle kernel. */
	BILINEAR(2) {

		@Override
		public double weight(final double x) {
			final double a = Math.abs(x);
			return a <= 1 ? 1 - a : 0;
		}
	},

	/** MATLAB 'bicubic': Keys' cubic convolution with a = -0.5. */
	BICUBIC(4) {

		@Override
		public double weight(final double x) {
			final double a = Math.abs(x), a2 = a * a, a3 = a2 * a;
			if (a <= 1) return 1.5 * a3 - 2.5 * a2 + 1;
			if (a <= 2) return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
			return 0;
		}
	},

	/** MATLAB 'lanczos3': windowed sinc with three lobes (MATLAB's eps guard at 0 included). */
	LANCZOS3(6) {

		@Override
		public double weight(final double x) {
			if (Math.abs(x) >= 3) return 0;
			final double px = Math.PI * x;
			return (Math.sin(px) * Math.sin(px / 3) + EPS) / (px * px / 3 + EPS);
		}
	};

	/** MATLAB's eps (2^-52), which its lanczos3 adds to avoid 0/0. */
	private static final double EPS = Math.ulp(1.0);

	private final double width;

	Interpolation(final double width) {
		this.width = width;
	}

	/** The kernel value at distance {@code x} (in input pixels) from a sample. */
	public abstract double weight(double x);

	/** The kernel's support width in input pixels, before any antialiasing stretch. */
	public double width() {
		return width;
	}

	/** MATLAB antialiases every kernel except 'nearest' when shrinking. */
	boolean antialiases() {
		return this != NEAREST;
	}
}
