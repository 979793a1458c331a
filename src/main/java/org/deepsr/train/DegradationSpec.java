package org.deepsr.train;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.resample.Bin;
import org.deepsr.resample.Blur;
import org.deepsr.resample.BlurKernel;
import org.deepsr.resample.Chain;
import org.deepsr.resample.Decimate;
import org.deepsr.resample.Degradation;
import org.deepsr.resample.Downscale;
import org.deepsr.resample.GaussianNoise;
import org.deepsr.resample.GaussianSample;
import org.deepsr.resample.Kernels;
import org.deepsr.resample.PoissonGaussianNoise;

/**
 * A degradation written as text, steps joined by '+', applied to images with
 * values in [0,1] (noise parameters are fractions of that range: make-pairs
 * maps 16-bit and float data by their own min..max, training by the
 * normalisation):
 * <ul>
 * <li>{@code matlab-bicubic}: MATLAB {@code imresize(I, 1/s, 'bicubic')} (the benchmark LR)</li>
 * <li>{@code opencv-bicubic}: OpenCV {@code INTER_CUBIC}, no antialiasing</li>
 * <li>{@code gaussian-blur:<sigma>}, {@code anisotropic:<sx>,<sy>,<angle degrees>},
 * {@code psf:<image file>}: blur (HR pixels), to be followed by {@code decimate}</li>
 * <li>{@code decimate}: keep every s-th pixel</li>
 * <li>{@code bin}: s x s camera binning (block mean, intensities in the same units)</li>
 * <li>{@code gaussian-sample:<sigma>}: Gaussian PSF blur sampled at each s x s block's centre
 * (blur and decimation on the grid of binning; {@code gaussian-blur+decimate} samples the top-left pixel)</li>
 * <li>{@code gaussian-noise:<sigma>}, {@code poisson-gaussian:<gain>,<sigma>}: noise</li>
 * </ul>
 * Example: {@code gaussian-blur:1.2+decimate+poisson-gaussian:0.01,0.005}.
 * Exactly one downscaling step (a bicubic, {@code decimate} or {@code bin}) is required.
 * Training data may mix degradations: {@link #alternatives} reads several
 * joined by '|', each HR sample then giving one LR per alternative.
 */
public final class DegradationSpec {

	private final String text;
	private final int scale;
	private final List<String> tokens = new ArrayList<>();

	private DegradationSpec(final String text, final int scale) {
		this.text = text;
		this.scale = scale;
	}

	/**
	 * @param text the degradation, e.g. "matlab-bicubic" or "gaussian-blur:1+decimate+gaussian-noise:0.01"
	 * @param scale the downscaling factor, >= 1
	 * @throws IllegalArgumentException naming the bad step
	 */
	public static DegradationSpec parse(final String text, final int scale) {
		if (text == null || text.trim().isEmpty()) throw new IllegalArgumentException("No degradation given: use e.g. matlab-bicubic or gaussian-blur:1.0+decimate.");
		if (scale < 1) throw new IllegalArgumentException("The scale must be >= 1, got " + scale + ".");
		final DegradationSpec spec = new DegradationSpec(text.trim(), scale);
		int downscales = 0;
		boolean blurred = false;
		for (final String raw : spec.text.split("\\+")) {
			final String token = raw.trim().toLowerCase(Locale.ROOT);
			final Degradation d = step(token, scale, false, spec.text); // validates the token
			if (d instanceof Downscale || d instanceof Decimate || d instanceof Bin || d instanceof GaussianSample) downscales++;
			if (d instanceof Blur) {
				if (downscales > 0) throw new IllegalArgumentException("In degradation '" + text + "', the blur '" + raw.trim() + "' comes after downscaling: blur the HR image first.");
				blurred = true;
			}
			spec.tokens.add(token);
		}
		if (downscales != 1) throw new IllegalArgumentException("Degradation '" + text + "' has " + downscales + " downscaling steps; it needs exactly one of matlab-bicubic, opencv-bicubic, decimate, bin or gaussian-sample" + (blurred ? " (add +decimate after the blur)." : "."));
		return spec;
	}

	/**
	 * Several degradations joined by '|' (e.g. {@code bin|gaussian-blur:1+decimate}),
	 * each parsed by {@link #parse}; one without '|' is a list of one.
	 */
	public static List<DegradationSpec> alternatives(final String text, final int scale) {
		if (text == null || text.trim().isEmpty()) return List.of(parse(text, scale));
		final List<DegradationSpec> out = new ArrayList<>();
		for (final String one : text.split("\\|", -1)) {
			if (one.trim().isEmpty()) throw new IllegalArgumentException("Degradation '" + text + "' has an empty alternative between '|'.");
			out.add(parse(one, scale));
		}
		return out;
	}

