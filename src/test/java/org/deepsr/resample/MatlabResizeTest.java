package org.deepsr.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MatlabResize} and {@link Resampler} against an independent numpy
 * port of MATLAB's imresize ({@link ResizeFixtures}, made by
 * src/test/python/resample_reference.py) and against invariants.
 */
class MatlabResizeTest {

	/** Float32 output of values up to ~300: a few float ulps. */
	private static final float TOL = 2e-4f;

	static float[] data(final ArrayImg<FloatType, FloatArray> img) {
		return img.update(null).getCurrentStorageArray();
	}

	private static ArrayImg<FloatType, FloatArray> src() {
		return ArrayImgs.floats(ResizeFixtures.SRC_6x5.clone(), 6, 5);
	}

	@Test
	void bicubicX2MatchesReference() {
		final ArrayImg<FloatType, FloatArray> out = MatlabResize.resize(src(), 2, Interpolation.BICUBIC);
		assertEquals(12, out.dimension(0));
		assertEquals(10, out.dimension(1));
		assertArrayEquals(ResizeFixtures.MATLAB_BICUBIC_X2, data(out), TOL);
	}

	@Test
	void bicubicHalfIsAntialiasedAsReference() {
		// ceil(0.5 * 6) x ceil(0.5 * 5) = 3 x 3
		final ArrayImg<FloatType, FloatArray> out = MatlabResize.resize(src(), 0.5, Interpolation.BICUBIC);
		assertEquals(3, out.dimension(0));
		assertEquals(3, out.dimension(1));
		assertArrayEquals(ResizeFixtures.MATLAB_BICUBIC_HALF, data(out), TOL);
	}

	@Test
	void otherKernelsMatchReference() {
		assertArrayEquals(ResizeFixtures.MATLAB_LANCZOS3_X3, data(MatlabResize.resize(src(), 3, Interpolation.LANCZOS3)),
			TOL);
		assertArrayEquals(ResizeFixtures.MATLAB_BILINEAR_X2, data(MatlabResize.resize(src(), 2, Interpolation.BILINEAR)),
			TOL);
		assertArrayEquals(ResizeFixtures.MATLAB_NEAREST_X3, data(MatlabResize.resize(src(), 3, Interpolation.NEAREST)),
			TOL);
	}

	@Test
	void outputSizeWithDifferentScalesPerAxisMatchesReference() {
		// Width shrinks (6 -> 4, processed first), height grows (5 -> 7).
		assertArrayEquals(ResizeFixtures.MATLAB_BICUBIC_4x7, data(MatlabResize.resize(src(), 4, 7,
			Interpolation.BICUBIC)), TOL);
		assertArrayEquals(ResizeFixtures.MATLAB_LANCZOS3_4x2, data(MatlabResize.resize(src(), 4, 2,
			Interpolation.LANCZOS3)), TOL);
	}

	@Test
	void resamplerUpscaleIsImresize() {
		assertArrayEquals(ResizeFixtures.MATLAB_BICUBIC_X2, data(Resampler.upscale(src(), 2, Interpolation.BICUBIC)), TOL);
	}

	@Test
	void acceptsAnIntervalNotAtTheOrigin() {
		final ArrayImg<FloatType, FloatArray> out = MatlabResize.resize(Views.translate(src(), 10, -3), 2,
			Interpolation.BICUBIC);
		assertArrayEquals(ResizeFixtures.MATLAB_BICUBIC_X2, data(out), TOL);
	}

	@ParameterizedTest
	@EnumSource(Interpolation.class)
	void constantStaysConstant(final Interpolation kernel) {
		final float[] c = new float[7 * 9];
		java.util.Arrays.fill(c, 42.5f);
		for (final double scale : new double[] { 0.25, 1.0 / 3, 0.5, 0.7, 1, 1.5, 2, 3, 4 }) {
			final float[] out = data(MatlabResize.resize(ArrayImgs.floats(c.clone(), 7, 9), scale, kernel));
			for (final float v : out)
				assertEquals(42.5f, v, 1e-4f, kernel + " at scale " + scale);
		}
	}

