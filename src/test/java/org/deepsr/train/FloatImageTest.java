package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

class FloatImageTest {

	/** Hand-worked: row 1 2 3 padded by 2 is 2 1 | 1 2 3 | 3 2 (the edge pixel repeated). */
	@Test
	void mirrorRepeatsTheEdgePixel() {
		final FloatImage row = new FloatImage(1, 3, 1, new float[] { 1, 2, 3 });
		final FloatImage p = row.mirrorPad(2);
		assertArrayEquals(new float[] { 2, 1, 1, 2, 3, 3, 2 }, p.crop(2, 0, 1, 7).data());
	}

	/** The tiler pads with ImgLib2's extendMirrorDouble; validation must pad alike, also past one period. */
	@Test
	void mirrorPadMatchesImgLib2() {
		final int h = 5, w = 3, c = 2, r = 7;
		final float[] hwc = new float[h * w * c];
		for (int i = 0; i < hwc.length; i++) hwc[i] = (i * 37) % 11;
		final float[] planar = new float[hwc.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int k = 0; k < c; k++) planar[(k * h + y) * w + x] = hwc[(y * w + x) * c + k];
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(planar, w, h, c);
		final RandomAccess<FloatType> ra = Views.extendMirrorDouble(img).randomAccess();
		final FloatImage padded = new FloatImage(h, w, c, hwc).mirrorPad(r);
		final float[] expected = new float[padded.data().length];
		for (int y = 0; y < h + 2 * r; y++)
			for (int x = 0; x < w + 2 * r; x++)
				for (int k = 0; k < c; k++) {
					ra.setPosition(new long[] { x - r, y - r, k });
					expected[(y * (w + 2 * r) + x) * c + k] = ra.get().get();
				}
		assertArrayEquals(expected, padded.data());
	}

	@Test
	void cropOutsideTheImageIsRefused() {
		final FloatImage img = new FloatImage(4, 4, 1, new float[16]);
		assertThrows(IllegalArgumentException.class, () -> img.crop(2, 0, 3, 4));
	}
}
