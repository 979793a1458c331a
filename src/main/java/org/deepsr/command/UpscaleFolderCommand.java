package org.deepsr.command;

import java.io.File;
import java.io.IOException;

import org.deepsr.progress.CancelledException;
import org.deepsr.upscale.FolderUpscaler;
import org.deepsr.upscale.Upscaler;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Upscale Folder: upscales every matching image file of
 * a folder with one loaded model, writing files instead of windows, for
 * headless batches. Macro:
 * {@code run("Upscale Folder", "input=/data/lr output=/data/sr pattern=*.tif model=bicubic scale=2");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Upscale Folder", headless = true,
	description = "Super-resolve every image file of a folder into another folder")
public class UpscaleFolderCommand extends UpscaleOptions implements Command {

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE)
	private File input;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	private File output;

	@Parameter(label = "File pattern", required = false,
		description = "Glob on file names, e.g. *.tif; empty for every image file")
	private String pattern = "";

	@Parameter(label = "Overwrite existing outputs", description = "Otherwise existing outputs are skipped")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Summary")
	private String summary;

	@Override
	public void run() {
		final CommandProgress progress = progress();
		try {
			FolderUpscaler.check(input.toPath(), output.toPath(), pattern); // before the model loads
		}
		catch (final IOException e) {
			fail(e);
			progress.done();
			return;
		}
		try (Upscaler upscaler = Upscaler.open(settings(), registry(), progress)) {
			final long start = System.nanoTime();
			final FolderUpscaler.Summary result = FolderUpscaler.run(upscaler, input.toPath(), output
				.toPath(), pattern, overwrite, progress);
			summary = result.toString();
			progress.log(input + ": " + summary + " with " + upscaler.describe() + " on " + upscaler
				.device() + " in " + seconds(start) + " s");
		}
		catch (final IOException | IllegalArgumentException | IllegalStateException | CancelledException e) {
			fail(e);
		}
		finally {
			progress.done();
		}
	}
}
