package org.deepsr.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.backend.Device;
import org.deepsr.backend.TinyNet;
import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.ImageStackSink;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.deepsr.io.TiffSource;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.upscale.TinyBundle;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through-plane super-resolution: against an independent numpy version
 * (src/test/python/throughplane_reference.py), and the geometry it states
 * (slice counts, positions, voxel sizes) against hand-derived values.
 */
class ThroughPlaneTest {

	private static final Set<Orientation> XZ = EnumSet.of(Orientation.XZ), YZ = EnumSet.of(Orientation.YZ),
		BOTH = EnumSet.allOf(Orientation.class);

	@TempDir
	Path dir;

	/** A 32-bit z-stack of {@code xyz} (x fastest), voxel 1 x 1 x dz µm, z origin {@code z0} µm. */
	static ImagePlus stack(final float[] xyz, final int nx, final int ny, final int nz, final double dz,
		final double z0)
	{
		final ImageStack s = new ImageStack(nx, ny);
		for (int z = 0; z < nz; z++) {
			final float[] plane = new float[nx * ny];
			System.arraycopy(xyz, z * nx * ny, plane, 0, nx * ny);
			s.addSlice(new FloatProcessor(nx, ny, plane));
		}
		final ImagePlus imp = new ImagePlus("vol.tif", s);
		imp.setDimensions(1, nz, 1);
		final Calibration cal = imp.getCalibration();
		cal.setUnit("µm");
		cal.pixelWidth = 1;
		cal.pixelHeight = 1;
		cal.pixelDepth = dz;
		cal.zOrigin = -z0 / dz;
		return imp;
	}

	static Upscaler classical(final String method, final int scale) throws IOException {
		return Upscaler.open(new UpscaleSettings().method(method).scale(scale).float32(true), new ModelRegistry(
			null, null), Progress.NONE);
	}

	/** The result's voxels, x fastest, then y, then z. */
	static float[] voxels(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final float[] out = new float[n * imp.getStackSize()];
		for (int z = 0; z < imp.getStackSize(); z++)
			System.arraycopy((float[]) imp.getStack().getPixels(z + 1), 0, out, z * n, n);
		return out;
	}

	static ImagePlus run(final ImagePlus in, final String method, final int scale, final double factor,
		final Set<Orientation> orientations) throws IOException
	{
		try (Upscaler up = classical(method, scale)) {
			return new ThroughPlane(up, factor, orientations, ThroughPlane.resampling(method)).run(in,
				Progress.NONE);
		}
	}

	static float[] fixture(final String name) throws IOException {
		try (InputStream raw = ThroughPlaneTest.class.getResourceAsStream(name + ".f32.gz");
			DataInputStream in = new DataInputStream(new GZIPInputStream(raw)))
		{
			final byte[] bytes = in.readAllBytes();
			final float[] out = new float[bytes.length / 4];
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
			return out;
		}
	}

	static void assertClose(final float[] expected, final float[] actual, final double tol, final String what) {
		assertEquals(expected.length, actual.length, what + ": voxel count");
		double worst = 0;
		for (int i = 0; i < expected.length; i++)
			worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
		assertTrue(worst <= tol, what + ": largest difference " + worst + " > " + tol);
	}

	private static ImagePlus phantom() throws IOException {
		return stack(fixture("phantom"), ThroughPlaneFixtures.NX, ThroughPlaneFixtures.NY,
			ThroughPlaneFixtures.NZ, 3, 0);
	}

	@Test
	void bicubicEngineMatchesTheNumpyReference() throws IOException {
		final ImagePlus in = phantom();
		// values 20..~250: a few float ulps (float32 against numpy's float64 through three resampling passes)
		assertClose(fixture("xz_s2_f2.5"), voxels(run(in, "bicubic", 2, 2.5, XZ)), 1e-4, "XZ x2 F 2.5");
		assertClose(fixture("yz_s2_f2.5"), voxels(run(in, "bicubic", 2, 2.5, YZ)), 1e-4, "YZ x2 F 2.5");
		assertClose(fixture("fused_s2_f2.5"), voxels(run(in, "bicubic", 2, 2.5, BOTH)), 1e-4, "fused x2 F 2.5");
		assertClose(fixture("xz_s1_f3"), voxels(run(in, "bicubic", 1, 3, XZ)), 1e-4, "XZ x1 F 3");
	}

