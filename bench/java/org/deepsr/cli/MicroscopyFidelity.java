package org.deepsr.cli;

import ij.ImagePlus;
import ij.process.FloatProcessor;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.deepsr.backend.Device;
import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.metrics.Psnr;
import org.deepsr.metrics.Ssim;
import org.deepsr.model.ModelRegistry;
import org.deepsr.normalise.NoiseLevel;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Bin;
import org.deepsr.resample.Blur;
import org.deepsr.resample.Chain;
import org.deepsr.resample.Decimate;
import org.deepsr.resample.Degradation;
import org.deepsr.resample.GaussianSample;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.Kernels;
import org.deepsr.resample.MatlabResize;
import org.deepsr.train.ImagePair;
import org.deepsr.train.TrainingData;
import org.deepsr.train.TrainingOptions;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Measurement program (bench/README.md, models/README.md): a microscopy model
 * against MATLAB bicubic on microscopy images it was not trained on, in the
 * images' own units. Each plane of each held-out file is the HR truth; its LR
 * is made by 2x2 binning (block mean), by a Gaussian PSF (sigma 1 HR px)
 * sampled at the block centres, and by the same blur then top-left
 * decimation (the older convention, half an HR pixel off the grid, which
 * handicaps bicubic). The model runs through the one upscale path
 * ({@code Upscaler}, its descriptor's normalisation and flux constraint).
 * PSNR and SSIM with the HR plane's max - min as data range, 2 border pixels
 * shaved; mean change = output mean / input (LR) mean - 1. Then the noise of
 * the recipe's training inputs ({@link NoiseLevel}, normalised units), for the
 * descriptor's {@code trained_on.noise}.
 * <p>
 * Usage: {@code bench/run MicroscopyFidelity BUNDLE RECIPE [data=../shared/data] [held-out files...]}
 */
public final class MicroscopyFidelity {

	private MicroscopyFidelity() {}

	public static void main(final String[] args) throws Exception {
		final Path bundle = Paths.get(args[0]);
		final TrainingOptions recipe = TrainingOptions.read(Paths.get(args[1]));
		final Path data = Paths.get(args.length > 2 ? args[2] : "../shared/data");
		final List<String> held = new ArrayList<>();
		for (int i = 3; i < args.length; i++) held.add(args[i]);
		if (held.isEmpty()) held.addAll(List.of("microscopy/bian_BPAE_nuclei.tif", "microscopy/stardist_dsb2018_img2d.tif"));
		for (final String h : held)
			if (recipe.hr.contains(h)) throw new IllegalArgumentException(h + " is in the recipe's training data");
		final String[] names = { "2x2 binning", "Gaussian PSF s=1, centred sampling", "Gaussian blur s=1 + top-left decimation" };
		final Degradation[] degradations = { new Bin(2), new GaussianSample(1.0, 2), Chain.of(new Blur(Kernels.gaussian(1.0)), new Decimate(2)) };
		System.out.println("| held-out image | degradation | bicubic PSNR / SSIM | model PSNR / SSIM | gain dB | model mean change | bicubic mean change |");
		System.out.println("|---|---|---|---|---|---|---|");
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method(bundle.toString()).device(Device.CPU).float32(true),
			new ModelRegistry(null, Paths.get("target", "fidelity-models")), Progress.NONE))
		{
			for (final String file : held) {
				final ImagePlus imp = ImageFiles.open(data.resolve(file));
				for (int c = 1; c <= imp.getNChannels(); c++)
					for (int z = 1; z <= imp.getNSlices(); z++) {
						final ArrayImg<FloatType, FloatArray> hrFull = ImagePlanes.plane(imp, c, z, 1);
						final int w = (int) hrFull.dimension(0) / 2 * 2, h = (int) hrFull.dimension(1) / 2 * 2;
						final float[] hr = crop(hrFull.update(null).getCurrentStorageArray(), (int) hrFull.dimension(0), w, h);
						double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
						for (final float v : hr) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
						for (int k = 0; k < degradations.length; k++) {
							final float[] lr = degradations[k].apply(ArrayImgs.floats(hr.clone(), w, h), new Random(1)).update(null).getCurrentStorageArray();
							final float[] bicubic = MatlabResize.resize(ArrayImgs.floats(lr.clone(), w / 2, h / 2), 2, Interpolation.BICUBIC).update(null).getCurrentStorageArray();
							final ImagePlus out = up.upscale(new ImagePlus("lr", new FloatProcessor(w / 2, h / 2, lr.clone())), Progress.NONE);
							final float[] model = (float[]) out.getProcessor().getPixels();
							final double pb = psnr(hr, bicubic, w, h, hi - lo), pm = psnr(hr, model, w, h, hi - lo);
							System.out.println(String.format(Locale.ROOT, "| %s%s | %s | %.2f / %.4f | %.2f / %.4f | %+.2f | %+.3f%% | %+.3f%% |",
								Paths.get(file).getFileName(), imp.getNChannels() * imp.getNSlices() > 1 ? " c" + c + " z" + z : "", names[k],
								pb, ssim(hr, bicubic, w, h, hi - lo), pm, ssim(hr, model, w, h, hi - lo), pm - pb,
								100 * (mean(model) / mean(lr) - 1), 100 * (mean(bicubic) / mean(lr) - 1)));
						}
					}
			}
		}
		// the noise the model saw in training, as the descriptor states it
		recipe.root = data;
		final TrainingData training = TrainingData.load(recipe.dataset(), Progress.NONE);
		double nlo = Double.POSITIVE_INFINITY, nhi = 0;
		for (final ImagePair p : training.training()) {
			final double n = NoiseLevel.of(p.lr().data(), p.lr().width(), p.lr().height());
			nlo = Math.min(nlo, n);
			nhi = Math.max(nhi, n);
		}
		System.out.println(String.format(Locale.ROOT, "noise of the %d training inputs (LR, fraction of the 0.1-99.9 percentile range): %.4f .. %.4f",
			training.training().size(), nlo, nhi));
	}

	private static float[] crop(final float[] v, final int width, final int w, final int h) {
		final float[] out = new float[w * h];
		for (int y = 0; y < h; y++) System.arraycopy(v, y * width, out, y * w, w);
		return out;
	}

	private static ArrayImg<FloatType, FloatArray> shaved(final float[] v, final int w, final int h) {
		final int s = 2;
		final float[] out = new float[(w - 2 * s) * (h - 2 * s)];
		for (int y = s; y < h - s; y++) System.arraycopy(v, y * w + s, out, (y - s) * (w - 2 * s), w - 2 * s);
		return ArrayImgs.floats(out, w - 2 * s, h - 2 * s);
	}

	private static double psnr(final float[] ref, final float[] test, final int w, final int h, final double range) {
		return Psnr.psnr(shaved(ref, w, h), shaved(test, w, h), range);
	}

	private static double ssim(final float[] ref, final float[] test, final int w, final int h, final double range) {
		return Ssim.ssim(shaved(ref, w, h), shaved(test, w, h), range);
	}

	private static double mean(final float[] v) {
		double s = 0;
		for (final float x : v) s += x;
		return s / v.length;
	}
}
