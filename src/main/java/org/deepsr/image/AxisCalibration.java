package org.deepsr.image;

import java.util.Objects;

/**
 * Physical meaning of one axis: the size of one pixel step and the position
 * of pixel 0, in a unit. Positions are physical (as NIfTI and OME-Zarr store
 * them); ImageJ's origins, which are in pixels, are converted by the
 * ImagePlus adapter. An uncalibrated axis has spacing 1, origin 0 and unit "pixel".
 */
public final class AxisCalibration {

	/** One pixel per step, origin 0. */
	public static final AxisCalibration NONE = new AxisCalibration("pixel", 1, 0);

	private final String unit;
	private final double spacing, origin;

	/**
	 * @param unit e.g. "µm", "mm", "sec"
	 * @param spacing physical size of one step along the axis, finite and more than 0
	 * @param origin physical position of pixel 0, finite
	 */
	public AxisCalibration(final String unit, final double spacing, final double origin) {
		if (!(spacing > 0) || Double.isInfinite(spacing) || !Double.isFinite(origin))
			throw new IllegalArgumentException("Axis spacing must be positive and origin finite, got spacing " +
				spacing + " and origin " + origin + ".");
		this.unit = unit == null || unit.isEmpty() ? "pixel" : unit;
		this.spacing = spacing;
		this.origin = origin;
	}

	public String unit() {
		return unit;
	}

	public double spacing() {
		return spacing;
	}

	public double origin() {
		return origin;
	}

	/** The same axis sampled {@code scale} times more finely, pixel 0 at the same physical position. */
	public AxisCalibration refined(final int scale) {
		return new AxisCalibration(unit, spacing / scale, origin);
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof AxisCalibration)) return false;
		final AxisCalibration a = (AxisCalibration) o;
		return unit.equals(a.unit) && spacing == a.spacing && origin == a.origin;
	}

	@Override
	public int hashCode() {
		return Objects.hash(unit, spacing, origin);
	}

	@Override
	public String toString() {
		return spacing + " " + unit + " from " + origin;
	}
}
