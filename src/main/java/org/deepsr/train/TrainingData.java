package org.deepsr.train;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.deepsr.image.ImageFiles;
import org.deepsr.normalise.Normaliser;
import org.deepsr.progress.Progress;

/** Training and validation pairs loaded from a {@link DatasetSpec}, values in [0,1]. */
public final class TrainingData {

	private final List<ImagePair> training;
	private final List<ImagePair> validation;
	private final int trainingFiles;
	private final String description;

	private TrainingData(final List<ImagePair> training, final List<ImagePair> validation, final int trainingFiles, final String description) {
		this.training = training;
		this.validation = validation;
		this.trainingFiles = trainingFiles;
		this.description = description;
	}

	/**
	 * Reads and degrades (or pairs) every image.
	 *
	 * @throws IOException when a folder is missing, empty or a file unreadable
	 * @throws IllegalArgumentException for a bad degradation, a missing LR partner or too small an image
	 */
	public static TrainingData load(final DatasetSpec spec, final Progress progress) throws IOException {
		if (spec.hr == null) throw new IllegalArgumentException("Choose the folder of HR training images.");
		if (!(spec.validationFraction >= 0 && spec.validationFraction <= 0.9)) throw new IllegalArgumentException("The validation fraction must be in 0..0.9, got " + spec.validationFraction + ".");
		final List<DegradationSpec> degradation = DegradationSpec.alternatives(spec.degradation, spec.scale);
		final List<Path> files = new ArrayList<>(TrainingImages.list(spec.hr));
		for (final Path more : spec.moreHr) files.addAll(TrainingImages.list(more));
		List<Path> held = new ArrayList<>();
		if (spec.validationFolder != null) held = TrainingImages.list(spec.validationFolder);
		else if (spec.validationFraction > 0) {
			final int n = (int) Math.round(spec.validationFraction * files.size());
			if (n < 1 || n >= files.size()) throw new IllegalArgumentException("A validation fraction of " + spec.validationFraction + " of " + files.size() + " image file(s) in " + spec.hr + " leaves " + (n < 1 ? "no validation image" : "no training image") + ": change the fraction or give a validation folder.");
			Collections.shuffle(files, new Random(spec.seed));
			held = new ArrayList<>(files.subList(0, n));
			files.subList(0, n).clear();
			Collections.sort(files);
			Collections.sort(held);
		}
		final List<ImagePair> training = new ArrayList<>(), validation = new ArrayList<>();
		int index = 0;
		String skipped = null;
		for (final Path f : files) {
			progress.checkCancelled();
			progress.status("Loading " + f.getFileName());
			try {
				training.addAll(pairs(f, spec, degradation, index++, true));
			} catch (final TooSmall e) {
				// a few small images in a set (T91 has 78x78 ones) must not rule out large patches
				progress.warn("Skipped " + e.getMessage() + ".");
				skipped = e.getMessage();
			}
			progress.progress(index, files.size() + held.size());
		}
		if (training.isEmpty() && skipped != null)
			throw new IllegalArgumentException("Every training image is smaller than one patch (" + skipped + "): use a smaller patch size.");
		for (final Path f : held) {
			progress.checkCancelled();
			validation.addAll(pairs(f, spec, degradation, index++, false));
		}
		final String what = spec.hr.getFileName() + (spec.moreHr.isEmpty() ? "" : " + " + spec.moreHr.stream().map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.joining(" + "))) + " (" + files.size() + " file(s), " + training.size() + " sample(s)"
			+ (spec.lr != null ? ", LR from " + spec.lr.getFileName() : "") + ")";
		progress.log("Training data: " + what + "; validation: " + validation.size() + " sample(s).");
		return new TrainingData(training, validation, files.size(), what);
	}

	private static List<ImagePair> pairs(final Path file, final DatasetSpec spec, final List<DegradationSpec> degradations, final int index, final boolean train) throws IOException {
		final ImagePlus imp = ImageFiles.open(file);
		final Normaliser normaliser = TrainingImages.normaliser(imp, spec.normalisation);
		final List<FloatImage> hr = TrainingImages.samples(imp, spec.channels, normaliser);
		final List<FloatImage> lr, hrOfLr;
		if (spec.lr != null && train) {
			final ImagePlus lrImp = ImageFiles.open(partner(file, spec.lr, spec.scale));
			lr = TrainingImages.samples(lrImp, spec.channels, normaliser);
			if (lr.size() != hr.size()) throw new IllegalArgumentException("LR " + lrImp.getTitle() + " has " + lr.size() + " plane(s), HR " + file.getFileName() + " " + hr.size() + ".");
			hrOfLr = hr;
		} else {
			// one LR per sample and degradation (several when the degradation lists alternatives with '|')
			final Random random = new Random(spec.seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
			lr = new ArrayList<>();
			hrOfLr = new ArrayList<>();
			for (final DegradationSpec degradation : degradations)
				for (final FloatImage h : hr) {
					lr.add(degradation.degrade(h, TrainingImages.byteScaled(imp, spec.channels, spec.normalisation), random));
					hrOfLr.add(h);
				}
		}
		final List<ImagePair> out = new ArrayList<>();
		for (int i = 0; i < lr.size(); i++) {
			final FloatImage l = lr.get(i);
			final FloatImage h = hrOfLr.get(i).modcrop(spec.scale);
			if (h.height() != l.height() * spec.scale || h.width() != l.width() * spec.scale)
				throw new IllegalArgumentException("LR partner of " + file.getFileName() + " is " + l.width() + "x" + l.height() + ", not 1/" + spec.scale + " of the HR " + h.width() + "x" + h.height() + ": check the scale.");
			if (train && (l.height() < spec.patchSize || l.width() < spec.patchSize)) {
				final int p = spec.patchSize * spec.scale;
				throw new TooSmall(file.getFileName() + " is " + imp.getWidth() + "x" + imp.getHeight() + ", smaller than one " + p + "x" + p + " HR patch at x" + spec.scale);
			}
			out.add(new ImagePair(l, h));
		}
		return out;
	}

	/** The LR file for an HR file: same name, or {@code <base>x<s>.<ext>}, in the folder or its {@code X<s>} subfolder. */
	static Path partner(final Path hrFile, final Path lrFolder, final int scale) throws IOException {
		final String name = hrFile.getFileName().toString(), base = ImageFiles.baseName(hrFile);
		for (final Path dir : new Path[] { lrFolder, lrFolder.resolve("X" + scale) }) {
			if (!Files.isDirectory(dir)) continue;
			if (Files.isRegularFile(dir.resolve(name))) return dir.resolve(name);
			try (java.util.stream.Stream<Path> files = Files.list(dir)) {
				final java.util.Optional<Path> match = files.filter(TrainingImages::isImage)
					.filter(p -> ImageFiles.baseName(p).equals(base + "x" + scale)).sorted().findFirst();
				if (match.isPresent()) return match.get();
			}
		}
		throw new IOException("No LR partner for " + name + " in " + lrFolder + ": expected " + name + " or " + base + "x" + scale + ".<ext> (also under X" + scale + "/).");
	}

	public List<ImagePair> training() {
		return Collections.unmodifiableList(training);
	}

	public List<ImagePair> validation() {
		return Collections.unmodifiableList(validation);
	}

	/** HR files used for training (not samples: a stack counts once). */
	public int trainingFiles() {
		return trainingFiles;
	}

	/** Folder name, counts and pairing, for provenance. */
	public String description() {
		return description;
	}

	/** Random augmented patches of the training pairs; batch k depends only on (data, seed, k). */
	public PatchSource sampler(final int patchSize, final long seed) {
		return ImagePatchSampler.ofPairs(training, patchSize, seed);
	}

	/** A training image smaller than one patch; the message names it and its size. */
	private static final class TooSmall extends IllegalArgumentException {
		private static final long serialVersionUID = 1L;

		TooSmall(final String message) {
			super(message);
		}
	}
}
