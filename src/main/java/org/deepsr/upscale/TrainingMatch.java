package org.deepsr.upscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.normalise.Normaliser;

/**
 * Compares an input with what a model was trained on
 * ({@code trained_on} of its descriptor): bit depth, noise, and a natural-image
 * model given scientific data (16-bit or float, or a zero background). Each
 * finding is one clause; the upscale path tells them together, once per image.
 */
final class TrainingMatch {

	/** A zero background: at least this fraction of exact zeros (photographs have almost none). */
	static final double ZERO_BACKGROUND = 0.1;
	/** Noise this many times above or below the training range counts as far from it. */
	static final double NOISE_FACTOR = 3;

	private TrainingMatch() {}

	/** A length unit in metres, or NaN when unknown ("pixel", "", an unknown word). */
	static double metres(final String unit) {
		if (unit == null) return Double.NaN;
		switch (unit.trim().toLowerCase(Locale.ROOT)) {
			case "nm": case "nanometer": case "nanometre": return 1e-9;
			case "um": case "\u00b5m": case "micron": case "microns": case "micrometer": case "micrometre": return 1e-6;
			case "mm": case "millimeter": case "millimetre": return 1e-3;
			case "cm": return 1e-2;
			case "m": case "meter": case "metre": return 1;
			default: return Double.NaN;
		}
	}

	/**
	 * The input's pixel size in words when it is far from the training data's:
	 * more than 4x off the trained pixel size, or, where only the unit is
	 * known, more than 100x off one trained unit (a 1 mm MRI voxel against
	 * micrometre microscopy); null when close or unknown.
	 */
	private static String pixelSize(final ModelDescriptor.TrainedOn on, final org.deepsr.image.AxisCalibration x) {
		final double unit = metres(on.pixelUnit), input = metres(x.unit()) * x.spacing();
		if (!(unit > 0) || !(input > 0)) return null;
		final double trained = on.pixelSize != null ? on.pixelSize * unit : unit, limit = on.pixelSize != null ? 4 : 100;
		return input > limit * trained || input < trained / limit ? number(x.spacing()) + " " + x.unit() : null;
	}

	/** A number for messages: whole numbers without decimals, others to 4 significant digits. */
	private static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
	}

	static List<String> warnings(final String name, final ModelDescriptor d, final VolumeInfo info,
		final InputStats stats, final Normaliser normaliser)
	{
		final List<String> out = new ArrayList<>();
		final ModelDescriptor.TrainedOn on = d.trainedOn;
		if (on == null) return out;
		final int bits = info.rgb() ? 24 : info.type().bits();
		final String what = "'" + info.title() + "' (" + (info.rgb() ? "RGB" : bits == 32 ? "32-bit float" : bits + "-bit") + ")";
		final String trained = "model " + name + " was trained on " + (on.description != null ? on.description : on.modality);
		if ("natural-images".equals(on.modality)) {
			final boolean scientific = !info.rgb() && info.type() != PixelType.UINT8;
			final double zeros = info.rgb() ? 0 : stats.zeroFraction();
			if (scientific || zeros >= ZERO_BACKGROUND) {
				out.add(trained + ", but " + what + " looks like scientific data (" + (scientific ? bits + "-bit grey values" : "")
					+ (scientific && zeros >= ZERO_BACKGROUND ? ", " : "") + (zeros >= ZERO_BACKGROUND ? String.format(Locale.ROOT,
						"a zero background: %.0f%% of its pixels are 0", 100 * zeros) : "") + "); it neither conserves intensities nor keeps a zero"
					+ " background zero: use a model for your modality (e.g. microscopy-x2-deepsr for fluorescence, or train one)");
			}
			return out;
		}
		if (on.bitDepths != null && on.bitDepths.length > 0) {
			boolean known = false;
			for (final int b : on.bitDepths) known |= b == bits;
			if (!known) out.add(trained + " (" + java.util.Arrays.toString(on.bitDepths).replaceAll("[\\[\\]]", "") + "-bit data), but " + what + " is not");
		}
		final String size = pixelSize(on, info.calibration(org.deepsr.image.Axis.X));
		if (size != null) out.add(what + " has pixels of " + size + ", far from the " + (on.pixelSize != null
			? number(on.pixelSize) + " " + on.pixelUnit : on.pixelUnit + "-scale") + " pixels model " + name + " was trained on");
		if (on.noise != null && !info.rgb()) {
			final double span = normaliser.high() - normaliser.low();
			final double noise = span > 0 ? stats.noise() / span : 0;
			if (noise > NOISE_FACTOR * on.noise[1] || noise < on.noise[0] / NOISE_FACTOR)
				out.add(String.format(Locale.ROOT, "%s has noise of %.4f of its intensity range, far from the %.4f..%.4f that model %s was trained on: expect %s",
					what, noise, on.noise[0], on.noise[1], name, noise > on.noise[1] ? "noise to be taken for detail" : "fine detail to be smoothed as noise"));
		}
		return out;
	}
}
