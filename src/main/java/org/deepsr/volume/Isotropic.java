package org.deepsr.volume;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.ImageStackSink;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.deepsr.io.NiftiHeader;
import org.deepsr.io.NiftiImages;
import org.deepsr.io.NiftiSource;
import org.deepsr.io.TiffSource;
import org.deepsr.model.ModelRegistry;
import org.deepsr.normalise.Normaliser;
import org.deepsr.progress.Progress;
import org.deepsr.resample.SliceProfile;
import org.deepsr.train.FloatImage;
import org.deepsr.train.ImagePair;
import org.deepsr.train.ImagePatchSampler;
import org.deepsr.train.Trainer;
import org.deepsr.train.TrainingOptions;
import org.deepsr.train.TrainingResult;
import org.deepsr.train.TrainingRun;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.deepsr.backend.Device;

/**
 * Self-supervised isotropic reconstruction of an anisotropic volume (SMORE,
 * Zhao et al. 2020; CARE's isotropic restoration): the volume's own in-plane
 * slices, which have the fine resolution, are made to look like its
 * through-plane sections, and a 2-D network learns to undo that.
 * <ol>
 * <li>Training pairs: each in-plane slice (at most
 * {@link IsotropicOptions#trainingSlices}, evenly spread), normalised with
 * the whole volume's statistics ({@link Normaliser}, min-max as the
 * exported bundle's), is degraded along x and, apart, along y as the scanner
 * degrades z: blurred with the slice profile and point-sampled at every
 * F-th voxel from the first ({@link SliceProfile#acquire}), then
 * interpolated back onto the node grid with Keys' cubic
 * ({@link SliceProfile#cubic}, step {@code 1/F}). The pair is (that, the
 * slice), cropped to the covered length; the patch sampler adds the 8
 * flips and rotations.</li>
 * <li>An x1 network ({@link IsotropicOptions#network}, VDSR-like: it
 * refines an interpolated input) is trained on them ({@link Trainer}) and
 * exported as a bundle ({@link TrainingRun#export}).</li>
 * <li>The bundle runs through the one upscale path ({@link Upscaler}) on
 * every XZ and YZ section, interpolated along z onto
 * {@link ZGrid#nodes} first; the two orientations are averaged
 * ({@link ThroughPlane#isotropic}).</li>
 * </ol>
 * The output lies on the original acquisition's grid: slice {@code j} at
 * {@code z0 + j dz / F}, {@code floor((nz - 1) F) + 1} slices, the first
 * slice's position kept (NIfTI: both transforms, {@code NiftiHeader#refinedAlongK}).
 */
public final class Isotropic {

	private final IsotropicOptions options;

	public Isotropic(final IsotropicOptions options) {
		this.options = options.validate();
	}

	/** The z factor for {@code in}: the option, else from the voxel sizes. */
	public double factor(final VolumeInfo in) {
		return options.zFactor > 0 ? options.zFactor : ZGrid.factorFromCalibration(in);
	}

