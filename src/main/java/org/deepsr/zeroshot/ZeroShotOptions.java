package org.deepsr.zeroshot;

import java.util.Locale;

import org.deepsr.backend.Device;
import org.deepsr.resample.Interpolation;
import org.deepsr.train.TrainingConfig;
import org.deepsr.train.TrainingOptions;

/**
 * Every option of one zero-shot run, as plain fields whose initial values are
 * THE defaults of zero-shot super-resolution: {@code deepsr zssr} (an option
 * per field) and the Zero-Shot Upscale command (a parameter per field) fill
 * this record, and nothing else holds a default of the method. The network is
 * ZSSR's (Shocher et al. 2018): {@link #depth} 3x3 convolutions of
 * {@link #width} maps with ReLU between, a residual over the interpolated
 * image; DeepSR builds it as {@code vdsr} at scale 1 on the interpolated
 * input, with 32 maps instead of ZSSR's 64 (a quarter of the arithmetic).
 * The defaults are tuned so that Set5 x2 gains over 1.5 dB PSNR-Y on
 * bicubic within two minutes per image on two CPU cores
 * ({@code bench/run ZeroShotBench}; README, Zero-shot super-resolution).
 */
public final class ZeroShotOptions {

	/** Upscaling factor, > 1, integer or not. */
	public double scale = 2;
	/** Adam updates. */
	public long steps = 800;
	/** HR father crop side in pixels (shrunk to the image). */
	public int patch = 48;
	/** Fathers per update. */
	public int batch = 8;
	public double learningRate = 1e-3;
	/** "cosine" (to 0 at the last step), "step" (halve at every quarter) or "constant". */
	public String schedule = "cosine";
	/** Maps per hidden layer (ZSSR: 64; 32 here, 2.4 dB over bicubic on Set5 x2 in a quarter of the time). */
	public int width = 32;
	/** Convolution layers (ZSSR: 8). */
	public int depth = 8;
	/** The kernel that makes the sons and interpolates them back: bicubic (MATLAB's imresize), bilinear, lanczos3, nearest. */
	public String kernel = "bicubic";
	/** Smallest size of the image's downscaled copies that fathers are cut from, as a fraction of the image (1 = the image only). */
	public double minFatherScale = 0.5;
	/** Average the outputs of the 8 rotations and flips of the input (8 times the inference time). */
	public boolean ensemble;
	/** Seed of the weights and of the fathers. */
	public long seed = 1;
	/** TensorFlow threads; 0 = one per processor. */
	public int threads;
	/** "auto", "cpu" or "gpu". */
	public String device = "auto";

	/** The kernel by name. */
	public Interpolation interpolation() {
		switch (kernel == null ? "" : kernel.trim().toLowerCase(Locale.ROOT)) {
			case "bicubic": case "cubic": return Interpolation.BICUBIC;
			case "bilinear": case "linear": return Interpolation.BILINEAR;
			case "lanczos3": return Interpolation.LANCZOS3;
			case "nearest": return Interpolation.NEAREST;
			default: throw new IllegalArgumentException("Unknown kernel '" + kernel + "': use bicubic, bilinear, lanczos3 or nearest.");
		}
	}

	/** The trainer's configuration for fathers of side {@code patch}: ZSSR's network, L1 loss, no validation. */
	TrainingConfig config(final int patch) {
		return new TrainingConfig().network("vdsr").scale(1).channels(1).width(width).depth(depth).patchSize(patch)
			.batchSize(batch).steps(steps).learningRate(learningRate).schedule(TrainingOptions.schedule(schedule, steps))
			.seed(seed).validateEvery(0).threads(threads).device(Device.parse(device));
	}

	/** Refuses a bad option in one line naming it. */
	public ZeroShotOptions validate() {
		if (!(scale > 1) || !(scale <= 16)) throw new IllegalArgumentException("The scale must be > 1 and <= 16, got " + scale + ".");
		if (steps < 1) throw new IllegalArgumentException("Steps must be >= 1, got " + steps + ".");
		if (patch < 8) throw new IllegalArgumentException("The patch must be >= 8 pixels, got " + patch + ".");
		if (batch < 1) throw new IllegalArgumentException("The batch must be >= 1, got " + batch + ".");
		if (!(minFatherScale > 0 && minFatherScale <= 1)) throw new IllegalArgumentException("The smallest father scale must be in (0, 1], got " + minFatherScale + ".");
		interpolation();
		config(patch).validate();
		return this;
	}

	/** Whether the scale is a whole number. */
	public boolean integerScale() {
		return scale == Math.rint(scale);
	}
}
