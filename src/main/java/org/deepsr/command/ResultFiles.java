package org.deepsr.command;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;

import org.deepsr.image.ImageFiles;
import org.deepsr.io.NiftiImages;
import org.deepsr.io.NiftiSource;
import org.deepsr.io.OmeZarr;
import org.deepsr.io.OmeZarrImages;
import org.deepsr.io.OmeZarrSink;

/** What the upscaling commands do with a result made in memory, the same for each. */
final class ResultFiles {

	private ResultFiles() {}

	/**
	 * Gives {@code output} the NIfTI header of {@code input} (a NIfTI export
	 * resamples it to the output's grid, keeping the field of view), then, when
	 * {@code save} is set, writes it there: OME-Zarr for .zarr, NIfTI for .nii/.nii.gz, else the
	 * image format of the extension.
	 */
	static void keep(final ImagePlus input, final ImagePlus output, final File save, final boolean overwrite)
		throws IOException
	{
		if (input.getProperty(NiftiImages.HEADER) != null) output.setProperty(NiftiImages.HEADER, input.getProperty(
			NiftiImages.HEADER));
		if (save == null) return;
		if (OmeZarr.isZarr(save.toPath())) OmeZarrImages.write(output, save.toPath(), new OmeZarrSink.Options()
			.overwrite(overwrite));
		else if (NiftiSource.isNifti(save.toPath())) NiftiImages.write(output, save.toPath(), overwrite);
		else ImageFiles.save(output, save.toPath(), overwrite);
	}
}