	/**
	 * An image in memory to a new image in memory, titled
	 * "&lt;title&gt;-isotropic"; the NIfTI header of an imported image
	 * ({@link NiftiImages#HEADER}) goes on refined ({@link NiftiHeader#refinedAlongK}).
	 */
	public ImagePlus run(final ImagePlus image, final Progress progress) throws IOException {
		final ImagePlusSource source = new ImagePlusSource(image);
		return withNetwork(source, progress, tp -> {
			final ImageStackSink sink = new ImageStackSink(tp.output(source.info()));
			tp.run(source, sink, progress);
			final ImagePlus out = sink.image();
			out.setTitle(source.info().title().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "") + "-isotropic");
			// an image read from NIfTI keeps its header, refined on the node grid (a NIfTI export then keeps it as it is)
			final Object header = image.getProperty(NiftiImages.HEADER);
			if (header instanceof NiftiHeader) out.setProperty(NiftiImages.HEADER, ((NiftiHeader) header).refinedAlongK(
				out.getNSlices(), tp.grid(source.info()).factor()));
			return out;
		});
	}

	/**
	 * A NIfTI or TIFF file to a NIfTI or TIFF file (others through an
	 * ImagePlus); inputs and outputs are checked before any training.
	 */
	public VolumeInfo runFile(final Path in, final Path out, final Progress progress) throws IOException {
		Upscaler.requireFiles(in, out, options.overwrite);
		if (options.saveModel != null && !options.saveModel.trim().isEmpty() && Files.exists(Paths.get(options.saveModel
			.trim())) && !options.overwrite) throw new IOException("model bundle " + options.saveModel.trim() +
				" exists already: choose another name or allow overwriting (--overwrite)");
		if (NiftiSource.isNifti(in)) try (NiftiSource source = NiftiSource.open(in)) {
			return withNetwork(source, progress, tp -> tp.runFile(in, out, options.overwrite, progress));
		}
		final VolumeSource source = TiffSource.isTiff(in) ? TiffSource.open(in) : new ImagePlusSource(ImageFiles.open(
			in));
		return withNetwork(source, progress, tp -> tp.runFile(in, out, options.overwrite, progress));
	}

	private interface WithThroughPlane<T> {

		T apply(ThroughPlane tp) throws IOException;
	}

	/** Trains on {@code source}, exports the bundle (to --save-model or a temporary file), opens it and runs {@code work}. */
	private <T> T withNetwork(final VolumeSource source, final Progress progress, final WithThroughPlane<T> work)
		throws IOException
	{
		final VolumeInfo in = source.info();
		if (in.rgb()) throw new IllegalArgumentException("'" + in.title() +
			"' is RGB: split its channels (Image > Color > Split Channels) or make it grey first");
		final double f = factor(in);
		if (in.slices() < 2) throw new IllegalArgumentException("'" + in.title() + "' has " + in.slices() +
			" slice: isotropic reconstruction needs a volume (at least 2 slices along z)");
		final TrainingOptions training = options.training();
		final SliceProfile profile = options.profile(f);
		training.degradation = String.format(Locale.ROOT, "%s along x or y, every %s-th voxel kept, cubic back", profile,
			ZGrid.nodes(2, f).label());
		training.description = String.format(Locale.ROOT,
			"x1 %s refining z-cubic sections of '%s' (self-supervised isotropic reconstruction, z factor %s); run it on sections interpolated along z",
			options.network.toUpperCase(Locale.ROOT), in.title(), ZGrid.nodes(2, f).label());
		final List<ImagePair> pairs = pairs(source, f, profile, options.trainingSlices, progress);
		int patch = options.patch;
		for (final ImagePair pair : pairs)
			patch = Math.min(patch, Math.min(pair.lr().width(), pair.lr().height()));
		training.patch = patch;
		training.lossBorder = Math.min(training.lossBorder, (patch - 1) / 4);
		progress.log(String.format(Locale.ROOT,
			"isotropic: z factor %s, %s; training on %d pairs from in-plane slices of '%s'", ZGrid.nodes(2, f).label(),
			profile, pairs.size(), in.title()));
		final TrainingResult result;
		try (Trainer trainer = new Trainer(training.config(), new BusyPatches(ImagePatchSampler.ofPairs(
			pairs, patch, options.seed), options.patchPool), List.of(), progress))
		{
			result = trainer.train();
		}
		progress.checkCancelled();
		final boolean keep = options.saveModel != null && !options.saveModel.trim().isEmpty();
		final Path bundle = keep ? Paths.get(options.saveModel.trim()) : Files.createTempFile("deepsr-isotropic-",
			".zip");
		try {
			training.name = "isotropic-" + in.title().replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^[^A-Za-z0-9]+",
				"");
			if (training.name.length() > 80) training.name = training.name.substring(0, 80);
			TrainingRun.export(training, result, pairs.size() + " in-plane pairs of '" + in.title() + "'", bundle, keep
				? options.overwrite : true, progress);
			if (keep) progress.log("model saved to " + bundle);
			final UpscaleSettings settings = new UpscaleSettings().method(bundle.toString()).scale(1).device(Device.parse(
				options.device));
			try (Upscaler upscaler = Upscaler.open(settings, ModelRegistry.fromEnvironment(), progress)) {
				return work.apply(ThroughPlane.isotropic(upscaler, f, Orientation.parse(options.orientations)));
			}
		}
		finally {
			if (!keep) Files.deleteIfExists(bundle);
		}
	}

	/**
	 * The training pairs of a volume: for each chosen in-plane slice (evenly
	 * spread over channels, slices and frames; constant ones left out), one
	 * degraded along x and one along y ({@link #degrade}), each with the
	 * slice cropped to the length the degradation covers.
	 */
	static List<ImagePair> pairs(final VolumeSource source, final double factor, final SliceProfile profile,
		final int maxSlices, final Progress progress)
	{
		final VolumeInfo in = source.info();
		final int w = Math.toIntExact(in.width()), h = Math.toIntExact(in.height());
		final Normaliser n = Normaliser.of(Normaliser.FIXED, null, null, in.type() == PixelType.UINT8, source.planes(),
			new double[] { 0, 1 });
		final long total = in.channels() * in.slices() * in.frames();
		final long count = Math.min(total, maxSlices);
		final List<ImagePair> pairs = new ArrayList<>();
		for (long k = 0; k < count; k++) {
			progress.checkCancelled();
			final long p = count == 1 ? 0 : Math.round(k * (total - 1) / (double) (count - 1));
			final long c = p % in.channels(), z = p / in.channels() % in.slices(), t = p / in.channels() / in.slices();
			final float[] slice = ImagePlanes.copy(source.plane(c, z, t), new float[w * h], 0);
			n.forward(slice);
			float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
			for (final float v : slice) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			if (!(hi > lo)) continue;
			for (int axis = 0; axis < 2; axis++) {
				final float[] lr = degrade(slice, w, h, axis, profile, factor);
				final int cw = axis == 0 ? lr.length / h : w, ch = axis == 0 ? h : lr.length / w;
				pairs.add(new ImagePair(new FloatImage(ch, cw, 1, lr), new FloatImage(ch, cw, 1, crop(slice, w, cw, ch))));
			}
		}
		if (pairs.isEmpty()) throw new IllegalArgumentException("'" + in.title() +
			"' has only constant in-plane slices: there is nothing to learn from");
		return pairs;
	}

	/**
	 * One in-plane slice degraded along {@code axis} as the acquisition
	 * degrades z, then interpolated back: the result has
	 * {@code floor((m - 1) F) + 1} samples along {@code axis}, {@code m} the
	 * point samples, sample {@code i} at the slice's position {@code i}.
	 */
	static float[] degrade(final float[] slice, final int w, final int h, final int axis, final SliceProfile profile,
		final double factor)
	{
		final int n = axis == 0 ? w : h;
		final int m = SliceProfile.samples(n, factor);
		final float[] low = profile.acquire(slice, w, h, axis, factor);
		final int back = (int) ZGrid.nodes(m, factor).slices();
		if (back > n) throw new IllegalStateException("the node grid overran the slice");
		return SliceProfile.cubic(low, axis == 0 ? m : w, axis == 0 ? h : m, axis, back, 1 / factor);
	}

	/** The top-left {@code cw x ch} of a row-major slice {@code w} wide. */
	private static float[] crop(final float[] slice, final int w, final int cw, final int ch) {
		final float[] out = new float[cw * ch];
		for (int y = 0; y < ch; y++)
			System.arraycopy(slice, y * w, out, y * cw, cw);
		return out;
	}
}
