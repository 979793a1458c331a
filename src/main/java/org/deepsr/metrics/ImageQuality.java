package org.deepsr.metrics;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Util;

import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.YCbCr;
import org.deepsr.normalise.MinMax;
import org.deepsr.progress.Progress;

/**
 * Entry point for commands: compares a reference with a test image (ImageJ
 * images or ImgLib2 planes) under a {@link MetricOptions} convention and
 * returns a {@link QualityReport}. ImageJ pixel arrays are wrapped as ImgLib2
 * images without copying; each plane is then copied once to doubles for the
 * metrics. Stacks and hyperstacks give one row per (z, t) position, and per
 * channel with {@link MetricOptions.Channels#EACH}; planes are read one
 * position at a time, so virtual stacks are not loaded whole.
 */
public final class ImageQuality {

	private static final String[] RGB_NAMES = { "R", "G", "B" };
	/** What Y, RGB and EACH all measure on one channel. */
	private static final String GREY = "the grey values (a single channel is its own Y)";
	/**
	 * How far apart the value spans of a reference and a test of different
	 * types may be: no result is 4 times off its reference's span, but
	 * converted data are (x257 from 8 to 16 bits full scale, /255 from 8-bit to float in 0..1).
	 */
	static final double UNITS = 4;

	private ImageQuality() {}

	/**
	 * Compares two ImageJ images of equal width, height, channels, slices and
	 * frames: 8-bit, 16-bit, 32-bit or both RGB. Types may differ when the
	 * values are in the same units (e.g. an 8-bit reference and a float result
	 * in 0..255): their value spans must be within {@link #UNITS} of each
	 * other, and the convention then says that they were compared as they are.
	 *
	 * @throws IllegalArgumentException when sizes or kinds differ, when types differ and the values are not in the
	 *           same units (8-bit against 16-bit full scale or float in 0..1), when a pixel is NaN or infinite, when
	 *           Y is asked of a multi-channel non-RGB image, or when the automatic data range is zero (constant reference)
	 */
	public static QualityReport evaluate(final ImagePlus reference, final ImagePlus test, final MetricOptions options,
		final Progress progress)
	{
		checkCompatible(reference, test);
		final boolean rgb = reference.getType() == ImagePlus.COLOR_RGB;
		final int nc = reference.getNChannels(), nz = reference.getNSlices(), nt = reference.getNFrames();
		if (options.channels() == MetricOptions.Channels.Y && !rgb && nc > 1) throw new IllegalArgumentException(
			"Y (luma) needs an RGB image, but '" + reference.getTitle() + "' has " + nc +
				" separate channels: choose RGB (channels together) or EACH.");
		final boolean bytes = reference.getBitDepth() == 8 || reference.getBitDepth() == 24;
		final boolean mixed = reference.getBitDepth() != test.getBitDepth();
		final MinMax values = options.automaticRange() && !bytes || mixed ? MinMax.of(new ImagePlusSource(reference).planes()) : null;
		final MetricOptions resolved = !options.automaticRange() ? options : options.withDataRange(bytes ? 255 : checkSpan(values.min, values.max));
		final String rangeNote = !options.automaticRange() ? " (given)" : bytes ? " (8-bit)"
			: " (the reference's max - min, " + MetricOptions.number(values.min) + ".." + MetricOptions.number(values.max) + ")";
		final String units = mixed ? sameUnits(reference, values, test, MinMax.of(new ImagePlusSource(test).planes())) : "";
		warnIfTooSmallForMsSsim(reference.getWidth(), reference.getHeight(), resolved.shave(), progress);
		final String[] names = rgb ? RGB_NAMES : channelNames(nc);
		final List<QualityRow> rows = new ArrayList<>();
		for (int t = 1; t <= nt; t++)
			for (int z = 1; z <= nz; z++) {
				progress.checkCancelled();
				progress.status("Quality of " + reference.getTitle() + ": z " + z + "/" + nz + ", t " + t + "/" + nt);
				final String label = (nz > 1 ? "z" + z : "") + (nz > 1 && nt > 1 ? " " : "") + (nt > 1 ? "t" + t : "");
				rows.addAll(rows(label, channels("Reference", reference, z, t), channels("Test", test, z, t), names, resolved));
				progress.progress((long) (t - 1) * nz + z, (long) nz * nt);
			}
		return new QualityReport(resolved, resolved.describe(!rgb && nc == 1 ? GREY : null, rangeNote) + units, rows);
	}

	/** Compares two single ImageJ planes (8, 16, 32-bit or RGB). */
	public static QualityReport evaluate(final ImageProcessor reference, final ImageProcessor test,
		final MetricOptions options)
	{
		return evaluate(new ImagePlus("image", reference), new ImagePlus("image", test), options, Progress.NONE);
	}

