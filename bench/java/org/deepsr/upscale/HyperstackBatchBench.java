package org.deepsr.upscale;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ShortProcessor;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Random;

import org.deepsr.backend.Device;
import org.deepsr.model.LoadedModel;
import org.deepsr.model.Models;
import org.deepsr.progress.Progress;

/**
 * Small planes of a hyperstack one by one against batched (several planes'
 * tiles in one TensorFlow call): a synthetic 16-bit stack of C=2 channels and
 * N/2 slices of SxS planes (smooth blobs and noise), upscaled by a model with
 * batch 1, then with the automatic batch and given batches, each after one
 * warm-up run, the best of R runs; prints planes per second, the speed-up and
 * the largest difference from batch 1 as a share of the output's range.
 * <p>
 * {@code bench/run HyperstackBatchBench [model=models/microscopy-x2.zip] [N=64] [S=64] [R=3] [batches=4,16]}
 */
public final class HyperstackBatchBench {

	private HyperstackBatchBench() {}

	public static void main(final String... args) throws Exception {
		final Path model = Paths.get(args.length > 0 ? args[0] : "models/microscopy-x2.zip");
		final int n = args.length > 1 ? Integer.parseInt(args[1]) : 64;
		final int s = args.length > 2 ? Integer.parseInt(args[2]) : 64;
		final int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
		final String[] batches = (args.length > 4 ? args[4] : "4,16").split(",");
		final ImagePlus image = stack(n, s);
		System.out.printf(Locale.ROOT, "%s: %d planes of %dx%d (16-bit, C=2, Z=%d), best of %d runs, %d cores%n",
			model.getFileName(), n, s, s, n / 2, repeats, Runtime.getRuntime().availableProcessors());
		final float[][] reference = run(model, image, 1, repeats, null, 0);
		run(model, image, 0, repeats, reference, reference[0][0]);
		for (final String b : batches)
			run(model, image, Integer.parseInt(b.trim()), repeats, reference, reference[0][0]);
	}

	/** @return the output planes, and the seconds of the best run at [0][0] when {@code reference} is null */
	private static float[][] run(final Path bundle, final ImagePlus image, final int batch, final int repeats,
		final float[][] reference, final float oneSeconds) throws Exception
	{
		final LoadedModel model = Models.load(bundle, Device.CPU, Progress.NONE);
		final ModelEngine engine = new ModelEngine(model, bundle.getFileName().toString(), 0, batch);
		try (Upscaler up = new Upscaler(engine, true)) {
			ImagePlus out = up.upscale(image, Progress.NONE); // warm-up (and the batch check of the model)
			double best = Double.MAX_VALUE;
			for (int r = 0; r < repeats; r++) {
				final long start = System.nanoTime();
				out = up.upscale(image, Progress.NONE);
				best = Math.min(best, (System.nanoTime() - start) / 1e9);
			}
			final int planes = image.getStackSize();
			final float[][] data = new float[planes + 1][];
			for (int i = 0; i < planes; i++)
				data[i + 1] = (float[]) out.getStack().getPixels(i + 1);
			final int perCall = engine.planesPerCall(image.getWidth(), image.getHeight(), false);
			if (reference == null) {
				data[0] = new float[] { (float) best };
				System.out.printf(Locale.ROOT, "batch 1 (one plane per call): %.3f s, %.1f planes/s%n", best, planes /
					best);
				return data;
			}
			double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE, max = 0;
			for (int i = 1; i <= planes; i++)
				for (int k = 0; k < data[i].length; k++) {
					lo = Math.min(lo, reference[i][k]);
					hi = Math.max(hi, reference[i][k]);
					max = Math.max(max, Math.abs(reference[i][k] - data[i][k]));
				}
			System.out.printf(Locale.ROOT, "batch %s (%d planes per call%s): %.3f s, %.1f planes/s, x%.2f, " +
				"max |diff| %.2e of the range%n", batch == 0 ? "auto" : String.valueOf(batch), perCall, model.batches()
					? "" : ", the graph refused batches", best, planes / best, oneSeconds / best, max / (hi - lo));
			return data;
		}
	}

	/** Two channels of smooth blobs plus noise, of different ranges, each slice a little different. */
	static ImagePlus stack(final int n, final int s) {
		final ImagePlus image = IJ.createHyperStack("bench", s, s, 2, n / 2, 1, 16);
		final Random random = new Random(1);
		for (int i = 1; i <= image.getStackSize(); i++) {
			final ShortProcessor sp = (ShortProcessor) image.getStack().getProcessor(i);
			final double amplitude = i % 2 == 1 ? 3000 : 20000;
			for (int y = 0; y < s; y++)
				for (int x = 0; x < s; x++)
					sp.set(x, y, (int) (500 + amplitude * (0.5 + 0.5 * Math.sin(0.3 * x + 0.1 * i) * Math.cos(0.23 * y)) +
						50 * random.nextGaussian()));
		}
		return image;
	}
}
