package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deepsr.model.ModelBundle;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelDescriptors;
import org.deepsr.model.ModelImporter;
import org.deepsr.model.TemporaryModelCache;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flux conservation ({@code conserve: flux}) and a zero background kept zero,
 * on phantoms through the bundled microscopy model, and the constraint itself
 * against an independent solution (bisection on the shift).
 */
@ExtendWith(TemporaryModelCache.class)
class FluxConservationTest {

	@TempDir
	Path dir;

	/**
	 * The projection onto {mean = m, v >= L} is max(u - t, L) with the t that
	 * gives the mean (KKT); t found here by bisection, independently of the
	 * sorting solution. Also: the result is never farther from a consistent
	 * block than the network's output was (a projection onto a convex set).
	 */
	@Test
	void theBlockProjectionMatchesBisectionAndNeverMovesAwayFromAConsistentTruth() {
		final Random random = new Random(5);
		for (int trial = 0; trial < 2000; trial++) {
			final int s = 2 + trial % 3, n = s * s;
			final float[] truth = new float[n], out = new float[n];
			double sum = 0;
			for (int k = 0; k < n; k++) {
				truth[k] = random.nextInt(4) == 0 ? 0 : random.nextFloat() * 10;
				sum += truth[k];
				out[k] = (float) (truth[k] + random.nextGaussian() * 4);
			}
			final float m = (float) (sum / n);
			final float[] got = out.clone();
			FluxConstraint.apply(got, new float[] { m }, 1, 1, s, 0);
			double lo = -100, hi = 100;
			for (int it = 0; it < 200; it++) {
				final double t = (lo + hi) / 2;
				double mean = 0;
				for (final float u : out) mean += Math.max(u - t, 0);
				if (mean / n > m) lo = t;
				else hi = t;
			}
			double before = 0, after = 0, mean = 0;
			for (int k = 0; k < n; k++) {
				assertEquals(Math.max(out[k] - lo, 0), got[k], 1e-4, "trial " + trial + " pixel " + k);
				assertTrue(got[k] >= 0);
				mean += got[k];
				before += (out[k] - truth[k]) * (out[k] - truth[k]);
				after += (got[k] - truth[k]) * (got[k] - truth[k]);
			}
			assertEquals(m, mean / n, 1e-4);
			assertTrue(after <= before + 1e-6, "trial " + trial + ": " + after + " > " + before);
		}
		// a zero input pixel gives a zero block, whatever the network said
		final float[] block = { 3, -2, 5, 1 };
		FluxConstraint.apply(block, new float[] { 0 }, 1, 1, 2, 0);
		for (final float v : block) assertEquals(0f, v);
	}

	/**
	 * A sparse bead z-stack (16-bit, beads on a zero background, from 1 to 15
	 * beads a slice): through the microscopy model with its flux constraint,
	 * every slice's mean is within 0.5% of the input slice's mean (the
	 * reference: the input's own means, a physical invariant of binning).
	 */
	@Test
	void perSliceMeansOfASparseBeadStackAreConserved() throws IOException {
		final ImagePlus beads = beads(64, 64, 8, 3);
		final ImagePlus out = upscale(withFlux(true), beads);
		for (int z = 1; z <= 8; z++) {
			final double in = mean(beads.getStack().getProcessor(z)), got = mean(out.getStack().getProcessor(z));
			assertEquals(0, (got - in) / in, 0.005, "slice " + z + ": input mean " + in + ", output mean " + got);
		}
	}

	/**
	 * A zero-background phantom (a textured ellipse on exact zeros): no output
	 * voxel whose input pixel's 3x3 neighbourhood is zero becomes non-zero
	 * (fraction 0), and the ellipse's flux is kept.
	 */
	@Test
	void aZeroBackgroundStaysZero() throws IOException {
		final int w = 64, h = 48, s = 2;
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < 3; z++) {
			final ShortProcessor sp = new ShortProcessor(w, h);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final double ex = (x - 32.0) / (18 + 3 * z), ey = (y - 24.0) / 14;
					if (ex * ex + ey * ey < 1) sp.set(x, y, (int) (1500 + 900 * Math.sin(x * 0.9) * Math.cos(y * 0.7 + z)));
				}
			stack.addSlice(sp);
		}
		final ImagePlus in = new ImagePlus("ellipse", stack);
		final ImagePlus out = upscale(withFlux(true), in);
		long background = 0, lifted = 0;
		for (int z = 1; z <= 3; z++) {
			final ShortProcessor ip = (ShortProcessor) stack.getProcessor(z), op = (ShortProcessor) out.getStack().getProcessor(z);
			for (int y = 0; y < h * s; y++)
				for (int x = 0; x < w * s; x++) {
					boolean zero = true;
					for (int dy = -1; dy <= 1; dy++)
						for (int dx = -1; dx <= 1; dx++) {
							final int yy = Math.min(h - 1, Math.max(0, y / s + dy)), xx = Math.min(w - 1, Math.max(0, x / s + dx));
							zero &= ip.get(xx, yy) == 0;
						}
					if (!zero) continue;
					background++;
					if (op.get(x, y) != 0) lifted++;
				}
			assertEquals(0, (mean(op) - mean(ip)) / mean(ip), 0.005, "slice " + z);
		}
		assertTrue(background > 10000, "background voxels: " + background);
		assertEquals(0, lifted, lifted + " of " + background + " background voxels became non-zero");
	}

	/** Beads: Gaussian spots (sigma 1.2 px, peak 400..4000 counts) on zeros, slice z holding 1 + 2z of them. */
	static ImagePlus beads(final int w, final int h, final int slices, final long seed) {
		final Random random = new Random(seed);
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < slices; z++) {
			final float[] v = new float[w * h];
			for (int b = 0; b < 1 + 2 * z; b++) {
				final double cx = 4 + random.nextDouble() * (w - 8), cy = 4 + random.nextDouble() * (h - 8), a = 400 + random.nextDouble() * 3600;
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						v[y * w + x] += a * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * 1.2 * 1.2));
			}
			final ShortProcessor sp = new ShortProcessor(w, h);
			for (int i = 0; i < v.length; i++) sp.set(i, v[i] < 1 ? 0 : (int) Math.round(Math.min(65535, v[i])));
			stack.addSlice(sp);
		}
		return new ImagePlus("beads", stack);
	}

	/** The bundled microscopy model, its flux constraint on or off. */
	private Path withFlux(final boolean on) throws IOException {
		final ModelBundle b = ModelBundle.open(Paths.get("models", "microscopy-x2.zip"));
		final ModelDescriptor d = ModelDescriptors.withMetadata(b.descriptor(), on ? "{\"conserve\": \"flux\"}" : "{\"conserve\": null}", "test");
		d.name = "microscopy-" + (on ? "flux" : "free");
		return ModelImporter.importFrozenGraph(b.weights(), d, dir.resolve(d.name + ".zip"), false, Progress.NONE);
	}

	private ImagePlus upscale(final Path bundle, final ImagePlus in) throws IOException {
		final List<String> warnings = new ArrayList<>();
		try (Upscaler up = TinyBundle.open(bundle, dir, false)) {
			return up.upscale(in, new Progress() {
				@Override
				public void warn(final String message) {
					warnings.add(message);
				}
			});
		}
	}

	static double mean(final ij.process.ImageProcessor ip) {
		double sum = 0;
		for (int i = 0; i < ip.getPixelCount(); i++) sum += ip.getf(i);
		return sum / ip.getPixelCount();
	}
}
