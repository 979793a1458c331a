package org.deepsr.command;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;

import org.deepsr.io.OmeZarrImages;
import org.deepsr.io.OmeZarrSink;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * File &gt; Export &gt; OME-Zarr (.zarr)...: writes the current image as an
 * OME-Zarr folder (written aside, then renamed into place), its calibration
 * as the scale, optionally with lower-resolution levels. Macro (the label
 * differs from the import's, which ImageJ needs):
 * {@code run("OME-Zarr (.zarr)...", "folder=/data/out.zarr version=[0.4 (Zarr v2)] levels=3 compression=gzip overwrite");}
 */
@Plugin(type = Command.class, menuPath = "File>Export>OME-Zarr (.zarr)...", headless = true,
	description = "Save an image as an OME-Zarr folder (NGFF 0.4 / 0.5)")
public class ExportOmeZarrCommand extends ContextCommand {

	@Parameter
	private LogService logService;

	@Parameter(label = "Image", description = "The image to write; it is not modified")
	private ImagePlus image;

	@Parameter(label = "OME-Zarr folder", style = FileWidget.SAVE_STYLE, description = "A folder name ending in .zarr")
	private File folder;

	@Parameter(label = "Version", choices = { "0.4 (Zarr v2)", "0.5 (Zarr v3)" },
		description = "NGFF 0.4 is read by most tools; 0.5 is the newest")
	private String version = "0.4 (Zarr v2)";

	@Parameter(label = "Levels", min = "1", max = "16", description = "Pyramid levels, each halving x and y (mean)")
	private int levels = 1;

	@Parameter(label = "Compression", choices = { "gzip", "zstd", "blosc", "none" })
	private String compression = "gzip";

	@Parameter(label = "Overwrite an existing folder", description = "Replace the folder if it exists")
	private boolean overwrite = false;

	@Override
	public void run() {
		try {
			OmeZarrImages.write(image, folder.toPath(), new OmeZarrSink.Options().zarrVersion(version.startsWith("0.5")
				? 3 : 2).levels(levels).compression(compression).overwrite(overwrite));
			logService.info("DeepSR: wrote " + folder);
		}
		catch (final IOException | IllegalArgumentException | IllegalStateException e) {
			cancel(e.getMessage());
			logService.error("DeepSR: " + e.getMessage());
		}
	}
}
