package org.deepsr.command;

import ij.ImagePlus;
import ij.WindowManager;

import java.io.File;
import java.io.IOException;

import org.deepsr.io.OmeZarrImages;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * File &gt; Import &gt; OME-Zarr...: opens one level of an OME-Zarr image
 * (NGFF 0.4 or 0.5) as a virtual stack read from its chunks as planes are
 * shown, calibrated from its scale. Macro:
 * {@code run("OME-Zarr...", "folder=/data/cells.ome.zarr level=0");}
 */
@Plugin(type = Command.class, menuPath = "File>Import>OME-Zarr...", headless = true,
	description = "Open an OME-Zarr image (NGFF 0.4 / 0.5) as a virtual, chunk-backed stack")
public class ImportOmeZarrCommand extends ContextCommand {

	@Parameter
	private LogService logService;

	@Parameter(label = "OME-Zarr folder", style = FileWidget.DIRECTORY_STYLE, description = "The image's .zarr folder")
	private File folder;

	@Parameter(label = "Level", min = "0", description = "Pyramid level: 0 is full resolution, each next one half the size")
	private int level = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Image")
	private ImagePlus image;

	@Override
	public void run() {
		try {
			final ImagePlus current = WindowManager.getCurrentImage();
			image = OmeZarrImages.open(folder.toPath(), level);
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
