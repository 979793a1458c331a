package org.deepsr.image;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.measure.Calibration;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An {@link ImagePlus} (in memory or a virtual stack) seen as a
 * {@link VolumeSource}: axes X, Y, C, Z, T from its hyperstack dimensions (RGB
 * as 3 channels), calibration from its {@link Calibration} (ImageJ's origins,
 * in pixels, become physical positions), planes as views of its pixels
 * ({@link ImagePlanes#view}). A virtual stack reads each plane when asked.
 */
public final class ImagePlusSource implements VolumeSource {

	private final ImagePlus image;
	private final VolumeInfo info;

	public ImagePlusSource(final ImagePlus image) {
		this.image = image;
		this.info = info(image);
	}

	/** The image this source reads. */
	public ImagePlus image() {
		return image;
	}

	@Override
	public VolumeInfo info() {
		return info;
	}

	@Override
	public RandomAccessibleInterval<FloatType> plane(final long c, final long z, final long t) {
		return ImagePlanes.view(image, Math.toIntExact(c + 1), Math.toIntExact(z + 1), Math.toIntExact(t +
			1));
	}

	/** The n-D description of an ImagePlus. */
	public static VolumeInfo info(final ImagePlus imp) {
		final Calibration cal = imp.getCalibration();
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final long[] dims = { imp.getWidth(), imp.getHeight(), ImagePlanes.channels(imp), imp.getNSlices(),
			imp.getNFrames() };
		final AxisCalibration[] axes = { new AxisCalibration(cal.getXUnit(), cal.pixelWidth, -cal.xOrigin *
			cal.pixelWidth), new AxisCalibration(cal.getYUnit(), cal.pixelHeight, -cal.yOrigin *
				cal.pixelHeight), AxisCalibration.NONE, new AxisCalibration(cal.getZUnit(), cal.pixelDepth,
					-cal.zOrigin * cal.pixelDepth), cal.frameInterval > 0 ? new AxisCalibration(cal
						.getTimeUnit(), cal.frameInterval, 0) : AxisCalibration.NONE };
		final String mode = imp instanceof CompositeImage ? ((CompositeImage) imp).getModeAsString()
			: dims[2] > 1 && !rgb ? "grayscale" : null;
		return new VolumeInfo(imp.getTitle(), dims, axes, PixelType.ofBitDepth(imp.getBitDepth()), rgb, imp
			.getDisplayRangeMin(), imp.getDisplayRangeMax(), mode).withDisplay(Display.of(imp));
	}

	/** ImageJ's calibration of a volume: the inverse of {@link #info(ImagePlus)}'s mapping. */
	public static Calibration calibration(final VolumeInfo info) {
		final Calibration cal = new Calibration();
		final AxisCalibration x = info.calibration(Axis.X), y = info.calibration(Axis.Y), z = info
			.calibration(Axis.Z), t = info.calibration(Axis.T);
		cal.setXUnit(x.unit());
		cal.setYUnit(y.unit());
		cal.setZUnit(z.unit());
		cal.pixelWidth = x.spacing();
		cal.pixelHeight = y.spacing();
		cal.pixelDepth = z.spacing();
		cal.xOrigin = -x.origin() / x.spacing();
		cal.yOrigin = -y.origin() / y.spacing();
		cal.zOrigin = -z.origin() / z.spacing();
		if (!t.unit().equals(AxisCalibration.NONE.unit())) {
			cal.frameInterval = t.spacing();
			cal.setTimeUnit(t.unit());
		}
		return cal;
	}
}
