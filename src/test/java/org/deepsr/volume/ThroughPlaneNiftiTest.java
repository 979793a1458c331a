package org.deepsr.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.AxisCalibration;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.io.NiftiSink;
import org.deepsr.io.NiftiSource;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through-plane refinement NIfTI to NIfTI: the z factor comes from the voxel
 * sizes, each output slice is the nearest input slice (nearest at scale 1,
 * F = 3: slice j is input slice j / 3), the z voxel size is divided by F and
 * the affine keeps the field of view's corner (voxel -1/2, -1/2, -1/2) where it
 * was in the world.
 */
class ThroughPlaneNiftiTest {

	@TempDir
	Path dir;

	@Test
	void niftiInNiftiOutKeepsTheFieldOfViewAndRefinesZ() throws IOException {
		final int nx = 6, ny = 5, nz = 4;
		final VolumeInfo info = new VolumeInfo("thick", new long[] { nx, ny, 1, nz, 1 }, new AxisCalibration[] {
			new AxisCalibration("mm", 1, -10), new AxisCalibration("mm", 1, 20), AxisCalibration.NONE,
			new AxisCalibration("mm", 3, 5), AxisCalibration.NONE }, PixelType.UINT16, false, 0, 65535, null);
		final Random random = new Random(7);
		final float[][] slices = new float[nz][nx * ny];
		final Path in = dir.resolve("thick.nii.gz"), out = dir.resolve("fine.nii.gz");
		try (NiftiSink sink = NiftiSink.create(in, info, null, false, false)) {
			for (int z = 0; z < nz; z++) {
				for (int i = 0; i < nx * ny; i++)
					slices[z][i] = random.nextInt(60000);
				sink.write(0, z, 0, ArrayImgs.floats(slices[z], nx, ny));
			}
			sink.finish();
		}
		try (Upscaler up = ThroughPlaneTest.classical("nearest", 1)) {
			new ThroughPlane(up, 0, Orientation.parse("xz,yz"), ThroughPlane.resampling("nearest")).runFile(in, out,
				false, Progress.NONE);
		}
		try (NiftiSource thick = NiftiSource.open(in); NiftiSource fine = NiftiSource.open(out)) {
			assertEquals(3 * nz, fine.info().slices());
			assertEquals(1, fine.header().pixdim(3), 1e-12, "z voxel 3 mm / F");
			final double[] before = corner(thick.header().affine()), after = corner(fine.header().affine());
			for (int r = 0; r < 3; r++)
				assertEquals(before[r], after[r], 1e-9, "FOV corner coordinate " + r);
			for (int j = 0; j < 3 * nz; j++) {
				int i = 0;
				for (final FloatType v : fine.plane(0, j, 0))
					assertEquals(slices[j / 3][i++], v.get(), 0, "slice " + j + " voxel " + (i - 1));
			}
		}
	}

	/** World position of voxel (-1/2, -1/2, -1/2), the outer corner of the field of view. */
	private static double[] corner(final double[][] affine) {
		final double[] p = new double[3];
		for (int r = 0; r < 3; r++)
			p[r] = -0.5 * (affine[r][0] + affine[r][1] + affine[r][2]) + affine[r][3];
		return p;
	}
}
