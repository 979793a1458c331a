package org.deepsr.upscale;

import ij.ImagePlus;
import ij.process.FloatProcessor;

import java.util.Locale;

import org.deepsr.LoadAverage;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;

/**
 * Does a larger tile pay within the memory budget? MP/s of output of a
 * model on one grey float image per tile size (input pixels; 0: the
 * automatic choice, about 256 on the CPU, {@link ModelEngine#TILE_BUDGET_BYTES}),
 * best of R runs after a warm-up each, the tile sizes interleaved round by
 * round so that a change of the machine's load touches them all alike.
 *
 * <pre>bench/run TileSizeBench [models=ESPCN_x3-deepsr,FSRCNN_x3-deepsr] [size=2048] [R=3] [tiles=0,128,256,384,512,768,1024]</pre>
 */
public final class TileSizeBench {

	public static void main(final String[] args) throws Exception {
		final String[] models = (args.length > 0 ? args[0] : "ESPCN_x3-deepsr,FSRCNN_x3-deepsr").split(",");
		final int size = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
		final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		final String[] tiles = (args.length > 3 ? args[3] : "0,128,256,384,512,768,1024").split(",");
		final float[] v = new float[size * size];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (0.5 + 0.3 * Math.sin(i % size * 0.05) * Math.cos(i / size * 0.031) + 0.1 * Math.sin((i % size +
				2 * (i / size)) * 0.37));
		final ImagePlus image = new ImagePlus("tiles", new FloatProcessor(size, size, v));
		final ModelRegistry registry = ModelRegistry.fromEnvironment();
		System.out.println("load average " + LoadAverage.now());
		System.out.printf(Locale.ROOT, "%dx%d grey float in, best of %d%n", size, size, rounds);
		System.out.println("| model | tile | MP/s of output |");
		System.out.println("|---|---|---|");
		for (final String model : models) {
			final Upscaler[] ups = new Upscaler[tiles.length];
			final double[] best = new double[tiles.length];
			double megapixels = 0;
			try {
				for (int t = 0; t < tiles.length; t++) {
					ups[t] = Upscaler.open(new UpscaleSettings().method(model).tile(Integer.parseInt(tiles[t].trim()))
						.float32(true), registry, Progress.NONE);
					final ImagePlus out = ups[t].upscale(image, Progress.NONE);
					megapixels = (double) out.getWidth() * out.getHeight() / 1e6;
					best[t] = Double.MAX_VALUE;
				}
				for (int r = 0; r < rounds; r++)
					for (int t = 0; t < tiles.length; t++) {
						final long t0 = System.nanoTime();
						ups[t].upscale(image, Progress.NONE);
						best[t] = Math.min(best[t], (System.nanoTime() - t0) / 1e9);
					}
			}
			finally {
				for (final Upscaler up : ups)
					if (up != null) up.close();
			}
			for (int t = 0; t < tiles.length; t++)
				System.out.printf(Locale.ROOT, "| %s | %s | %.2f |%n", model, tiles[t].trim().equals("0") ? "automatic"
					: tiles[t].trim(), megapixels / best[t]);
		}
		System.out.println("load average " + LoadAverage.now());
	}
}