	@Test
	void fusedIsTheMeanOfTheTwoOrientations() throws IOException {
		final ImagePlus in = phantom();
		final float[] xz = voxels(run(in, "bicubic", 2, 2.5, XZ)), yz = voxels(run(in, "bicubic", 2, 2.5, YZ));
		final float[] fused = voxels(run(in, "bicubic", 2, 2.5, BOTH));
		double differ = 0;
		for (int i = 0; i < fused.length; i++) {
			assertEquals((xz[i] + yz[i]) / 2, fused[i], 0, "voxel " + i);
			differ = Math.max(differ, Math.abs(xz[i] - yz[i]));
		}
		// an x2 engine blurs the in-plane axis it shrinks back: x for XZ, y for YZ
		assertTrue(differ > 1, "XZ and YZ should differ on spheres, largest difference " + differ);
		// without in-plane enlargement both are the same z interpolation, voxel for voxel
		assertArrayEquals(voxels(run(in, "bicubic", 1, 2.5, XZ)), voxels(run(in, "bicubic", 1, 2.5, YZ)));
	}

	@Test
	void slabsAndAMappedFrameGiveTheInMemoryResult() throws IOException {
		final ImagePlus in = phantom();
		final float[] expected = voxels(run(in, "bicubic", 2, 2.5, BOTH));
		final Path file = dir.resolve("phantom.tif");
		assertTrue(new FileSaver(in).saveAsTiffStack(file.toString()));
		final VolumeSource lazy = TiffSource.open(file);
		try (Upscaler up = classical("bicubic", 2)) {
			// 2 KiB: the 10x9x20 frame (7200 bytes) is mapped, slabs hold one section (10 or 9 x 8 floats) each
			for (final VolumeSource source : List.of(lazy, new ImagePlusSource(in))) {
				final ThroughPlane tp = new ThroughPlane(up, 2.5, BOTH, Interpolation.BICUBIC).memoryBudget(2048);
				final ImageStackSink sink = new ImageStackSink(tp.output(source.info()));
				tp.run(source, sink, Progress.NONE);
				assertArrayEquals(expected, voxels(sink.image()), source.getClass().getSimpleName());
			}
			// 4000 bytes: mapped, slabs of 1000 / (4 * 10 * 8) = 3 sections (the last YZ slab 1); 2 MiB: in memory, one slab
			for (final long budget : new long[] { 4000, 2 << 20 }) {
				final ThroughPlane tp = new ThroughPlane(up, 2.5, BOTH, Interpolation.BICUBIC).memoryBudget(budget);
				final ImageStackSink sink = new ImageStackSink(tp.output(lazy.info()));
				tp.run(lazy, sink, Progress.NONE);
				assertArrayEquals(expected, voxels(sink.image()), "budget " + budget);
			}
		}
		assertTrue(Reslice.inMemory(new ImagePlusSource(in)));
		assertTrue(!Reslice.inMemory(lazy));
	}

	@Test
	void nearestEngineRepeatsEachSliceFTimes() throws IOException {
		final int nx = 7, ny = 5, nz = 4;
		final float[] v = new float[nx * ny * nz];
		final Random random = new Random(3);
		for (int i = 0; i < v.length; i++)
			v[i] = random.nextInt(1000);
		for (final int s : new int[] { 1, 2 }) {
			final float[] out = voxels(run(stack(v, nx, ny, nz, 3, 0), "nearest", s, 3, BOTH));
			assertEquals(3 * v.length, out.length);
			for (int j = 0; j < 3 * nz; j++)
				for (int i = 0; i < nx * ny; i++)
					assertEquals(v[j / 3 * nx * ny + i], out[j * nx * ny + i], 0, "x" + s + " slice " + j + " voxel " + i);
		}
	}

