package org.deepsr.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.io.NiftiSink;
import org.deepsr.io.NiftiSource;
import org.deepsr.io.TiffSource;
import org.deepsr.progress.Progress;
import org.deepsr.resample.SliceProfile;
import org.deepsr.train.ImagePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-supervised isotropic reconstruction on synthetic phantoms (random
 * spheres): the node grid, the training degradation against an invariant,
 * the geometry of NIfTI and TIFF outputs (z factor from the voxel sizes,
 * integer and not, voxel size / F, first slice kept), and that a short run
 * beats cubic interpolation along z against the phantom's fine original.
 */
class IsotropicTest {

	@TempDir
	Path dir;

	@Test
	void nodeGridKeepsTheFirstSliceAndEndsAtTheLast() {
		final ZGrid g = ZGrid.nodes(48, 4);
		assertEquals(189, g.slices()); // original slices 0..188 of the every-4th sampling of 190
		assertEquals(0, g.position(0));
		assertEquals(47, g.position(188), 1e-12);
		final ZGrid h = ZGrid.nodes(10, 2.5);
		assertEquals(23, h.slices()); // floor(9 * 2.5) + 1
		assertEquals(2, h.position(5), 1e-12);
		assertEquals(new AxisCalibration("mm", 1, 7), h.calibration(new AxisCalibration("mm", 2.5, 7)));
		assertEquals(1, ZGrid.nodes(1, 3).slices());
	}

	/** A symmetric profile and Keys' cubic both keep linear ramps, so an x- or y-degraded ramp is the ramp away from the borders; misplaced samples would shift it. */
	@Test
	void trainingDegradationKeepsRampsInPlace() {
		final int w = 40, h = 30;
		final float[] ramp = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				ramp[y * w + x] = 0.02f * x + 0.01f * y;
		final SliceProfile p = SliceProfile.of(SliceProfile.Shape.GAUSSIAN, 3);
		final float[] dx = Isotropic.degrade(ramp, w, h, 0, p, 3), dy = Isotropic.degrade(ramp, w, h, 1, p, 2.5);
		assertEquals(40 * h, dx.length); // 14 samples at 0..39, back onto 0..39
		assertEquals(w * 28, dy.length); // 12 samples at 0..27.5, back onto 0..27
		for (int y = 0; y < h; y++)
			for (int x = 8; x < w - 8; x++)
				assertEquals(ramp[y * w + x], dx[y * w + x], 1e-5, "x-degraded at " + x + "," + y);
		for (int y = 8; y < 20; y++)
			for (int x = 0; x < w; x++)
				assertEquals(ramp[y * w + x], dy[y * w + x], 1e-5, "y-degraded at " + x + "," + y);
	}

	/** Pairs: every chosen slice twice (x- and y-degraded), the original cropped to what the degradation covers. */
	@Test
	void pairsComeFromBothInPlaneAxes() {
		final ImagePlus thick = stack(spheres(36, 32, 12, 5), 36, 1, 3);
		final List<ImagePair> pairs = Isotropic.pairs(new ImagePlusSource(thick), 3, SliceProfile.of(
			SliceProfile.Shape.GAUSSIAN, 3), 5, Progress.NONE);
		assertEquals(10, pairs.size());
		assertEquals(34, pairs.get(0).hr().width()); // samples 0..33 of 36
		assertEquals(32, pairs.get(0).hr().height());
		assertEquals(36, pairs.get(1).hr().width());
		assertEquals(31, pairs.get(1).hr().height());
	}

	@Test
	void niftiOutputLiesOnTheOriginalGrid() throws Exception {
		final int nx = 32, ny = 28, nz = 8;
		final float[][] v = spheres(nx, ny, nz, 1);
		final VolumeInfo info = new VolumeInfo("thick", new long[] { nx, ny, 1, nz, 1 }, new AxisCalibration[] {
			new AxisCalibration("mm", 0.8, -10), new AxisCalibration("mm", 0.8, 20), AxisCalibration.NONE,
			new AxisCalibration("mm", 2, 5), AxisCalibration.NONE }, PixelType.UINT16, false, 0, 65535, null);
		final Path in = dir.resolve("thick.nii.gz"), out = dir.resolve("fine.nii"), model = dir.resolve("m.zip");
		try (NiftiSink sink = NiftiSink.create(in, info, null, false, false)) {
			for (int z = 0; z < nz; z++)
				sink.write(0, z, 0, ArrayImgs.floats(v[z], nx, ny));
			sink.finish();
		}
		final IsotropicOptions o = fast();
		o.saveModel = model.toString();
		new Isotropic(o).runFile(in, out, Progress.NONE); // z factor 2 / 0.8 = 2.5 from the voxel sizes
		try (NiftiSource thick = NiftiSource.open(in); NiftiSource fine = NiftiSource.open(out)) {
			assertEquals(18, fine.info().slices()); // floor(7 * 2.5) + 1
			assertEquals(nx, fine.info().width());
			assertEquals(0.8, fine.header().pixdim(3), 1e-6);
			for (final boolean q : new boolean[] { true, false }) {
				final double[][] a = q ? thick.header().qform() : thick.header().sform(), b = q ? fine.header().qform()
					: fine.header().sform();
				for (int r = 0; r < 3; r++) {
					assertEquals(a[r][3], b[r][3], 1e-6, "first voxel's centre, row " + r);
					assertEquals(a[r][2] / 2.5, b[r][2], 1e-6, "k column, row " + r);
					assertEquals(a[r][0], b[r][0], 1e-6);
				}
			}
			assertEquals(PixelType.UINT16, fine.info().type());
		}
		assertTrue(Files.size(model) > 0, "--save-model wrote the bundle");
		// the bundle is an x1 model that the through-plane path opens and runs
		try (org.deepsr.upscale.Upscaler up = org.deepsr.upscale.Upscaler.open(new org.deepsr.upscale.UpscaleSettings()
			.method(model.toString()), org.deepsr.model.ModelRegistry.fromEnvironment(), Progress.NONE))
		{
			assertEquals(1, up.scale());
			final VolumeInfo refined = new ThroughPlane(up, 0, Orientation.parse("xz"), ThroughPlane.resampling("bicubic"))
				.runFile(in, dir.resolve("through-plane.nii"), false, Progress.NONE);
			assertEquals(20, refined.slices()); // round(2.5 * 8), the through-plane grid
		}
		assertThrows(java.io.IOException.class, () -> new Isotropic(fast()).runFile(in, out, Progress.NONE),
			"no overwrite without --overwrite");
	}

