package org.deepsr.command;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;

import org.deepsr.io.NiftiImages;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * File &gt; Export &gt; NIfTI (.nii, .nii.gz)...: writes the current image (one channel) as a
 * .nii or .nii.gz volume. An image opened with File &gt; Import &gt; NIfTI (or
 * upscaled from one) keeps its header and the world position of its field of
 * view; other images get an axis-aligned header from their calibration.
 * Macro (the label differs from the import's, which ImageJ needs):
 * {@code run("NIfTI (.nii, .nii.gz)...", "file=/data/t1-x2.nii.gz overwrite");}
 */
@Plugin(type = Command.class, menuPath = "File>Export>NIfTI (.nii, .nii.gz)...", headless = true,
	description = "Save an image as a NIfTI-1 volume (.nii, .nii.gz)")
public class ExportNiftiCommand extends ContextCommand {

	@Parameter
	private LogService logService;

	@Parameter(label = "Image", description = "The volume to write; it is not modified")
	private ImagePlus image;

	@Parameter(label = "NIfTI file", style = FileWidget.SAVE_STYLE, description = "A .nii or .nii.gz file")
	private File file;

	@Parameter(label = "Overwrite an existing file", description = "Replace the file if it exists")
	private boolean overwrite = false;

	@Override
	public void run() {
		try {
			NiftiImages.write(image, file.toPath(), overwrite);
			logService.info("DeepSR: wrote " + file);
		}
		catch (final IOException | IllegalArgumentException | IllegalStateException e) {
			cancel(e.getMessage());
			logService.error("DeepSR: " + e.getMessage());
		}
	}
}
