package org.deepsr.train;

import java.nio.file.Path;

/**
 * Where training data comes from and how it becomes (LR, HR) pairs, set fluently:
 * {@code new DatasetSpec().hr(dir).scale(2).degradation("matlab-bicubic").validationFraction(0.1)}.
 * The defaults are those of {@link TrainingOptions} (one place for them).
 */
public final class DatasetSpec {

	private static final TrainingOptions DEFAULTS = new TrainingOptions();

	Path hr;
	final java.util.List<Path> moreHr = new java.util.ArrayList<>();
	Path lr;
	String degradation = DEFAULTS.degradation;
	int scale = DEFAULTS.scale;
	ChannelMode channels = ChannelMode.byName(DEFAULTS.channels);
	Normalisation normalisation = Normalisation.byName(DEFAULTS.normalisation);
	Path validationFolder;
	double validationFraction = DEFAULTS.valFraction;
	long seed = DEFAULTS.seed;
	int patchSize = DEFAULTS.patch;

	/** Folder of HR images (files or stacks; every slice is a sample). */
	public DatasetSpec hr(final Path folder) {
		this.hr = folder;
		return this;
	}

	/** Another HR training folder (e.g. T91 and General100 together); not with paired LR. */
	public DatasetSpec alsoHr(final Path folder) {
		this.moreHr.add(folder);
		return this;
	}

	/**
	 * Folder of LR images paired with the HR ones by file name (the same name, or
	 * {@code <base>x<s>.<ext>}, also inside an {@code X<s>} subfolder); null = made by the degradation.
	 */
	public DatasetSpec lr(final Path folder) {
		this.lr = folder;
		return this;
	}

	/** See {@link DegradationSpec}; ignored for paired data except for validation folders. */
	public DatasetSpec degradation(final String text) {
		this.degradation = text;
		return this;
	}

	public DatasetSpec scale(final int s) {
		this.scale = s;
		return this;
	}

	public DatasetSpec channels(final ChannelMode mode) {
		this.channels = mode;
		return this;
	}

	public DatasetSpec normalisation(final Normalisation n) {
		this.normalisation = n;
		return this;
	}

	/** HR images for validation, degraded like the training data; overrides the fraction. */
	public DatasetSpec validationFolder(final Path folder) {
		this.validationFolder = folder;
		return this;
	}

	/** Fraction of the HR files (0..0.9) held out for validation, chosen with the seed. */
	public DatasetSpec validationFraction(final double f) {
		this.validationFraction = f;
		return this;
	}

	/** Seed of the noise of the degradation and of the validation split. */
	public DatasetSpec seed(final long s) {
		this.seed = s;
		return this;
	}

	/** LR patch side: every training image must hold one patch. */
	public DatasetSpec patchSize(final int p) {
		this.patchSize = p;
		return this;
	}

	public Path hr() {
		return hr;
	}

	public String degradation() {
		return degradation;
	}

	public int scale() {
		return scale;
	}

	public ChannelMode channels() {
		return channels;
	}

	public Normalisation normalisation() {
		return normalisation;
	}
}
