package org.deepsr.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.MatlabResize;
import org.deepsr.train.DatasetSpec;
import org.deepsr.train.FloatImage;
import org.deepsr.train.ImagePair;
import org.deepsr.train.InitialWeights;
import org.deepsr.train.PatchSource;
import org.deepsr.train.Trainer;
import org.deepsr.train.TrainingConfig;
import org.deepsr.train.TrainingData;
import org.deepsr.train.TrainingOptions;

import net.imglib2.img.array.ArrayImgs;

/**
 * Measurement program (bench/README.md): a trained model's gain over bicubic on the files
 * its recipe held out for validation, degraded exactly as in training (same
 * degradation, seed and normalisation), cut into square HR crops. Prints PSNR
 * (peak 1 in normalised units, scale pixels shaved) of MATLAB bicubic and of
 * the model for each crop, and the mean gain.
 * <p>
 * Usage: {@code bench/run HeldOutGain RECIPE BUNDLE [data=../shared/data] [crop=256]}
 */
public final class HeldOutGain {

	private HeldOutGain() {}

	public static void main(final String[] args) throws Exception {
		final TrainingOptions plan = TrainingOptions.read(Paths.get(args[0]));
		final Path bundle = Paths.get(args[1]);
		plan.root = Paths.get(args.length > 2 ? args[2] : "../shared/data");
		final int crop = args.length > 3 ? Integer.parseInt(args[3]) : 256, s = plan.scale;
		final DatasetSpec spec = plan.dataset();
		final TrainingData data = TrainingData.load(spec, Progress.NONE);
		final TrainingConfig config = plan.config().initialWeights(InitialWeights.read(bundle)).threads(0);
		double gain = 0;
		int n = 0;
		System.out.println("crop, bicubic dB, model dB, gain dB");
		try (Trainer t = new Trainer(config, idle(config), List.of(), Progress.NONE)) {
			for (final ImagePair pair : data.validation()) {
				final int lrCrop = crop / s;
				for (int y = 0; y + lrCrop <= pair.lr().height(); y += lrCrop)
					for (int x = 0; x + lrCrop <= pair.lr().width(); x += lrCrop) {
						final FloatImage lr = pair.lr().crop(y, x, lrCrop, lrCrop), hr = pair.hr().crop(y * s, x * s, lrCrop * s, lrCrop * s);
						final double b = psnr(bicubic(lr, s), hr, s), m = psnr(t.predict(lr), hr, s);
						System.out.printf("(%d,%d), %.2f, %.2f, %+.2f%n", x * s, y * s, b, m, m - b);
						gain += m - b;
						n++;
					}
			}
		}
		System.out.printf("mean gain over bicubic on %d held-out %dx%d crops: %+.2f dB%n", n, crop, crop, gain / n);
	}

	/** MATLAB imresize bicubic upscaling of a one-channel image. */
	private static FloatImage bicubic(final FloatImage lr, final int s) {
		final float[] up = MatlabResize.resize(ArrayImgs.floats(lr.data().clone(), lr.width(), lr.height()), s, Interpolation.BICUBIC)
			.update(null).getCurrentStorageArray();
		return new FloatImage(lr.height() * s, lr.width() * s, 1, up);
	}

	/**
	 * PSNR, peak 1, {@code shave} border pixels left out; both images clamped
	 * to [0,1] (percentile-normalised HR exceeds 1 in its brightest 0.1 %).
	 */
	private static double psnr(final FloatImage a, final FloatImage b, final int shave) {
		double sum = 0;
		long count = 0;
		for (int y = shave; y < b.height() - shave; y++)
			for (int x = shave; x < b.width() - shave; x++) {
				final int i = y * b.width() + x;
				final double d = Math.min(1, Math.max(0, a.data()[i])) - Math.min(1, Math.max(0, b.data()[i]));
				sum += d * d;
				count++;
			}
		return 10 * Math.log10(count / sum);
	}

	/** The trainer needs a patch source; this one is never asked for a batch. */
	private static PatchSource idle(final TrainingConfig c) {
		return new PatchSource() {
			@Override public int scale() { return c.scale(); }
			@Override public int channels() { return c.channels(); }
			@Override public int patchSize() { return c.patchSize(); }
			@Override public org.deepsr.train.Batch batch(final long index, final int count) { throw new IllegalStateException("not training"); }
		};
	}
}
