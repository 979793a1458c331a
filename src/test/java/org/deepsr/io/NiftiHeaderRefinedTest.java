package org.deepsr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/**
 * {@link NiftiHeader#refinedAlongK} on the golden files written by nibabel
 * (an independent NIfTI implementation): new voxel (i, j, k F) lies where
 * old voxel (i, j, k) lay, through both the qform and the sform, oblique
 * or not, for whole and fractional factors.
 */
class NiftiHeaderRefinedTest {

	@Test
	void newVoxelKTimesFLiesWhereOldVoxelKLay() throws Exception {
		for (final String file : new String[] { "qform_only.nii", "sform_only.nii", "uint8.nii" })
			for (final double f : new double[] { 4, 2.5, 0.25 }) {
				final NiftiHeader old;
				try (NiftiSource s = NiftiSource.open(golden(file))) {
					old = s.header();
				}
				final long nk = (long) Math.floor((old.dim(3) - 1) * f) + 1;
				final NiftiHeader h = old.refinedAlongK(nk, f);
				assertEquals(nk, h.dim(3));
				assertEquals(old.pixdim(3) / f, h.pixdim(3), 1e-6, file);
				assertEquals(old.qformCode(), h.qformCode());
				assertEquals(old.sformCode(), h.sformCode());
				for (final boolean q : new boolean[] { true, false }) {
					final double[][] a = q ? old.qform() : old.sform(), b = q ? h.qform() : h.sform();
					for (int k = 0; k < old.dim(3); k++)
						for (int r = 0; r < 3; r++)
							assertEquals(world(a, r, 1, 2, k), world(b, r, 1, 2, k * f), 1e-4, file + " x" + f + (q ? " qform"
								: " sform") + " row " + r + " k " + k);
				}
			}
	}

	private static double world(final double[][] m, final int row, final double i, final double j, final double k) {
		return m[row][0] * i + m[row][1] * j + m[row][2] * k + m[row][3];
	}

	private static Path golden(final String name) throws Exception {
		return Paths.get(NiftiHeaderRefinedTest.class.getResource("/org/deepsr/io/nifti/" + name).toURI());
	}
}
