package org.deepsr.io;

import static org.deepsr.io.NiftiReference.assertMatrix;
import static org.deepsr.io.NiftiReference.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;

import ij.ImagePlus;

import java.nio.file.Path;

import org.deepsr.image.ImagePlusSource;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File > Import/Export > NIfTI: an ImagePlus read from a file, written back, and upscaled in between. */
class NiftiImagesTest {

	@TempDir
	Path dir;

	@Test
	void anImportedVolumeIsAHyperstackInMillimetresThatExportsAsItCame() throws Exception {
		final JsonObject nib = NiftiReference.expected().getAsJsonObject("four_d.nii.gz");
		final ImagePlus imp = NiftiImages.read(NiftiReference.golden("four_d.nii.gz"));
		assertEquals(5, imp.getWidth());
		assertEquals(4, imp.getHeight());
		assertEquals(3, imp.getNSlices());
		assertEquals(2, imp.getNFrames());
		assertEquals(32, imp.getBitDepth(), "int16 is signed: 32-bit in ImageJ");
		assertEquals("mm", imp.getCalibration().getUnit());
		assertEquals(nib.getAsJsonArray("pixdim").get(1).getAsDouble(), imp.getCalibration().pixelWidth);
		assertEquals(nib.getAsJsonArray("pixdim").get(3).getAsDouble(), imp.getCalibration().pixelDepth);
		NiftiReference.assertValues(nib.getAsJsonArray("values"), new ImagePlusSource(imp), "imported");
		final Path out = dir.resolve("back.nii");
		NiftiImages.write(imp, out, false);
		final JsonObject back = NiftiReference.nibabel(out, true);
		assertEquals(4, back.get("datatype").getAsInt(), "written as the int16 it was read from");
		assertEquals(nib.get("values"), back.get("values"));
		assertMatrix(matrix(nib.getAsJsonArray("affine")), matrix(back.getAsJsonArray("affine")), 1e-6,
			"affine");
	}

	@Test
	void anUpscaledImageCarryingTheHeaderExportsTheSameFieldOfView() throws Exception {
		final ImagePlus imp = NiftiImages.read(NiftiReference.golden("qform_only.nii"));
		final ImagePlus up;
		try (Upscaler upscaler = Upscaler.open(new UpscaleSettings().method("bicubic").scale(2), null,
			Progress.NONE))
		{
			up = upscaler.upscale(imp, Progress.NONE);
		}
		up.setProperty(NiftiImages.HEADER, imp.getProperty(NiftiImages.HEADER)); // as UpscaleCommand does
		final Path out = dir.resolve("up.nii.gz");
		NiftiImages.write(up, out, false);
		final double[][] before = matrix(NiftiReference.expected().getAsJsonObject("qform_only.nii")
			.getAsJsonArray("affine")), after = matrix(NiftiReference.nibabel(out, false).getAsJsonArray("affine"));
		for (int r = 0; r < 3; r++) {
			final double cornerBefore = before[r][3] - (before[r][0] + before[r][1] + before[r][2]) / 2;
			final double cornerAfter = after[r][3] - (after[r][0] + after[r][1] + after[r][2]) / 2;
			assertEquals(cornerBefore, cornerAfter, 1e-4, "corner coordinate " + r);
			assertEquals(before[r][0] / 2, after[r][0], 1e-6);
		}
	}
}
