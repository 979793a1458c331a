package org.deepsr.command;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.io.NiftiImages;
import org.deepsr.io.NiftiSource;
import org.deepsr.progress.CancelledException;
import org.deepsr.progress.Failures;
import org.deepsr.upscale.Upscaler;
import org.deepsr.volume.Isotropic;
import org.deepsr.volume.IsotropicOptions;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Isotropic Upscale (self-supervised): trains a 2-D
 * network on the volume's own in-plane slices and refines z with it
 * ({@link Isotropic}); defaults are {@link IsotropicOptions}'s. Macro:
 * {@code run("Isotropic Upscale (self-supervised)", "zfactor=0 profile=gaussian fwhm=0 network=vdsr steps=1600 save=[/data/t1-iso.nii.gz]");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Isotropic Upscale (self-supervised)", headless = true,
	description = "Make an anisotropic volume isotropic with a network trained on its own in-plane slices")
public class IsotropicCommand extends ContextCommand {

	private static final IsotropicOptions DEFAULTS = new IsotropicOptions();

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService logService;

	@Parameter(label = "Volume", description = "The anisotropic z-stack; it is not modified")
	private ImagePlus image;

	@Parameter(label = "Axis", choices = { "z" }, description = "The thick axis (z)")
	private String axis = DEFAULTS.axis;

	@Parameter(label = "Z factor (0 = from calibration)", min = "0", stepSize = "0.5",
		description = "How many times finer z becomes, integer or not; 0 = z voxel size / x voxel size")
	private double zfactor = DEFAULTS.zFactor;

	@Parameter(label = "Slice profile", choices = { "gaussian", "box" },
		description = "The acquisition's slice profile along z")
	private String profile = DEFAULTS.profile;

	@Parameter(label = "Profile FWHM (in-plane voxels, 0 = z factor)", min = "0", stepSize = "0.5",
		description = "Full width at half maximum (box: width) of the slice profile")
	private double fwhm = DEFAULTS.fwhm;

	@Parameter(label = "Network", description = "The x1 refining network (vdsr)")
	private String network = DEFAULTS.network;

	@Parameter(label = "Training steps", min = "1")
	private long steps = DEFAULTS.steps;

	@Parameter(label = "Device", choices = { "auto", "cpu", "gpu" })
	private String device = DEFAULTS.device;

	@Parameter(label = "Save model to (optional)", required = false, style = FileWidget.SAVE_STYLE,
		description = "Also keep the trained network as a model bundle (.zip)")
	private File savemodel;

	@Parameter(label = "Save to (optional)", required = false, style = FileWidget.SAVE_STYLE,
		description = "Also write the result to this file (.nii/.nii.gz: NIfTI, else the extension's format)")
	private File save;

	@Parameter(label = "Overwrite existing files", description = "Replace the 'Save to' and model files if they exist")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Isotropic")
	private ImagePlus output;

	@Override
	public void run() {
		final CommandProgress progress = new CommandProgress(statusService, logService);
		try {
			if (save != null) Upscaler.requireWritable(save.toPath(), overwrite); // before training
			if (savemodel != null && Files.exists(savemodel.toPath()) && !overwrite) throw new IOException("model bundle " +
				savemodel + " exists already: choose another name or tick 'Overwrite existing files'");
			final IsotropicOptions o = new IsotropicOptions();
			o.axis = axis;
			o.zFactor = zfactor;
			o.profile = profile;
			o.fwhm = fwhm;
			o.network = network;
			o.steps = steps;
			o.device = device;
			o.saveModel = savemodel == null ? null : savemodel.getPath();
			o.overwrite = overwrite;
			final long start = System.nanoTime();
			final Isotropic iso = new Isotropic(o);
			output = iso.run(image, progress);
			if (save != null) {
				if (NiftiSource.isNifti(save.toPath())) NiftiImages.write(output, save.toPath(), overwrite);
				else ImageFiles.save(output, save.toPath(), overwrite);
			}
			progress.log(String.format(java.util.Locale.ROOT, "%s made isotropic (z x%.4g, %d slices) in %.1f s", image
				.getTitle(), iso.factor(ImagePlusSource.info(image)), output.getNSlices(), (System.nanoTime() - start) /
					1e9));
			MacroImages.exposeToMacro(image, output);
		}
		catch (final IOException | IllegalArgumentException | IllegalStateException | CancelledException e) {
			final String message = Failures.describe(e);
			cancel(message);
			logService.error("DeepSR: " + message);
		}
		finally {
			progress.done();
		}
	}

	public ImagePlus output() {
		return output;
	}
}
