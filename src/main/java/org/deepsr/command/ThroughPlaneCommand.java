package org.deepsr.command;

import ij.IJ;
import ij.ImagePlus;

import java.io.File;
import java.io.IOException;

import org.deepsr.image.ImagePlusSource;
import org.deepsr.io.TiffSource;
import org.deepsr.progress.CancelledException;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.deepsr.volume.Orientation;
import org.deepsr.volume.ThroughPlane;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Through-plane Upscale: refines an anisotropic
 * z-stack along z with a 2-D model or classical method applied to its XZ
 * and/or YZ sections ({@link ThroughPlane}). A virtual stack saved to a .tif
 * streams into the file and the result is a virtual stack read from it. Macro:
 * {@code run("Through-plane Upscale", "model=bicubic scale=2 zfactor=0 orientations=xz+yz");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Through-plane Upscale", headless = true,
	description = "Super-resolve an anisotropic volume along z with a 2-D model on its XZ and YZ sections")
public class ThroughPlaneCommand extends UpscaleOptions implements Command {

	@Parameter(label = "Volume", description = "The z-stack to refine along z; it is not modified")
	private ImagePlus image;

	@Parameter(label = "Axis", choices = { "z" }, description = "The axis to refine (z)")
	private String axis = "z";

	@Parameter(label = "Z factor (0 = from calibration)", min = "0", stepSize = "0.5",
		description = "How many times finer z becomes, integer or not; 0 = z voxel size / x voxel size")
	private double zfactor = 0;

	@Parameter(label = "Orientations", choices = { "xz+yz", "xz", "yz" },
		description = "Sections to super-resolve; xz+yz averages the two")
	private String orientations = "xz+yz";

	@Parameter(label = "Save to (optional)", required = false, style = FileWidget.SAVE_STYLE,
		description = "Also write the result to this file (atomically)")
	private File save;

	@Parameter(label = "Overwrite an existing file", description = "Replace the 'Save to' file if it exists")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Refined")
	private ImagePlus output;

	@Override
	public void run() {
		final CommandProgress progress = progress();
		try {
			if (save != null) Upscaler.requireWritable(save.toPath(), overwrite); // before the model loads
			final UpscaleSettings settings = settings();
			try (Upscaler upscaler = Upscaler.open(settings, registry(), progress)) {
				final long start = System.nanoTime();
				final ThroughPlane tp = new ThroughPlane(upscaler, zfactor, Orientation.parse(orientations),
					ThroughPlane.resampling(settings.method));
				if (save != null && image.getStack().isVirtual() && TiffSource.isTiff(save.toPath())) {
					// A virtual stack stays out of memory: stream it into the file and show that as a virtual stack.
					final String title = tp.runToTiff(new ImagePlusSource(image), save.toPath(), overwrite, progress)
						.title();
					output = IJ.openVirtual(save.getPath());
					output.setTitle(title);
				}
				else {
					output = tp.run(image, progress);
					ResultFiles.keep(image, output, save, overwrite);
				}
				progress.log(image.getTitle() + " refined " + tp.grid(ImagePlusSource.info(image)).label() +
					"x along " + axis + " with " + upscaler.describe() + " on " + upscaler.device() + " in " + seconds(
						start) + " s");
				MacroImages.exposeToMacro(image, output);
			}
		}
		catch (final IOException | IllegalArgumentException | IllegalStateException | CancelledException e) {
			fail(e);
		}
		finally {
			progress.done();
		}
	}

	public ImagePlus output() {
		return output;
	}
}
