package org.deepsr.zeroshot;

import java.util.Collections;
import java.util.List;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.progress.CancelledException;
import org.deepsr.progress.Progress;
import org.deepsr.tile.TilePlan;
import org.deepsr.tile.Tiler;
import org.deepsr.train.FloatImage;
import org.deepsr.train.Trainer;
import org.deepsr.train.TrainingConfig;
import org.deepsr.train.TrainingResult;

/**
 * Zero-shot super-resolution (ZSSR, Shocher, Cohen and Irani, CVPR 2018) of
 * normalised grey planes: a small network ({@link ZeroShotOptions}) is
 * trained by the {@link Trainer} on {@link SelfExamples} of the planes
 * themselves, then each plane is interpolated by the scale with the same
 * kernel and refined by the network through the {@link Tiler} (mirror
 * borders, a halo of the receptive radius), optionally averaged over the 8
 * rotations and flips. Holds a TensorFlow session until {@link #close()}.
 */
public final class ZeroShot implements AutoCloseable {

	/** Interior tile side of inference, in output pixels. */
	private static final int TILE = 512;

	private final ZeroShotOptions options;
	private final Trainer trainer;
	private final int radius;
	private final int patch;
	private final int levels;

	private ZeroShot(final ZeroShotOptions options, final Trainer trainer, final int radius, final int patch, final int levels) {
		this.options = options;
		this.trainer = trainer;
		this.radius = radius;
		this.patch = patch;
		this.levels = levels;
	}

	/**
	 * Trains the network on the planes' own downscaled copies.
	 *
	 * @param planes grey planes of one size, normalised to about [0, 1] (values kept quantitative by the caller's normaliser)
	 * @throws IllegalArgumentException for bad options or an image too small to learn from
	 * @throws org.deepsr.progress.CancelledException when cancelled
	 */
	public static ZeroShot train(final List<FloatImage> planes, final ZeroShotOptions options, final Progress progress) {
		options.validate();
		if (planes.isEmpty()) throw new IllegalArgumentException("There is no plane to learn from.");
		final FloatImage first = planes.get(0);
		final int patch = SelfExamples.fit(options.patch, first.width(), first.height(), options.scale);
		final SelfExamples examples = new SelfExamples(planes, options.scale, patch, options.interpolation(), options.minFatherScale, options.seed);
		final TrainingConfig config = options.config(patch);
		final String label = "Zero-shot x" + ScaleText.of(options.scale) + " learning";
		final Trainer trainer = new Trainer(config, examples, Collections.emptyList(), renamed(progress, config.network() + " x1", label));
		try {
			progress.log("Zero-shot x" + ScaleText.of(options.scale) + ": " + options.steps + " steps of " + options.batch + " fathers of " + patch + "x" + patch
				+ " px from " + examples.levels() + " copies of the image (" + options.kernel + " sons), network of " + options.depth + " layers of " + options.width + " maps.");
			if (trainer.train().reason() == TrainingResult.StopReason.CANCELLED) throw new CancelledException();
			return new ZeroShot(options, trainer, config.architecture().receptiveRadius(config.netConfig()), patch, examples.levels());
		} catch (final RuntimeException e) {
			trainer.close();
			throw e;
		}
	}

	/** The output side for an input side: round(scale * side). */
	public static int outputSide(final int side, final double scale) {
		return (int) Math.round(scale * side);
	}

	/**
	 * Upscales one grey plane (normalised as the training planes were).
	 *
	 * @return round(scale * height) x round(scale * width), not clamped
	 */
	public FloatImage apply(final FloatImage plane, final Progress progress) {
		final int w = outputSide(plane.width(), options.scale), h = outputSide(plane.height(), options.scale);
		final FloatImage up = SelfExamples.interpolated(plane, w, h, options.scale, options.interpolation());
		if (!options.ensemble) return refine(up, progress);
		final float[] sum = new float[w * h];
		for (int k = 0; k < 8; k++) {
			progress.status("Zero-shot: geometric self-ensemble " + (k + 1) + "/8");
			final float[] out = Dihedral.invert(refine(Dihedral.apply(up, k), cancelOnly(progress)), k).data();
			for (int i = 0; i < sum.length; i++)
				sum[i] += out[i] / 8;
			progress.progress(k + 1, 8);
		}
		return new FloatImage(h, w, 1, sum);
	}

	/** The network on an interpolated image, tile by tile. */
	private FloatImage refine(final FloatImage up, final Progress progress) {
		final ArrayImg<FloatType, FloatArray> in = ArrayImgs.floats(up.data(), up.width(), up.height(), 1);
		final TilePlan plan = TilePlan.of(up.width(), up.height(), TILE, 1, radius);
		final ArrayImg<FloatType, FloatArray> out = Tiler.run(in, (tile, th, tw) -> trainer.predict(new FloatImage(th, tw, 1, tile)).data(), plan, 1, 1, progress);
		return new FloatImage(up.height(), up.width(), 1, out.update(null).getCurrentStorageArray());
	}

	/** {@code progress} with the trainer's "vdsr x1" in status lines told as what it is. */
	private static Progress renamed(final Progress progress, final String from, final String to) {
		return new Progress() {

			@Override
			public void status(final String message) {
				progress.status(message.startsWith(from) ? to + message.substring(from.length()) : message);
			}

			@Override
			public void progress(final long done, final long total) {
				progress.progress(done, total);
			}

			@Override
			public void log(final String message) {
				progress.log(message);
			}

			@Override
			public void warn(final String message) {
				progress.warn(message);
			}

			@Override
			public boolean cancelled() {
				return progress.cancelled();
			}
		};
	}

	/** Only the cancellation of {@code progress} (the ensemble reports per pass, not per tile). */
	private static Progress cancelOnly(final Progress progress) {
		return new Progress() {

			@Override
			public boolean cancelled() {
				return progress.cancelled();
			}
		};
	}

	/** The device the network ran on, e.g. "CPU (2 threads)". */
	public String device() {
		return trainer.device();
	}

	/** The father side used. */
	public int patch() {
		return patch;
	}

	/** The images fathers were cut from (planes times pyramid levels). */
	public int levels() {
		return levels;
	}

	/** The trained weights by parameter name (tests: determinism). */
	public java.util.Map<String, float[]> weights() {
		return trainer.weights();
	}

	@Override
	public void close() {
		trainer.close();
	}
}