	/**
	 * Compares lists of 2D planes (axis 0 = x, axis 1 = y) taken as the
	 * channels of one image: EACH gives one row per plane, RGB one row for all
	 * planes, Y one row from a single plane or from three planes R, G, B in
	 * 0..255. The automatic data range is 255 when every reference plane is
	 * {@link UnsignedByteType}, the references' max - min otherwise.
	 */
	public static QualityReport evaluatePlanes(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> reference,
		final List<? extends RandomAccessibleInterval<? extends RealType<?>>> test, final MetricOptions options,
		final Progress progress)
	{
		if (reference.isEmpty() || reference.size() != test.size()) throw new IllegalArgumentException(
			"Give the same, non-zero number of reference and test planes (got " + reference.size() + " and " +
				test.size() + ").");
		final List<Plane> ref = new ArrayList<>(), tst = new ArrayList<>();
		boolean allBytes = true;
		for (int i = 0; i < reference.size(); i++) {
			allBytes &= Util.getTypeFromInterval(reference.get(i)) instanceof UnsignedByteType;
			ref.add(finite(Plane.of(reference.get(i)), "Reference plane " + (i + 1)));
			tst.add(finite(Plane.of(test.get(i)), "Test plane " + (i + 1)));
		}
		final MetricOptions resolved = !options.automaticRange() ? options
			: options.withDataRange(allBytes ? 255 : span(ref));
		warnIfTooSmallForMsSsim(ref.get(0).width, ref.get(0).height, resolved.shave(), progress);
		final String[] names = ref.size() == 3 ? RGB_NAMES : channelNames(ref.size());
		final String rangeNote = !options.automaticRange() ? " (given)" : allBytes ? " (8-bit)" : " (the reference's max - min)";
		return new QualityReport(resolved, resolved.describe(ref.size() == 1 ? GREY : null, rangeNote), rows("", ref, tst, names, resolved));
	}

	/** Rows of one position: channels converted per convention, shaved, measured. */
	private static List<QualityRow> rows(final String base, final List<Plane> ref, final List<Plane> test,
		final String[] names, final MetricOptions options)
	{
		final double range = options.dataRange();
		final int shave = options.shave();
		switch (options.channels()) {
			case EACH: {
				final List<QualityRow> rows = new ArrayList<>();
				for (int c = 0; c < ref.size(); c++)
					rows.add(row(join(base, ref.size() > 1 ? names[c] : ""), ref.subList(c, c + 1),
						test.subList(c, c + 1), range, shave));
				return rows;
			}
			case Y:
				return List.of(row(join(base, ref.size() == 3 ? "Y" : ""), List.of(luma(ref)), List.of(luma(test)), range, shave));
			default:
				return List.of(row(join(base, ""), ref, test, range, shave));
		}
	}

	/** Metrics with all given channels taken together (see {@link MetricOptions.Channels#RGB}). */
	private static QualityRow row(final String label, final List<Plane> ref, final List<Plane> test,
		final double range, final int shave)
	{
		double mse = 0, mae = 0, ssim = 0, ms = 0;
		for (int c = 0; c < ref.size(); c++) {
			final Plane r = ref.get(c).shave(shave), t = test.get(c).shave(shave);
			mse += Plane.mse(r, t);
			mae += Plane.mae(r, t);
			ssim += Ssim.terms(r, t, range)[0];
			ms += MsSsim.fits(r) ? MsSsim.compute(r, t, range) : Double.NaN;
		}
		final int n = ref.size();
		mse /= n;
		return new QualityRow(label, Psnr.fromMse(mse, range), ssim / n, ms / n, Math.sqrt(mse) / range, mae / n);
	}

	/** Studio-range BT.601 Y of planes R, G, B (0..255); a single plane is its own luma. */
	private static Plane luma(final List<Plane> rgb) {
		if (rgb.size() == 1) return rgb.get(0);
		if (rgb.size() != 3) throw new IllegalArgumentException("Y (luma) needs 1 plane or 3 planes R, G, B; got " +
			rgb.size() + ": choose RGB or EACH.");
		final Plane r = rgb.get(0), g = rgb.get(1), b = rgb.get(2);
		Plane.checkSameSize(r, g);
		Plane.checkSameSize(r, b);
		final double[] y = new double[r.v.length];
		for (int i = 0; i < y.length; i++)
			y[i] = YCbCr.studioY(r.v[i], g.v[i], b.v[i]);
		return new Plane(y, r.width, r.height);
	}

