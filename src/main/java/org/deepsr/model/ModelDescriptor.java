package org.deepsr.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The contents of a bundle's {@code deepsr.json} (see docs/model-bundle.md).
 * Plain data as Gson reads and writes it (snake_case in JSON); check it with
 * {@link ModelDescriptors#validate}.
 */
public final class ModelDescriptor {

	/** The descriptor format this DeepSR reads and writes. */
	public static final int CURRENT_FORMAT_VERSION = 1;

	public int formatVersion = CURRENT_FORMAT_VERSION;
	/** Short unique name, letters, digits, '.', '_' and '-' (used as file name). */
	public String name;
	public String description;
	/** Network family, e.g. "ESPCN". */
	public String architecture;
	/** Upscaling factor, 2..8 (1: a refining network on interpolated input). */
	public int scale;
	public Channels channels = new Channels();
	public Input input = new Input();
	public Output output = new Output();
	/** [lo, hi]: the values the network works in, e.g. [0, 1]. */
	public double[] valueRange = { 0, 1 };
	public Normalisation normalisation = new Normalisation();
	/** Clamp network outputs to value_range. */
	public boolean clipOutput;
	public Weights weights = new Weights();
	public Test test = new Test();
	public Provenance provenance = new Provenance();
	public List<Score> scores = new ArrayList<>();
	/**
	 * An output constraint the engine applies: null for none, or "flux": each
	 * output s x s block's mean is made equal to its input pixel (the nearest
	 * such block to the network's, in least squares, without going below 0 for
	 * data that are never negative), so intensities are conserved and a zero
	 * input stays a zero block (docs/model-bundle.md). Grey and per-channel models only.
	 */
	public String conserve;
	/** What the model was trained on, for the warning when an input is far from it; null when unknown. */
	public TrainedOn trainedOn;

	/** The training data, as the upscale path compares inputs with it. */
	public static final class TrainedOn {
		/** "natural-images" (photographs), "fluorescence" (microscopy), "mri", or another word. */
		public String modality;
		/** In words: instruments, specimens, files. */
		public String description;
		/** Bit depths of the training images (8, 16, 32 for float; 24 for RGB). */
		public int[] bitDepths;
		/** Pixel size of the HR training images, in {@link #pixelUnit}; null when unknown or mixed. */
		public Double pixelSize;
		public String pixelUnit;
		/**
		 * [lo, hi]: the noise standard deviation of the training inputs (the LR),
		 * as a fraction of the normalisation range (robust estimate from 2x2 pixel
		 * differences, {@code normalise.NoiseLevel}).
		 */
		public double[] noise;
		/** The degradations the LR were made with. */
		public String degradation;
	}

	/** How image channels map to network channels. */
	public static final class Channels {
		/** "y" (luma only, chroma upscaled by the pipeline), "grey", "per_channel" or "rgb". */
		public String mode;
		/** For mode "y": "full" (OpenCV/JPEG) or "studio" (BT.601 16..235, MATLAB) luma. */
		public String ycbcr;
	}

	/** The input tensor: always NHWC float32 {@code [1,H,W,C]}. */
	public static final class Input {
		/** Tensor name ("op" or "op:index"); may be absent for a SavedModel (serving_default). */
		public String tensor;
		public String layout = "NHWC";
		public int channels = 1;
		/** Smallest tile side the network accepts, &gt;= 1. */
		public int minSize = 1;
		/** Tile sides must be a multiple of this, &gt;= 1. */
		public int step = 1;
		/** Context pixels each tile needs per side (input pixels), &gt;= receptive-field radius, a multiple of step. */
		public int halo;
		/**
		 * What the network sees past the image edge when tiling: "mirror" (the
		 * image mirrored over the halo, the default) or "network" (no padding:
		 * the network's own padding meets the image edge, exactly as in one run
		 * over the whole image, which is how OpenCV's dnn_superres runs these models).
		 */
		public String border = "mirror";
	}

	/** The output tensor. */
	public static final class Output {
		public String tensor;
		/** "NHWC" or "NCHW". */
		public String layout = "NHWC";
		public int channels = 1;
	}

	/** How image values are brought into value_range. */
	public static final class Normalisation {
		/**
		 * "fixed" (8-bit/RGB / 255; 16-bit/float by the image's min..max),
		 * "percentile", "linear" (the image values low..high, whatever the data)
		 * or "mean_std" (mean -/+ standard deviation of the image).
		 */
		public String mode = "fixed";
		/** Percentiles (0..100) in mode "percentile", image values in mode "linear", mapped to value_range. */
		public Double low;
		public Double high;
	}

	/** The network weights inside the bundle. */
	public static final class Weights {
		/** "frozen_graph" (a GraphDef .pb file) or "saved_model" (a folder, tag "serve"). */
		public String format;
		/** Path relative to the bundle root. */
		public String file;
		/** Lower-case hex SHA-256 of the file (folders: see docs/model-bundle.md). */
		public String sha256;
	}

	/** A self-test pair: raw little-endian float32 files. */
	public static final class Test {
		public String input;
		public String output;
		/** Input shape [H, W] or [H, W, C]; the output is [scale*H, scale*W, output channels]. */
		public int[] shape;
		/** Largest allowed absolute difference, &gt; 0. */
		public double tolerance;
	}

	/** Where the model came from. */
	public static final class Provenance {
		public String source;
		public String license;
		public String trainingData;
		public String degradation;
		public Long steps;
		public Double validationPsnr;
		public String notes;
	}

	/** A published or measured score. */
	public static final class Score {
		public String dataset;
		public int scale;
		public Double psnr;
		public Double ssim;
		/** E.g. "Y (BT.601 studio), shave scale, MATLAB bicubic". */
		public String protocol;
	}
}