	@Test
	void channelsAndFramesAreRefinedOneByOneInPlaneOrder() throws IOException {
		final int nx = 5, ny = 4, nc = 2, nz = 3, nt = 2, n = nx * ny;
		final ImageStack s = new ImageStack(nx, ny);
		for (int i = 0; i < nc * nz * nt; i++) { // ImageJ order: channel fastest, then slice, then frame
			final float[] plane = new float[n];
			for (int k = 0; k < n; k++)
				plane[k] = 1000 * i + k;
			s.addSlice(new FloatProcessor(nx, ny, plane));
		}
		final ImagePlus in = new ImagePlus("hyper", s);
		in.setDimensions(nc, nz, nt);
		in.setOpenAsHyperStack(true);
		final ImagePlus out = run(in, "nearest", 1, 2, BOTH);
		assertEquals(nc, out.getNChannels());
		assertEquals(2 * nz, out.getNSlices());
		assertEquals(nt, out.getNFrames());
		for (int t = 0; t < nt; t++)
			for (int j = 0; j < 2 * nz; j++)
				for (int c = 0; c < nc; c++) {
					final float[] plane = (float[]) out.getStack().getPixels(out.getStackIndex(c + 1, j + 1, t + 1));
					for (int k = 0; k < n; k++)
						assertEquals(1000 * (c + nc * (j / 2 + nz * t)) + k, plane[k], 0, "c " + c + " z " + j + " t " + t);
				}
	}

	@Test
	void aLinearRampLandsAtTheStatedPositions() throws IOException {
		final int nx = 6, ny = 5, nz = 12;
		final float[] v = new float[nx * ny * nz];
		for (int i = 0; i < v.length; i++)
			v[i] = 10 * (i / (nx * ny)); // 10 x the slice index
		for (final double f : new double[] { 2.5, 2.3, 3 }) {
			for (final int s : new int[] { 1, 2 }) {
				final ImagePlus out = run(stack(v, nx, ny, nz, 2, 0), "bicubic", s, f, BOTH);
				final long slices = Math.round(f * nz);
				assertEquals(slices, out.getNSlices(), "F " + f);
				final float[] w = voxels(out);
				final ZGrid grid = ZGrid.of(nz, f);
				for (int j = 0; j < slices; j++) {
					final double u = (j + 0.5) / f - 0.5;
					assertEquals(u, grid.position(j), 1e-12);
					// Keys' cubic reproduces linear functions away from the symmetric borders
					if (u < 2.5 || u > nz - 3.5) continue;
					for (int i = 0; i < nx * ny; i++)
						assertEquals(10 * u, w[j * nx * ny + i], 1e-3, "F " + f + " x" + s + " slice " + j);
				}
			}
		}
	}

	@Test
	void voxelSizeAndFirstSliceFollowTheStatedConvention() throws IOException {
		final int nx = 4, ny = 4, nz = 7;
		final ImagePlus in = stack(new float[nx * ny * nz], nx, ny, nz, 2.5, -4);
		try (Upscaler up = classical("bicubic", 1)) {
			final ThroughPlane tp = new ThroughPlane(up, 0, BOTH, Interpolation.BICUBIC);
			final VolumeInfo info = tp.output(ImagePlusSource.info(in));
			assertEquals(18, info.slices(), "round(2.5 * 7)"); // F from the calibration: 2.5 / 1
			assertEquals(new AxisCalibration("µm", 1, 0), info.calibration(Axis.X));
			assertEquals(new AxisCalibration("µm", 1, 0), info.calibration(Axis.Y));
			assertEquals(new AxisCalibration("µm", 1, -4), info.calibration(Axis.Z));
			assertEquals("vol-z2.5", info.title());
			final ImagePlus out = tp.run(in, Progress.NONE);
			assertEquals(1.0, out.getCalibration().pixelDepth, 1e-12);
			assertEquals(-4, out.getCalibration().getZ(0), 1e-12, "the first slice's recorded position is kept");
			assertEquals(18, out.getNSlices());
		}
		try (Upscaler up = classical("bicubic", 1)) {
			final VolumeInfo info = new ThroughPlane(up, 2.3, XZ, Interpolation.BICUBIC).output(ImagePlusSource.info(
				in));
			assertEquals(16, info.slices(), "round(2.3 * 7) = round(16.1)");
			assertEquals(2.5 / 2.3, info.calibration(Axis.Z).spacing(), 1e-12);
		}
	}