	/** The channels of one (z, t) position as planes: R, G, B for RGB images. */
	private static List<Plane> channels(final String role, final ImagePlus imp, final int z, final int t) {
		final ImageStack stack = imp.getStack();
		final List<Plane> planes = new ArrayList<>();
		for (int c = 1; c <= imp.getNChannels(); c++) {
			final ImageProcessor ip = stack.getProcessor(imp.getStackIndex(c, z, t));
			final int w = ip.getWidth(), h = ip.getHeight();
			final Object px = ip.getPixels();
			if (px instanceof byte[]) planes.add(Plane.of(ArrayImgs.unsignedBytes((byte[]) px, w, h)));
			else if (px instanceof short[]) planes.add(Plane.of(ArrayImgs.unsignedShorts((short[]) px, w, h)));
			else if (px instanceof float[]) planes.add(finite(Plane.of(ArrayImgs.floats((float[]) px, w, h)), role + " '" + imp.getTitle() + "' (c" + c + " z" + z + " t" + t + ")"));
			else planes.addAll(rgbPlanes((int[]) px, w, h));
		}
		return planes;
	}

	/** The plane, unless a pixel is NaN or infinite: no metric of such data is a number worth reporting. */
	private static Plane finite(final Plane p, final String what) {
		for (int i = 0; i < p.v.length; i++)
			if (!Double.isFinite(p.v[i])) throw new IllegalArgumentException(what + " has a " + p.v[i] + " pixel at x " + i % p.width + ", y " + i / p.width +
				": measure finite data only (e.g. Process > Math > Remove NaNs, or crop the undefined part away).");
		return p;
	}

	/**
	 * The convention's note for a reference and a test of different types,
	 * whose value spans must be within {@link #UNITS} of each other (a
	 * constant image has no span to judge by and passes).
	 */
	private static String sameUnits(final ImagePlus ref, final MinMax r, final ImagePlus test, final MinMax t) {
		final double a = r.max - r.min, b = t.max - t.min;
		final String values = String.format(Locale.ROOT, "%d-bit reference '%s' (values %s..%s) and %d-bit test '%s' (values %s..%s)", ref.getBitDepth(), ref.getTitle(),
			MetricOptions.number(r.min), MetricOptions.number(r.max), test.getBitDepth(), test.getTitle(), MetricOptions.number(t.min), MetricOptions.number(t.max));
		if (a > 0 && b > 0 && Math.max(a, b) > UNITS * Math.min(a, b)) throw new IllegalArgumentException("The " + values + " are not in the same units (their spans are " +
			String.format(Locale.ROOT, "%.1f", Math.max(a, b) / Math.min(a, b)) + " times apart): convert both to one type and range first (e.g. 16-bit full scale = 8-bit x 257, float 0..1 = 8-bit / 255).");
		return "; " + values + " compared as they are, in the same units";
	}

	private static List<Plane> rgbPlanes(final int[] argb, final int w, final int h) {
		final double[] r = new double[argb.length], g = new double[argb.length], b = new double[argb.length];
		for (int i = 0; i < argb.length; i++) {
			r[i] = (argb[i] >> 16) & 0xff;
			g[i] = (argb[i] >> 8) & 0xff;
			b[i] = argb[i] & 0xff;
		}
		return List.of(new Plane(r, w, h), new Plane(g, w, h), new Plane(b, w, h));
	}

	private static void checkCompatible(final ImagePlus ref, final ImagePlus test) {
		final int[] a = ref.getDimensions(), b = test.getDimensions();
		if (!Arrays.equals(a, b)) throw new IllegalArgumentException("Reference '" + ref.getTitle() +
			"' has dimensions (w, h, c, z, t) " + Arrays.toString(a) + " but test '" + test.getTitle() + "' has " +
			Arrays.toString(b) + ": compare images of the same size and layout.");
		if ((ref.getType() == ImagePlus.COLOR_RGB) != (test.getType() == ImagePlus.COLOR_RGB))
			throw new IllegalArgumentException("Compare RGB with RGB: '" + ref.getTitle() + "' is " + ref.getBitDepth() +
				"-bit and '" + test.getTitle() + "' is " + test.getBitDepth() + "-bit.");
	}

	private static double span(final List<Plane> planes) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final Plane p : planes)
			for (final double v : p.v) {
				if (v < min) min = v;
				if (v > max) max = v;
			}
		return checkSpan(min, max);
	}

	private static double checkSpan(final double min, final double max) {
		if (!(max > min)) throw new IllegalArgumentException("The reference is constant (" + min + "), so it has " +
			"no data range of its own: give the data range explicitly.");
		return max - min;
	}

	private static void warnIfTooSmallForMsSsim(final int w, final int h, final int shave, final Progress progress) {
		if (w - 2 * shave < MsSsim.MIN_SIZE || h - 2 * shave < MsSsim.MIN_SIZE) progress.warn("MS-SSIM needs at least " +
			MsSsim.MIN_SIZE + "x" + MsSsim.MIN_SIZE + " px after shaving; reported as NaN for smaller images.");
	}

	private static String[] channelNames(final int n) {
		final String[] names = new String[n];
		for (int c = 0; c < n; c++)
			names[c] = "c" + (c + 1);
		return names;
	}

	private static String join(final String a, final String b) {
		if (a.isEmpty()) return b.isEmpty() ? "image" : b;
		return b.isEmpty() ? a : a + " " + b;
	}
}
