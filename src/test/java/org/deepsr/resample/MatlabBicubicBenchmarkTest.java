package org.deepsr.resample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deepsr.Prerequisites;
import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks {@link MatlabResize} against the standard benchmark LR images, which
 * were made by MATLAB itself ({@code imresize(modcrop(HR, s), 1/s, 'bicubic')}
 * on uint8 RGB, from jbhuang0604/SelfExSR): our float result, rounded and
 * clamped to 0..255, must be within one grey level on at least 99% of the
 * samples of each set; {@link MatlabResize#resizeUint8} must match exactly on
 * at least 97%. Skipped where the shared data is absent. The published
 * bicubic PSNR/SSIM rows themselves are reproduced through the library's
 * benchmark protocol in {@code org.deepsr.benchmark.PublishedBicubicTest}.
 */
class MatlabBicubicBenchmarkTest {

	private static Path dataDir() {
		return Prerequisites.sharedData();
	}

	@ParameterizedTest(name = "{0} x{1}")
	@CsvSource({ "Set5, 2", "Set5, 3", "Set5, 4", "Set14, 2", "Set14, 3", "Set14, 4" })
	void bicubicDownscaleMatchesMatlabLrImages(final String set, final int s) throws Exception {
		final Path hrDir = dataDir().resolve("benchmark").resolve(set).resolve("HR");
		Prerequisites.need(hrDir);
		final List<Path> hrFiles = new ArrayList<>();
		try (var stream = Files.list(hrDir)) {
			stream.filter(p -> p.toString().endsWith(".png")).sorted().forEach(hrFiles::add);
		}
		Prerequisites.need(!hrFiles.isEmpty(), "no HR images in " + hrDir);
		long total = 0, within1 = 0, exact = 0, exactUint8 = 0;
		for (final Path hrPath : hrFiles) {
			final String name = hrPath.getFileName().toString().replace(".png", "");
			final File lrFile = hrDir.resolveSibling("LR_bicubic").resolve("X" + s).resolve(name + "x" + s + ".png")
				.toFile();
			final ImagePlus hr = IJ.openImage(hrPath.toString());
			final ImagePlus lr = IJ.openImage(lrFile.getPath());
			final int w = hr.getWidth() / s * s, h = hr.getHeight() / s * s;
			final float[][] hrChannels = channels(hr.getProcessor(), w, h);
			final float[][] lrChannels = channels(lr.getProcessor(), lr.getWidth(), lr.getHeight());
			assertTrue(lr.getWidth() == w / s && lr.getHeight() == h / s, "LR size of " + name);
			for (int c = 0; c < lrChannels.length; c++) {
				// A grayscale HR may come with an RGB LR (or the reverse): compare channel min(c, last).
				final float[] hrc = hrChannels[Math.min(c, hrChannels.length - 1)];
				final ArrayImg<FloatType, FloatArray> out = MatlabResize.resize(ArrayImgs.floats(hrc, w, h), 1.0 / s,
					Interpolation.BICUBIC);
				final float[] ours = out.update(null).getCurrentStorageArray();
				final float[] ours8 = MatlabResize.resizeUint8(ArrayImgs.floats(hrc, w, h), w / s, h / s,
					Interpolation.BICUBIC).update(null).getCurrentStorageArray();
				final float[] ref = lrChannels[c];
				for (int i = 0; i < ref.length; i++) {
					final long v = Math.max(0, Math.min(255, Math.round(ours[i])));
					final long d = Math.abs(v - (long) ref[i]);
					total++;
					if (d <= 1) within1++;
					if (d == 0) exact++;
					if (ours8[i] == ref[i]) exactUint8++;
				}
			}
		}
		final double agree = 100.0 * within1 / total;
		final double agree8 = 100.0 * exactUint8 / total;
		System.out.printf("MATLAB bicubic x%d on %s: %.3f%% of %d samples within 1 grey level, %.3f%% exact;" +
			" uint8 path %.3f%% exact%n", s, set, agree, total, 100.0 * exact / total, agree8);
		assertTrue(agree >= 99.0, set + " x" + s + ": only " + agree + "% within one grey level");
		assertTrue(agree8 >= 97.0, set + " x" + s + ": uint8 path only " + agree8 + "% exact");
	}

	/** The top-left {@code w x h} of each channel (R, G, B, or one grey channel), as floats 0..255. */
	private static float[][] channels(final ImageProcessor ip, final int w, final int h) {
		final int n = ip instanceof ColorProcessor ? 3 : 1;
		final float[][] out = new float[n][w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (n == 1) out[0][y * w + x] = ip.getPixelValue(x, y);
				else {
					final int rgb = ip.getPixel(x, y);
					out[0][y * w + x] = (rgb >> 16) & 0xff;
					out[1][y * w + x] = (rgb >> 8) & 0xff;
					out[2][y * w + x] = rgb & 0xff;
				}
			}
		return out;
	}
}