	@Test
	void aFactorFromTheCalibrationNeedsOneUnitAndSquarePixels() {
		final ImagePlus in = stack(new float[16], 2, 2, 4, 3, 0);
		in.getCalibration().pixelHeight = 2;
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZGrid
			.factorFromCalibration(ImagePlusSource.info(in)));
		assertTrue(e.getMessage().contains("different x and y voxel sizes (1.0, 2.0): give the z factor"), e
			.getMessage());
		final ImagePlus plain = stack(new float[16], 2, 2, 4, 3, 0);
		plain.getCalibration().setZUnit("mm");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ZGrid.factorFromCalibration(ImagePlusSource
			.info(plain))).getMessage().contains("different units"));
		final ImagePlus isotropic = stack(new float[16], 2, 2, 4, 1, 0);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> ZGrid.factorFromCalibration(ImagePlusSource
			.info(isotropic))).getMessage().contains("gives no z factor"));
		assertEquals(3, ZGrid.factorFromCalibration(ImagePlusSource.info(stack(new float[16], 2, 2, 4, 3, 0))), 0);
	}

	@Test
	void sectionsAreViewsOfTheImagesOwnPixels() {
		final float[] v = new float[3 * 2 * 4];
		final ImagePlus in = stack(v, 3, 2, 4, 1, 0);
		final RandomAccessibleInterval<FloatType> xyz = Reslice.volume(new ImagePlusSource(in), 0, 0);
		final RandomAccessibleInterval<FloatType> xz = Orientation.XZ.section(xyz, 1), yz = Orientation.YZ
			.section(xyz, 2);
		assertArrayEquals(new long[] { 3, 4 }, xz.dimensionsAsLongArray());
		assertArrayEquals(new long[] { 2, 4 }, yz.dimensionsAsLongArray());
		((float[]) in.getStack().getPixels(4))[2 + 3 * 1] = 7; // x 2, y 1, z 3
		assertEquals(7, xz.getAt(2, 3).get());
		assertEquals(7, yz.getAt(1, 3).get());
		assertEquals(Orientation.XZ.index(1, 2, 3, 3, 2), Orientation.YZ.index(2, 1, 3, 3, 2));
	}

	@Test
	void orientationsParseAndRefuseClearly() {
		assertEquals(BOTH, Orientation.parse("xz,yz"));
		assertEquals(BOTH, Orientation.parse("YZ+xz"));
		assertEquals(YZ, Orientation.parse("yz"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Orientation.parse("xy")).getMessage()
			.contains("'xy' is not xz or yz"));
	}

	@Test
	void aModelRunsThroughPlaneDeterministically() throws IOException {
		final TinyNet net = new TinyNet(1, 3, 3);
		final Path bundle = TinyBundle.create(net, "grey", dir);
		final ImagePlus in = phantom();
		float[] first = null;
		for (int run = 0; run < 2; run++) {
			try (Upscaler up = Upscaler.open(new UpscaleSettings().method(bundle.toString()).device(Device.CPU)
				.float32(true), new ModelRegistry(null, dir.resolve("user")), Progress.NONE))
			{
				assertEquals(3, up.scale());
				final ImagePlus out = new ThroughPlane(up, 2, BOTH, ThroughPlane.resampling(bundle.toString())).run(in,
					Progress.NONE);
				assertEquals(2 * ThroughPlaneFixtures.NZ, out.getNSlices());
				assertEquals(ThroughPlaneFixtures.NX, out.getWidth());
				final float[] v = voxels(out);
				for (final float x : v)
					assertTrue(Float.isFinite(x));
				if (first == null) first = v;
				else assertArrayEquals(first, v, "a second run gives the same voxels");
			}
		}
	}
}