	private static Degradation step(final String token, final int scale, final boolean uint8, final String whole) {
		final int colon = token.indexOf(':');
		final String name = colon < 0 ? token : token.substring(0, colon);
		final String arg = colon < 0 ? "" : token.substring(colon + 1);
		try {
			switch (name) {
				case "matlab-bicubic":
					noArgument(token, arg);
					return new Downscale(scale, uint8 ? Downscale.Style.MATLAB_UINT8 : Downscale.Style.MATLAB);
				case "opencv-bicubic":
					noArgument(token, arg);
					return new Downscale(scale, Downscale.Style.OPENCV);
				case "decimate":
					noArgument(token, arg);
					return new Decimate(scale);
				case "bin":
					noArgument(token, arg);
					return new Bin(scale);
				case "gaussian-sample":
					return new GaussianSample(numbers(token, arg, 1)[0], scale);
				case "gaussian-blur":
					return new Blur(Kernels.gaussian(numbers(token, arg, 1)[0]));
				case "anisotropic": {
					final double[] v = numbers(token, arg, 3);
					return new Blur(Kernels.anisotropicGaussian(v[0], v[1], Math.toRadians(v[2])));
				}
				case "psf":
					return new Blur(psf(arg));
				case "gaussian-noise":
					return new GaussianNoise(numbers(token, arg, 1)[0]);
				case "poisson-gaussian": {
					final double[] v = numbers(token, arg, 2);
					return new PoissonGaussianNoise(v[0], v[1]);
				}
				default:
					throw new IllegalArgumentException("unknown step; known steps: matlab-bicubic, opencv-bicubic, decimate, bin, gaussian-sample:<sigma>, gaussian-blur:<sigma>, anisotropic:<sx>,<sy>,<angle>, psf:<file>, gaussian-noise:<sigma>, poisson-gaussian:<gain>,<sigma>");
			}
		} catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("Bad step '" + token + "' in degradation '" + whole + "': " + e.getMessage(), e);
		}
	}

	private static void noArgument(final String token, final String arg) {
		if (!arg.isEmpty()) throw new IllegalArgumentException("'" + token + "' takes no parameter");
	}

	private static double[] numbers(final String token, final String arg, final int count) {
		final String[] parts = arg.isEmpty() ? new String[0] : arg.split(",");
		if (parts.length != count) throw new IllegalArgumentException("expected " + count + " comma-separated number(s) after ':'");
		final double[] v = new double[count];
		for (int i = 0; i < count; i++) {
			try {
				v[i] = Double.parseDouble(parts[i].trim());
			} catch (final NumberFormatException e) {
				throw new IllegalArgumentException("'" + parts[i] + "' is not a number");
			}
		}
		return v;
	}

	/** A measured PSF from the first plane of an image file (odd sides). */
	private static BlurKernel psf(final String file) {
		if (file.isEmpty()) throw new IllegalArgumentException("give the PSF image file after 'psf:'");
		final Path path = Paths.get(file);
		final ImagePlus imp;
		try {
			imp = ImageFiles.open(path);
		} catch (final IOException e) {
			throw new IllegalArgumentException(e.getMessage());
		}
		final float[] v = ImagePlanes.plane(imp, 1, 1, 1).update(null).getCurrentStorageArray().clone();
		return BlurKernel.of(v, imp.getWidth(), imp.getHeight(), "measured PSF " + path.getFileName());
	}

	/** The text this was parsed from, for provenance. */
	@Override
	public String toString() {
		return text;
	}

	public int scale() {
		return scale;
	}

	/**
	 * The steps as one chain.
	 *
	 * @param uint8 round MATLAB bicubic passes to 8 bits, as MATLAB does on uint8
	 *          images (the chain then works on 0..255 values)
	 */
	Chain chain(final boolean uint8) {
		final Degradation[] steps = new Degradation[tokens.size()];
		for (int i = 0; i < steps.length; i++) steps[i] = step(tokens.get(i), scale, uint8, text);
		return Chain.of(steps);
	}

	/**
	 * Degrades every channel of an image (values in [0,1]), HR sides first cropped
	 * to multiples of the scale.
	 *
	 * @param uint8 the image holds 8-bit values / 255: a plain matlab-bicubic is then
	 *          applied to the 0..255 values with uint8 rounding, like the benchmark LR files
	 * @param random the only source of noise
	 * @return the LR image, (h/s) x (w/s), values not clamped
	 */
	public FloatImage degrade(final FloatImage hr, final boolean uint8, final Random random) {
		final FloatImage img = hr.modcrop(scale);
		final int h = img.height(), w = img.width(), c = img.channels();
		// Only plain MATLAB bicubic runs on the 0..255 scale: noise parameters stay fractions of full scale.
		final boolean eightBitScale = uint8 && tokens.size() == 1 && tokens.get(0).equals("matlab-bicubic");
		final Chain chain = chain(eightBitScale);
		final float unit = eightBitScale ? 255f : 1f;
		float[] out = null;
		int oh = 0, ow = 0;
		for (int k = 0; k < c; k++) {
			final float[] plane = new float[h * w];
			for (int i = 0; i < plane.length; i++) plane[i] = img.data()[i * c + k] * unit;
			final ArrayImg<FloatType, FloatArray> lr = chain.apply(ArrayImgs.floats(plane, w, h), random);
			ow = (int) lr.dimension(0);
			oh = (int) lr.dimension(1);
			if (out == null) out = new float[oh * ow * c];
			final float[] v = lr.update(null).getCurrentStorageArray();
			for (int i = 0; i < v.length; i++) out[i * c + k] = v[i] / unit;
		}
		return new FloatImage(oh, ow, c, out);
	}
}
