package org.deepsr.volume;

import java.util.Locale;

import org.deepsr.resample.SliceProfile;
import org.deepsr.train.TrainingOptions;

/**
 * Every option of self-supervised isotropic reconstruction ({@link Isotropic}),
 * as plain fields whose initial values are THE defaults of
 * {@code deepsr isotropic}, the Isotropic Upscale (self-supervised) command
 * and {@code macros/mri-isotropic.ijm}. What is not here (loss, schedule,
 * clipping, ...) is {@link TrainingOptions}'s default; {@link #training()}
 * is the one {@link TrainingOptions} these make.
 * <p>
 * The defaults were tuned on the issue-12 MRI benchmark
 * ({@code bench/run IsotropicBench}: a T1 volume made x4 anisotropic, 2 CPU
 * cores): see README, Isotropic reconstruction.
 */
public final class IsotropicOptions {

	/** Refinement along z, any number > 0; 0 = z voxel size / x voxel size. */
	public double zFactor;
	/** The thick axis; only "z" (reslice other volumes first). */
	public String axis = "z";
	/** The slice profile: "gaussian" or "box". */
	public String profile = "gaussian";
	/** Its FWHM (box: width) in in-plane voxels; 0 = the z factor (slices as thick as their spacing). */
	public double fwhm;
	/** Registry name of the x1 refining network (pre-upsampled input: VDSR-like). */
	public String network = "vdsr";
	/** Network width; 0 = the architecture's default. */
	public int width = 32;
	/** Network depth; 0 = the architecture's default. */
	public int depth = 8;
	/** Adam updates. */
	public long steps = 1600;
	/** Patch side in voxels (input and target: the network is x1). */
	public int patch = 40;
	public int batch = 16;
	/** Each batch keeps the busiest (largest target variance) of this many times as many random patches; 1 = all random. */
	public int patchPool = 4;
	public double learningRate = 1e-3;
	/** Gradient clipping (global L2 norm); VDSR-like nets want it. */
	public double clipNorm = 1;
	/** Patch-edge voxels left out of the loss (zero padding of the convolutions). */
	public int lossBorder = 4;
	/** At most this many in-plane slices (all channels and frames together) give training pairs, evenly spread. */
	public int trainingSlices = 64;
	/** Sections to refine: xz, yz, or xz,yz averaged. */
	public String orientations = "xz,yz";
	public long seed = 1;
	/** TensorFlow threads; 0 = one per processor. */
	public int threads;
	/** "auto", "cpu" or "gpu". */
	public String device = "auto";
	/** Also keep the trained network as a bundle here (.zip); null = none. */
	public String saveModel;
	/** Replace an existing output (and --save-model bundle). */
	public boolean overwrite;

	/** The slice profile for a z factor. */
	public SliceProfile profile(final double factor) {
		return SliceProfile.of(SliceProfile.Shape.parse(profile), fwhm > 0 ? fwhm : factor);
	}

	/** The training run these options make: an x1 grey network, min-max normalisation (as the exported bundle's). */
	public TrainingOptions training() {
		final TrainingOptions t = new TrainingOptions();
		t.network = network;
		t.scale = 1;
		t.channels = "grey";
		t.normalisation = "minmax";
		t.width = width;
		t.depth = depth;
		t.steps = steps;
		t.patch = patch;
		t.batch = batch;
		t.learningRate = learningRate;
		t.clipNorm = clipNorm;
		t.lossBorder = lossBorder;
		t.seed = seed;
		t.threads = threads;
		t.device = device;
		t.validateEvery = 0;
		t.overwrite = overwrite;
		return t;
	}

	/** Checks what the parts do not: the axis and the numbers. */
	public IsotropicOptions validate() {
		if (!"z".equals(axis == null ? "" : axis.trim().toLowerCase(Locale.ROOT))) throw new IllegalArgumentException(
			"--axis " + axis + ": only z is the thick axis here; make the thick axis z first (Image > Stacks > Reslice)");
		if (!(zFactor >= 0) || Double.isInfinite(zFactor)) throw new IllegalArgumentException(
			"the z factor must be 0 (from the voxel sizes) or a positive number, got " + zFactor);
		if (!(fwhm >= 0) || Double.isInfinite(fwhm)) throw new IllegalArgumentException(
			"the FWHM must be 0 (the z factor) or a positive number of in-plane voxels, got " + fwhm);
		SliceProfile.Shape.parse(profile);
		Orientation.parse(orientations);
		if (patchPool < 1) throw new IllegalArgumentException("patch pool must be >= 1, got " + patchPool);
		if (trainingSlices < 1) throw new IllegalArgumentException("training slices must be >= 1, got " + trainingSlices);
		training().config().validate();
		return this;
	}
}