	@ParameterizedTest
	// Lanczos is not in the list: a windowed sinc reproduces a ramp only approximately.
	@EnumSource(value = Interpolation.class, names = { "BILINEAR", "BICUBIC" })
	void linearRampIsReproducedAwayFromBorders(final Interpolation kernel) {
		// f(x, y) = 3x - 2y + 5 sampled at pixel centres; output pixel (X, Y) sits at ((X + 0.5) / s - 0.5, ...).
		final int w = 20, h = 16, s = 3;
		final float[] ramp = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				ramp[y * w + x] = 3 * x - 2 * y + 5;
		final float[] out = data(Resampler.upscale(ArrayImgs.floats(ramp, w, h), s, kernel));
		final int margin = 2 * s; // beyond the kernel's reach into the mirrored border
		for (int y = margin; y < s * h - margin; y++)
			for (int x = margin; x < s * w - margin; x++) {
				final double ex = 3 * ((x + 0.5) / s - 0.5) - 2 * ((y + 0.5) / s - 0.5) + 5;
				assertEquals(ex, out[y * s * w + x], 1e-3, kernel + " at " + x + "," + y);
			}
	}

	@ParameterizedTest
	@EnumSource(Interpolation.class)
	void contributionWeightsSumToOne(final Interpolation kernel) {
		for (final double scale : new double[] { 0.25, 0.5, 1.0 / 3, 2, 3 }) {
			final Contributions c = Contributions.of(11, (int) Math.ceil(11 * scale), scale, kernel);
			for (int i = 0; i < c.weights.length; i++) {
				double sum = 0;
				for (int k = 0; k < c.weights[i].length; k++) {
					sum += c.weights[i][k];
					assertEquals(true, c.indices[i][k] >= 0 && c.indices[i][k] < 11, "index in range");
				}
				assertEquals(1.0, sum, 1e-12);
			}
		}
	}

	@Test
	void mirrorIsMatlabSymmetricPadding() {
		// MATLAB: aux = [1:4, 4:-1:1]; 1-based index -1, 0, 5, 6, 9 -> 2, 1, 4, 3, 1 (1-based).
		assertEquals(1, Planes.symmetric(-1 - 1, 4));
		assertEquals(0, Planes.symmetric(0 - 1, 4));
		assertEquals(3, Planes.symmetric(5 - 1, 4));
		assertEquals(2, Planes.symmetric(6 - 1, 4));
		assertEquals(0, Planes.symmetric(9 - 1, 4));
		assertEquals(0, Planes.symmetric(-5 - 1, 1));
	}

	@Test
	void uint8PathRoundsAndSaturatesEachPassAsReference() {
		assertArrayEquals(ResizeFixtures.MATLAB_UINT8_BICUBIC_X2, data(MatlabResize.resizeUint8(src(), 12, 10,
			Interpolation.BICUBIC)), 0);
		assertArrayEquals(ResizeFixtures.MATLAB_UINT8_BICUBIC_3x2, data(MatlabResize.resizeUint8(src(), 3, 2,
			Interpolation.BICUBIC)), 0);
	}

	@Test
	void rejectsBadArguments() {
		assertThrows(IllegalArgumentException.class, () -> MatlabResize.resize(src(), 0, Interpolation.BICUBIC));
		assertThrows(IllegalArgumentException.class, () -> MatlabResize.resize(src(), Double.NaN, Interpolation.BICUBIC));
		assertThrows(IllegalArgumentException.class, () -> MatlabResize.resize(src(), 0, 3, Interpolation.BICUBIC));
		assertThrows(IllegalArgumentException.class, () -> Resampler.upscale(src(), 0, Interpolation.BICUBIC));
		assertThrows(IllegalArgumentException.class, () -> MatlabResize.resize(ArrayImgs.floats(2, 2, 2), 2,
			Interpolation.BICUBIC));
	}
}
