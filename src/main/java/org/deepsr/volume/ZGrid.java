package org.deepsr.volume;

import java.util.Locale;

import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.VolumeInfo;

/**
 * The z sampling of a through-plane result, for any factor F (integer or not).
 * <p>
 * The input's {@code nz} slices are treated as slabs of thickness {@code dz},
 * slab {@code k} covering {@code [o + k dz, o + (k + 1) dz)} with {@code o} the
 * z origin (ImageJ's convention: a pixel index is its leading edge). The
 * output has {@code round(F nz)} slices (at least 1) of thickness
 * {@code dz / F} from the same origin {@code o}, as
 * {@link VolumeInfo#upscaled} keeps x and y's: the first output slice begins
 * where the first input slice begins. Output slice {@code j} is sampled at
 * input slice coordinate {@code (j + 0.5) / F - 0.5} (0 = the centre of the
 * first input slice), the edge-aligned sampling of MATLAB's {@code imresize}
 * that {@code org.deepsr.resample} uses. The extent {@code round(F nz) dz / F}
 * equals {@code nz dz} when {@code F nz} is a whole number and differs by
 * less than half an output slice otherwise.
 */
public final class ZGrid {

	private final long slices;
	private final double factor;
	private final boolean nodes;

	private ZGrid(final long inSlices, final double factor, final boolean nodes) {
		if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException(
			"the z factor must be a positive number, got " + factor);
		this.factor = factor;
		this.nodes = nodes;
		this.slices = nodes ? (long) Math.floor((inSlices - 1) * factor + 1e-9) + 1 : Math.max(1, Math.round(
			factor * inSlices));
	}

	/** The grid for {@code inSlices} slices refined {@code factor} times along z. */
	public static ZGrid of(final long inSlices, final double factor) {
		return new ZGrid(inSlices, factor, false);
	}

	/**
	 * The node-aligned grid of isotropic reconstruction, for slices that are
	 * point samples (of the profile-blurred volume) rather than slabs: output
	 * slice {@code j} lies at input slice coordinate {@code j / F}, so the
	 * first output slice is the first input slice, at the same position, and
	 * the last one lies at or before the last input slice:
	 * {@code floor((nz - 1) F) + 1} slices of spacing {@code dz / F}, the
	 * origin (the first slice's position) kept. Sampling a volume of
	 * {@code n} slices at every {@code F}-th one and refining it on this
	 * grid gives back slices {@code 0 .. } of the original grid.
	 */
	public static ZGrid nodes(final long inSlices, final double factor) {
		if (inSlices < 1) throw new IllegalArgumentException("a volume needs at least one slice");
		return new ZGrid(inSlices, factor, true);
	}

	/** Whether this is the {@linkplain #nodes node-aligned} grid. */
	public boolean nodeAligned() {
		return nodes;
	}

	/**
	 * The anisotropy of a volume: z voxel size over x voxel size, which must
	 * be in the same unit, with x and y voxel sizes equal, and differ (an
	 * uncalibrated or isotropic volume has nothing to refine: give the factor).
	 */
	public static double factorFromCalibration(final VolumeInfo info) {
		final AxisCalibration x = info.calibration(Axis.X), y = info.calibration(Axis.Y), z = info
			.calibration(Axis.Z);
		if (!x.unit().equals(z.unit()) || !x.unit().equals(y.unit())) throw new IllegalArgumentException(
			"'" + info.title() + "' has voxel sizes in different units (x " + x + ", z " + z +
				"): give the z factor");
		if (Math.abs(x.spacing() - y.spacing()) > 1e-6 * x.spacing()) throw new IllegalArgumentException("'" +
			info.title() + "' has different x and y voxel sizes (" + x.spacing() + ", " + y.spacing() +
			"): give the z factor");
		final double f = z.spacing() / x.spacing();
		if (Math.abs(f - 1) < 1e-9) throw new IllegalArgumentException("'" + info.title() +
			"' has the same voxel size along z as along x (" + z + "), so its calibration gives no z factor: " +
			"set Image > Properties or give the z factor");
		return f;
	}

	public double factor() {
		return factor;
	}

	/** Output slices: {@code max(1, round(F nz))}, halves rounded up. */
	public long slices() {
		return slices;
	}

	/** Input slice coordinate of output slice {@code j}: {@code (j + 0.5) / F - 0.5}, or {@code j / F} on the {@linkplain #nodes node grid}. */
	public double position(final long j) {
		return nodes ? j / factor : (j + 0.5) / factor - 0.5;
	}

	/** The output's z calibration: spacing {@code dz / F}, the same unit and origin. */
	public AxisCalibration calibration(final AxisCalibration z) {
		return new AxisCalibration(z.unit(), z.spacing() / factor, z.origin());
	}

	/** The factor for titles: "2", "2.5", "1.333". */
	public String label() {
		return String.format(Locale.ROOT, "%.3f", factor).replaceFirst("\\.?0+$", "");
	}
}
