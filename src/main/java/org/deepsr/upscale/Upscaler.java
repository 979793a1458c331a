package org.deepsr.upscale;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.image.ImagePlanes;
import org.deepsr.image.OutputImage;
import org.deepsr.model.LoadedModel;
import org.deepsr.model.ModelRegistry;
import org.deepsr.model.Models;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;

/**
 * The one upscaling path behind the Fiji commands, the macros and the
 * command line: opens a model (or a classical method) once, then upscales any
 * number of images with it. Every channel, slice and frame is processed; the
 * input image is never modified.
 */
public final class Upscaler implements AutoCloseable {

	private final Engine engine;
	private final boolean float32;

	private Upscaler(final Engine engine, final boolean float32) {
		this.engine = engine;
		this.float32 = float32;
	}

	/**
	 * Opens the method the settings name: a classical interpolation
	 * (nearest, bilinear, bicubic, lanczos3), a model name from the registry,
	 * or a model bundle path.
	 */
	public static Upscaler open(final UpscaleSettings settings, final ModelRegistry registry,
		final Progress progress) throws IOException
	{
		final Interpolation classical = classical(settings.method);
		if (classical != null) return new Upscaler(new ClassicalEngine(classical, settings.scale),
			settings.float32);
		if (settings.tile < 0) throw new IllegalArgumentException("tile size must be 0 (automatic) or positive, got " +
			settings.tile);
		final Path bundle = registry.resolve(settings.method);
		progress.status("Loading model " + settings.method);
		final LoadedModel model = Models.load(bundle, settings.device, progress);
		progress.log("model " + settings.method + " runs on " + model.device());
		return new Upscaler(new ModelEngine(model, settings.method, settings.tile), settings.float32);
	}

	/** The classical method a name stands for, or null when the name is not one. */
	public static Interpolation classical(final String name) {
		final String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		if (key.equals("lanczos")) return Interpolation.LANCZOS3;
		for (final Interpolation m : Interpolation.values())
			if (m.name().toLowerCase(Locale.ROOT).equals(key)) return m;
		return null;
	}

	public int scale() {
		return engine.scale();
	}

	/** Where the work runs, to tell the user (e.g. "CPU (2 threads)"). */
	public String device() {
		return engine.device();
	}

	public String describe() {
		return engine.describe();
	}

	/** Whether outputs are 32-bit float rather than the input's bit depth. */
	public boolean isFloat32() {
		return float32;
	}

	/**
	 * Upscales every plane of an image into a new image titled
	 * "&lt;title&gt;-x&lt;scale&gt;", with the input's bit depth (rounded and
	 * clamped) unless 32-bit output was asked for, and the pixel size divided
	 * by the scale.
	 *
	 * @throws IllegalArgumentException when the image is too small or unsuitable
	 * @throws org.deepsr.progress.CancelledException when the user cancelled
	 */
	public ImagePlus upscale(final ImagePlus input, final Progress progress) {
		final int w = input.getWidth(), h = input.getHeight(), s = engine.scale();
		final int min = engine.minSize();
		if (w < min || h < min) throw new IllegalArgumentException("image '" + input.getTitle() + "' is " +
			w + "x" + h + " pixels, but " + engine.describe() + " needs at least " + min + "x" + min +
			": use a larger image or a classical method");
		requireFinite(input);
		engine.begin(input);
		final boolean rgb = input.getType() == ImagePlus.COLOR_RGB;
		final int nc = ImagePlanes.channels(input), nz = input.getNSlices(), nt = input.getNFrames();
		// RGB colours go through the engine together (a luma model needs all three); other channels one by one.
		final int group = rgb ? nc : 1, units = nz * nt * (nc / group);
		final OutputImage out = OutputImage.create(input, s, float32, null);
		int unit = 0;
		for (int t = 1; t <= nt; t++)
			for (int z = 1; z <= nz; z++)
				for (int c = 1; c <= nc; c += group) {
					progress.checkCancelled();
					progress.status("DeepSR: upscaling " + (units > 1 ? "plane " + (unit + 1) + "/" + units +
						" of " : "") + input.getTitle() + " with " + engine.describe());
					final float[][] planes = new float[group][];
					for (int k = 0; k < group; k++)
						planes[k] = ImagePlanes.plane(input, c + k, z, t).update(null).getCurrentStorageArray();
					final float[][] up = engine.upscale(planes, w, h, rgb, unitProgress(progress, unit++, units));
					for (int k = 0; k < group; k++)
						out.setPlane(c + k, z, t, ArrayImgs.floats(up[k], (long) w * s, (long) h * s));
				}
		progress.progress(1, 1);
		return out.image();
	}

	/** NaN or infinite pixels would spread through any filter or network: name them instead. */
	private static void requireFinite(final ImagePlus input) {
		if (input.getBitDepth() != 32) return;
		long bad = 0;
		for (int i = 1; i <= input.getStackSize(); i++)
			for (final float v : (float[]) input.getStack().getProcessor(i).getPixels())
				if (!Float.isFinite(v)) bad++;
		if (bad > 0) throw new IllegalArgumentException("image '" + input.getTitle() + "' has " + bad +
			" NaN or infinite pixels, which would spread into their neighbours: replace them first, e.g. with " +
			"Process > Noise > Remove NaNs...");
	}

	/** Progress of one plane's tiles, as a share of the whole image's. */
	private static Progress unitProgress(final Progress whole, final int unit, final int units) {
		return new Progress() {

			@Override
			public void progress(final long done, final long total) {
				whole.progress(unit * total + done, units * total);
			}

			@Override
			public boolean cancelled() {
				return whole.cancelled();
			}
		};
	}

	@Override
	public void close() {
		engine.close();
	}
}
