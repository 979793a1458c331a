package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.io.NiftiSource;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.Resampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepsr upscale IN.nii.gz OUT.nii.gz}: in-plane, slice by slice, NIfTI out with the field of view in place. */
class NiftiCliTest {

	@TempDir
	Path dir;

	@Test
	void upscalesEachSliceOfEachVolumeInPlaneAndKeepsTheFieldOfView() throws Exception {
		final Path in = golden("four_d.nii.gz"), out = dir.resolve("t1-x2.nii.gz");
		final StringWriter o = new StringWriter(), e = new StringWriter();
		final int code = Main.execute(new PrintWriter(o), new PrintWriter(e), "upscale", "--model", "bicubic",
			"--scale", "2", in.toString(), out.toString());
		assertEquals(0, code, e.toString());
		assertTrue(o.toString().contains("wrote " + out), o.toString());
		try (NiftiSource source = NiftiSource.open(in); NiftiSource result = NiftiSource.open(out)) {
			assertEquals(source.header().type(), result.header().type(), "int16 stays int16");
			assertEquals(10, result.info().width());
			assertEquals(8, result.info().height());
			assertEquals(3, result.info().slices());
			assertEquals(2, result.info().frames());
			for (long t = 0; t < 2; t++)
				for (long z = 0; z < 3; z++) {
					final ArrayImg<FloatType, ?> expected = Resampler.upscale(source.plane(0, z, t), 2,
						Interpolation.BICUBIC);
					final RandomAccess<FloatType> ra = result.plane(0, z, t).randomAccess();
					for (int y = 0; y < 8; y++)
						for (int x = 0; x < 10; x++)
							assertEquals(Math.floor(expected.getAt(x, y).get() + 0.5), ra.setPositionAndGet(x, y).get(),
								"(" + x + ", " + y + ", " + z + ", " + t + ")");
				}
			final double[][] before = source.header().affine(), after = result.header().affine();
			for (int r = 0; r < 3; r++) {
				assertEquals(before[r][0] / 2, after[r][0], 1e-6);
				assertEquals(before[r][1] / 2, after[r][1], 1e-6);
				assertEquals(before[r][2], after[r][2], 1e-6);
				// voxel corner (-1/2, -1/2, -1/2) in the world, before and after
				assertEquals(before[r][3] - (before[r][0] + before[r][1] + before[r][2]) / 2, after[r][3] - (after[r][0] +
					after[r][1] + after[r][2]) / 2, 1e-5, "corner coordinate " + r);
			}
		}
	}

	@Test
	void aFolderOfNiftiFilesKeepsTheirDoubleExtension() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		Files.copy(golden("four_d.nii.gz"), in.resolve("a.nii.gz"));
		Files.copy(golden("uint8.nii"), in.resolve("b.nii"));
		final StringWriter o = new StringWriter(), e = new StringWriter();
		assertEquals(0, Main.execute(new PrintWriter(o), new PrintWriter(e), "upscale", "--model", "nearest",
			"--scale", "2", in.toString(), out.toString()), e.toString());
		try (NiftiSource a = NiftiSource.open(out.resolve("a-x2.nii.gz")); NiftiSource b = NiftiSource.open(out
			.resolve("b-x2.nii")))
		{
			assertEquals(10, a.info().width());
			assertEquals(10, b.info().width());
		}
	}

	@Test
	void aBrokenNiftiGivesOneLineAndAnError() throws Exception {
		final Path bad = Files.writeString(dir.resolve("bad.nii.gz"), "no gzip");
		final StringWriter o = new StringWriter(), e = new StringWriter();
		assertEquals(1, Main.execute(new PrintWriter(o), new PrintWriter(e), "upscale", "--model", "bicubic",
			bad.toString(), dir.resolve("x.nii").toString()));
		assertTrue(e.toString().trim().startsWith("deepsr: " + bad), e.toString());
		assertEquals(1, e.toString().trim().split("\n").length, e.toString());
	}

	private static Path golden(final String name) throws URISyntaxException {
		return Paths.get(NiftiCliTest.class.getResource("/org/deepsr/io/nifti/" + name).toURI());
	}
}
