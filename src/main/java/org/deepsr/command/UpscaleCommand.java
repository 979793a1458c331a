package org.deepsr.command;

import ij.IJ;
import ij.ImagePlus;

import java.io.File;
import java.io.IOException;

import org.deepsr.progress.CancelledException;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.OutputImage;
import org.deepsr.io.TiffSource;
import org.deepsr.upscale.Upscaler;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Upscale: super-resolves the current image or stack
 * with a model or a classical method. The result is an image in memory, except
 * for a virtual stack saved to a .tif: that streams into the file plane by
 * plane and the result is a virtual stack read from it. Macro:
 * {@code run("Upscale", "model=bicubic scale=2 tile=0 device=auto");}; a model per channel of a grey
 * hyperstack: {@code run("Upscale", "model=bicubic channelmodels=[C1=microscopy-x2-deepsr,C2=bicubic]");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Upscale", headless = true,
	description = "Super-resolve an image or stack with a DeepSR model or a classical method")
public class UpscaleCommand extends UpscaleOptions implements Command {

	@Parameter(label = "Image", description = "The image or stack to upscale; it is not modified")
	private ImagePlus image;

	@Parameter(label = "Save to (optional)", required = false, style = FileWidget.SAVE_STYLE,
		description = "Also write the result to this file (atomically), e.g. for headless batches")
	private File save;

	@Parameter(label = "Overwrite an existing file", description = "Replace the 'Save to' file if it exists")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Upscaled")
	private ImagePlus output;

	@Override
	public void run() {
		final CommandProgress progress = progress();
		try {
			if (save != null) Upscaler.requireWritable(save.toPath(), overwrite); // before the model loads
		}
		catch (final IOException e) {
			fail(e);
			progress.done();
			return;
		}
		try (Upscaler upscaler = Upscaler.open(settings(), registry(), progress)) {
			final long start = System.nanoTime();
			if (save != null && image.getStack().isVirtual() && TiffSource.isTiff(save.toPath())) {
				// A virtual stack stays out of memory: stream it into the file and show that as a virtual stack.
				upscaler.upscaleToTiff(new ImagePlusSource(image), save.toPath(), overwrite, progress);
				output = IJ.openVirtual(save.getPath());
				output.setTitle(OutputImage.defaultTitle(image.getTitle(), upscaler.scale()));
			}
			else {
				output = upscaler.upscale(image, progress);
				ResultFiles.keep(image, output, save, overwrite);
			}
			progress.log(image.getTitle() + " upscaled with " + upscaler.describe() + " on " + upscaler
				.device() + " in " + seconds(start) + " s");
			MacroImages.exposeToMacro(image, output);
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
