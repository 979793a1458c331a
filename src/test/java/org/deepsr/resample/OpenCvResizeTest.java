package org.deepsr.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;

/**
 * {@link OpenCvResize} against the real {@code cv2.resize(..., INTER_CUBIC)}
 * of OpenCV 4.6 on float32 input ({@link ResizeFixtures}, made by
 * src/test/python/resample_reference.py), and invariants.
 */
class OpenCvResizeTest {

	private static final float TOL = 2e-4f;

	private static float[] resize(final int w, final int h) {
		return MatlabResizeTest.data(OpenCvResize.resize(ArrayImgs.floats(ResizeFixtures.SRC_6x5.clone(), 6, 5), w, h));
	}

	@Test
	void upscaleMatchesOpenCv() {
		assertArrayEquals(ResizeFixtures.OPENCV_CUBIC_12x10, resize(12, 10), TOL);
	}

	@Test
	void downscaleMatchesOpenCvWithoutAntialiasing() {
		assertArrayEquals(ResizeFixtures.OPENCV_CUBIC_3x2, resize(3, 2), TOL);
	}

	@Test
	void mixedScalesMatchOpenCv() {
		assertArrayEquals(ResizeFixtures.OPENCV_CUBIC_4x7, resize(4, 7), TOL);
	}

	@Test
	void constantStaysConstant() {
		final float[] c = new float[8 * 5];
		Arrays.fill(c, -7.25f);
		for (final int[] size : new int[][] { { 16, 10 }, { 3, 2 }, { 5, 9 }, { 1, 1 } })
			for (final float v : MatlabResizeTest.data(OpenCvResize.resize(ArrayImgs.floats(c.clone(), 8, 5), size[0],
				size[1])))
				assertEquals(-7.25f, v, 1e-4f);
	}

	@Test
	void sameSizeIsIdentity() {
		assertArrayEquals(ResizeFixtures.SRC_6x5, resize(6, 5), 1e-4f);
	}
}