	@Test
	void tiffCalibrationAndAnyFactor() throws Exception {
		final ImagePlus thick = stack(spheres(30, 30, 7, 2), 30, 0.5, 1.5);
		thick.getCalibration().zOrigin = 4; // in pixels, ImageJ's convention
		final Path in = dir.resolve("thick.tif"), out = dir.resolve("fine.tif");
		org.deepsr.image.ImageFiles.save(thick, in, false);
		final IsotropicOptions o = fast();
		o.zFactor = 1.5; // not from the voxel sizes (which say 3)
		new Isotropic(o).runFile(in, out, Progress.NONE);
		final VolumeInfo fine = TiffSource.open(out).info();
		assertEquals(10, fine.slices()); // floor(6 * 1.5) + 1
		final AxisCalibration z = fine.calibration(Axis.Z), z0 = new ImagePlusSource(thick).info().calibration(Axis.Z);
		assertEquals(1.0, z.spacing(), 1e-9);
		assertEquals(z0.origin(), z.origin(), 1e-9, "the first slice's position is kept");
		assertEquals(0.5, fine.calibration(Axis.X).spacing(), 1e-9);
	}

	/** 150 steps of a small network on a sphere phantom made x3 anisotropic beat cubic along z against the fine original. */
	@Test
	void shortRunBeatsCubicOnSpheres() throws Exception {
		final int n = 40, f = 3;
		final float[][] fine = spheres(n, n, n, 11);
		final SliceProfile profile = SliceProfile.of(SliceProfile.Shape.GAUSSIAN, f);
		final int kept = SliceProfile.samples(n, f);
		final float[][] thick = new float[kept][n * n];
		for (int y = 0; y < n; y++) {
			final float[] xz = new float[n * n];
			for (int z = 0; z < n; z++)
				System.arraycopy(fine[z], y * n, xz, z * n, n);
			final float[] low = profile.acquire(xz, n, n, 1, f);
			for (int z = 0; z < kept; z++)
				System.arraycopy(low, z * n, thick[z], y * n, n);
		}
		final IsotropicOptions o = fast();
		o.steps = 150;
		final ImagePlus result = new Isotropic(o).run(stack(thick, n, 1, f), Progress.NONE);
		final int cover = (int) ZGrid.nodes(kept, f).slices();
		assertEquals(n, cover);
		assertEquals(cover, result.getStackSize());
		double seDeep = 0, seCubic = 0;
		for (int y = 0; y < n; y++) {
			final float[] xz = new float[n * kept];
			for (int z = 0; z < kept; z++)
				System.arraycopy(thick[z], y * n, xz, z * n, n);
			final float[] cubic = SliceProfile.cubic(xz, n, kept, 1, cover, 1.0 / f);
			for (int z = 0; z < cover; z++)
				for (int x = 0; x < n; x++) {
					final double truth = fine[z][y * n + x];
					seCubic += sq(truth - cubic[z * n + x]);
					seDeep += sq(truth - result.getStack().getProcessor(z + 1).getf(x, y));
				}
		}
		final double gain = 10 * Math.log10(seCubic / seDeep);
		assertTrue(gain > 0.5, "self-supervised gain over cubic along z: " + gain + " dB");
	}

	/** A small, quick configuration. */
	private static IsotropicOptions fast() {
		final IsotropicOptions o = new IsotropicOptions();
		o.width = 16;
		o.depth = 4;
		o.steps = 20;
		o.patch = 24;
		o.batch = 8;
		o.lossBorder = 2;
		return o;
	}

	private static double sq(final double d) {
		return d * d;
	}

	/** Random spheres of random grey levels (100..1000) on 0 in an isotropic grid, [z][x + nx y]. */
	static float[][] spheres(final int nx, final int ny, final int nz, final long seed) {
		final Random r = new Random(seed);
		final float[][] v = new float[nz][nx * ny];
		final int count = Math.max(4, nx * ny * Math.max(nz, 30) / 1500);
		for (int s = 0; s < count; s++) {
			final double cx = r.nextDouble() * nx, cy = r.nextDouble() * ny, cz = r.nextDouble() * nz, rad =
				2 + r.nextDouble() * 6, value = 100 + 900 * r.nextDouble();
			for (int z = 0; z < nz; z++)
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++)
						if (sq(x - cx) + sq(y - cy) + sq(z - cz) <= rad * rad) v[z][x + nx * y] = (float) value;
		}
		return v;
	}

	static ImagePlus stack(final float[][] v, final int nx, final double xy, final double dz) {
		final int n = v[0].length;
		final ImageStack s = new ImageStack(nx, n / nx);
		for (final float[] plane : v)
			s.addSlice(new FloatProcessor(nx, n / nx, plane.clone()));
		final ImagePlus imp = new ImagePlus("phantom", s);
		final Calibration c = imp.getCalibration();
		c.pixelWidth = c.pixelHeight = xy;
		c.pixelDepth = dz;
		c.setUnit("micron");
		return imp;
	}
}
