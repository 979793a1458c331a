package org.deepsr.command;

import ij.ImagePlus;
import ij.WindowManager;

import java.io.File;
import java.io.IOException;

import org.deepsr.io.NiftiImages;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * File &gt; Import &gt; NIfTI...: opens a .nii or .nii.gz volume (scaled
 * values, voxel size in the calibration, the header kept for File &gt; Export
 * &gt; NIfTI). Macro: {@code run("NIfTI...", "file=/data/t1.nii.gz");}
 */
@Plugin(type = Command.class, menuPath = "File>Import>NIfTI...", headless = true,
	description = "Open a NIfTI-1 volume (.nii, .nii.gz)")
public class ImportNiftiCommand extends ContextCommand {

	@Parameter
	private LogService logService;

	@Parameter(label = "NIfTI file", style = FileWidget.OPEN_STYLE, description = "A .nii or .nii.gz file")
	private File file;

	@Parameter(type = ItemIO.OUTPUT, label = "Volume")
	private ImagePlus image;

	@Override
	public void run() {
		try {
			final ImagePlus current = WindowManager.getCurrentImage();
			image = NiftiImages.read(file.toPath());
			MacroImages.exposeToMacro(current, image);
		}
		catch (final IOException | IllegalArgumentException e) {
			cancel(e.getMessage());
			logService.error("DeepSR: " + e.getMessage());
		}
	}

	public ImagePlus image() {
		return image;
	}
}
