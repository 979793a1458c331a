package org.deepsr.volume;

import ij.ImagePlus;

import java.util.Locale;
import java.util.Random;

import org.deepsr.LoadAverage;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;

/**
 * Issue 14's volume figure: the wall time of through-plane super-resolution
 * ({@link ThroughPlane}, as {@code deepsr through-plane} runs it, XZ and YZ
 * fused) of an N^3 float volume of random spheres with a bundled model, z
 * refined by F, after the model has loaded and one small warm-up volume.
 *
 * <pre>bench/run ThroughPlaneSpeed [N=256] [model=ESPCN_x2-deepsr] [F=2] [orientations=xz,yz]</pre>
 */
public final class ThroughPlaneSpeed {

	private ThroughPlaneSpeed() {}

	public static void main(final String[] args) throws Exception {
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
		final String model = args.length > 1 ? args[1] : "ESPCN_x2-deepsr";
		final double f = args.length > 2 ? Double.parseDouble(args[2]) : 2;
		final String orientations = args.length > 3 ? args[3] : "xz,yz";
		final ImagePlus volume = ThroughPlaneBench.stack(ThroughPlaneBench.spheres(n, new Random(1)), n, n);
		final ImagePlus small = ThroughPlaneBench.stack(ThroughPlaneBench.spheres(32, new Random(2)), 32, 32);
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method(model), ModelRegistry.fromEnvironment(),
			Progress.NONE))
		{
			final ThroughPlane tp = new ThroughPlane(up, f, Orientation.parse(orientations), ThroughPlane.resampling(
				model));
			tp.run(small, Progress.NONE);
			System.out.println("load average " + LoadAverage.now());
			final long start = System.nanoTime();
			final ImagePlus out = tp.run(volume, Progress.NONE);
			final double s = (System.nanoTime() - start) / 1e9;
			System.out.printf(Locale.ROOT, "%s, %dx%dx%d -> %dx%dx%d (z x%s, %s) on %s: %.1f s, %.2f output MVoxel/s%n",
				model, n, n, n, out.getWidth(), out.getHeight(), out.getStackSize(), f, orientations, up.device(), s,
				(double) out.getWidth() * out.getHeight() * out.getStackSize() / s / 1e6);
			System.out.println("load average " + LoadAverage.now());
		}
	}
}
