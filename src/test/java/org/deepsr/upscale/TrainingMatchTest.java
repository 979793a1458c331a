package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deepsr.model.TemporaryModelCache;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled models' {@code trained_on} and the one warning the upscale path
 * gives when an input is far from it: a natural-image model on 16-bit data
 * with a zero background (like a T1 MRI or a fluorescence image), the
 * microscopy model on 8-bit data or on data far noisier than it was trained
 * on; and no warning where the input is like the training data.
 */
@ExtendWith(TemporaryModelCache.class)
class TrainingMatchTest {

	@TempDir
	Path dir;

	@Test
	void aNaturalImageModelWarnsOnceOnZeroBackgroundSixteenBitData() throws IOException {
		final ShortProcessor sp = new ShortProcessor(64, 64);
		for (int y = 16; y < 48; y++) for (int x = 16; x < 48; x++) sp.set(x, y, 1000 + 37 * ((x * y) % 11));
		final List<String> w = warnings("fsrcnn-x2", new ImagePlus("t1", sp));
		assertEquals(1, w.size(), w.toString());
		assertTrue(w.get(0).contains("16-bit grey values") && w.get(0).contains("a zero background: 75% of its pixels are 0"), w.get(0));
		// a photograph-like 8-bit image: nothing to say
		final ByteProcessor photo = new ByteProcessor(64, 64);
		final Random r = new Random(2);
		for (int i = 0; i < 64 * 64; i++) photo.set(i, 1 + r.nextInt(254));
		assertEquals(List.of(), warnings("fsrcnn-x2", new ImagePlus("photo", photo)));
	}

	@Test
	void theMicroscopyModelWarnsOnEightBitAndOnFarNoisierData() throws IOException {
		final Random r = new Random(4);
		final ShortProcessor like = new ShortProcessor(96, 96), noisy = new ShortProcessor(96, 96);
		final ByteProcessor eight = new ByteProcessor(96, 96);
		for (int y = 0; y < 96; y++)
			for (int x = 0; x < 96; x++) {
				final double v = 2000 + 1500 * Math.sin(x / 6.0) * Math.cos(y / 9.0);
				like.set(x, y, (int) Math.round(v + 10 * r.nextGaussian())); // noise 10 / ~3000: 0.003 of the range
				noisy.set(x, y, (int) Math.max(0, Math.round(v + 600 * r.nextGaussian()))); // ~0.12 of the range
				eight.set(x, y, (int) (v / 16));
			}
		assertEquals(List.of(), warnings("microscopy-x2", new ImagePlus("like", like)));
		final List<String> n = warnings("microscopy-x2", new ImagePlus("noisy", noisy));
		assertEquals(1, n.size(), n.toString());
		assertTrue(n.get(0).contains("'noisy' (16-bit) has noise of") && n.get(0).contains("far from the 0.0002..0.0103"), n.get(0));
		final List<String> e = warnings("microscopy-x2", new ImagePlus("eight", eight));
		assertEquals(1, e.size(), e.toString());
		assertTrue(e.get(0).contains("(16, 32-bit data), but 'eight' (8-bit) is not"), e.get(0));
		// pixel size: micrometre microscopy pixels pass, 1 mm (an MRI voxel) is far from them
		final ImagePlus micro = new ImagePlus("micro", like.duplicate()), mri = new ImagePlus("mri", like.duplicate());
		micro.getCalibration().setUnit("um");
		micro.getCalibration().pixelWidth = micro.getCalibration().pixelHeight = 0.1;
		mri.getCalibration().setUnit("mm");
		assertEquals(List.of(), warnings("microscopy-x2", micro));
		final List<String> m = warnings("microscopy-x2", mri);
		assertEquals(1, m.size(), m.toString());
		assertTrue(m.get(0).contains("'mri' (16-bit) has pixels of 1 mm, far from the um-scale pixels"), m.get(0));
	}

	private List<String> warnings(final String bundle, final ImagePlus in) throws IOException {
		final List<String> out = new ArrayList<>();
		try (Upscaler up = TinyBundle.open(Paths.get("models", bundle + ".zip"), dir, false)) {
			up.upscale(in, new Progress() {
				@Override
				public void warn(final String message) {
					out.add(message);
				}
			});
		}
		return out;
	}
}
