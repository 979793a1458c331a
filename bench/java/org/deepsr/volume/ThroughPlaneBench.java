package org.deepsr.volume;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;

/**
 * Through-plane refinement of a synthetic anisotropic volume against its fine
 * original: random spheres on an isotropic N^3 grid, a Gaussian slice
 * profile of FWHM 3 slices, every 3rd slice kept (slab k covers fine slices
 * 3k..3k+2, so output slice j of F = 3 is fine slice j). Prints PSNR (peak:
 * the original's range) of each classical method and orientation choice, and
 * the speed. Usage: {@code bench/run ThroughPlaneBench [N=96] [seed=1]}.
 */
public final class ThroughPlaneBench {

	private ThroughPlaneBench() {}

	public static void main(final String[] args) throws Exception {
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 96, f = 3;
		final long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
		final float[] fine = spheres(n, new Random(seed));
		final float[] thick = thickSlices(fine, n, f);
		final ImagePlus in = stack(thick, n, n / f);
		float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
		for (final float v : fine) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		System.out.printf(Locale.ROOT, "%d x %d x %d fine, %d slices kept (FWHM %d), peak %.1f%n", n, n, n, n / f,
			f, hi - lo);
		final String[][] runs = { { "nearest", "1", "xz" }, { "bilinear", "1", "xz" }, { "bicubic", "1", "xz" }, {
			"lanczos3", "1", "xz" }, { "bicubic", "2", "xz" }, { "bicubic", "2", "yz" }, { "bicubic", "2", "xz,yz" } };
		for (final String[] r : runs) {
			try (Upscaler up = Upscaler.open(new UpscaleSettings().method(r[0]).scale(Integer.parseInt(r[1])).float32(
				true), new ModelRegistry(null, null), Progress.NONE))
			{
				final Set<Orientation> o = Orientation.parse(r[2]);
				final long start = System.nanoTime();
				final ImagePlus out = new ThroughPlane(up, f, o, ThroughPlane.resampling(r[0])).run(in, Progress.NONE);
				final double s = (System.nanoTime() - start) / 1e9;
				System.out.printf(Locale.ROOT, "%-9s x%s %-6s PSNR %.2f dB  %.2f s (%.1f output MVoxel/s)%n", r[0], r[1],
					r[2], psnr(fine, out, n, hi - lo), s, (double) n * n * n / s / 1e6);
			}
		}
	}

	static float[] spheres(final int n, final Random random) {
		final float[] v = new float[n * n * n];
		java.util.Arrays.fill(v, 20);
		for (int k = 0; k < 60; k++) {
			final double cx = random.nextDouble() * n, cy = random.nextDouble() * n, cz = random.nextDouble() * n;
			final double r = 2 + random.nextDouble() * n / 8, a = 40 + random.nextDouble() * 80;
			for (int z = 0; z < n; z++)
				for (int y = 0; y < n; y++)
					for (int x = 0; x < n; x++) {
						final double d = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz));
						v[x + n * (y + n * z)] += (float) (a * Math.min(1, Math.max(0, r + 0.5 - d)));
					}
		}
		return v;
	}

	/** Gaussian slice profile (FWHM f slices, mirrored ends), the centre of every slab of f slices. */
	static float[] thickSlices(final float[] fine, final int n, final int f) {
		final double sigma = f / 2.3548;
		final int half = 6;
		final double[] k = new double[2 * half + 1];
		double sum = 0;
		for (int i = -half; i <= half; i++)
			sum += k[i + half] = Math.exp(-0.5 * i * i / (sigma * sigma));
		final int nz = n / f, plane = n * n;
		final float[] out = new float[plane * nz];
		for (int s = 0; s < nz; s++) {
			final int centre = f * s + f / 2;
			for (int i = -half; i <= half; i++) {
				int z = centre + i;
				if (z < 0) z = -z;
				if (z >= n) z = 2 * n - 2 - z;
				for (int p = 0; p < plane; p++)
					out[s * plane + p] += (float) (k[i + half] / sum * fine[z * plane + p]);
			}
		}
		return out;
	}

	static ImagePlus stack(final float[] v, final int n, final int nz) {
		final ImageStack s = new ImageStack(n, n);
		for (int z = 0; z < nz; z++) {
			final float[] p = new float[n * n];
			System.arraycopy(v, z * n * n, p, 0, n * n);
			s.addSlice(new FloatProcessor(n, n, p));
		}
		return new ImagePlus("thick", s);
	}

	static double psnr(final float[] fine, final ImagePlus out, final int n, final double peak) {
		double se = 0;
		final int plane = n * n;
		for (int z = 0; z < out.getStackSize(); z++) {
			final float[] p = (float[]) out.getStack().getPixels(z + 1);
			for (int i = 0; i < plane; i++) {
				final double d = p[i] - fine[z * plane + i];
				se += d * d;
			}
		}
		return 10 * Math.log10(peak * peak / (se / ((double) plane * out.getStackSize())));
	}
}
