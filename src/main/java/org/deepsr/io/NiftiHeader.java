package org.deepsr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;

/**
 * The 348-byte NIfTI-1 header of a volume, kept whole (intent, description,
 * slice timing and every field DeepSR does not interpret travel from the
 * input to the output) and read in the file's byte order. It is the side
 * record that carries a volume's world position from a {@link NiftiSource}
 * to a {@link NiftiSink}: the qform (quaternion, offsets, qfac in pixdim[0])
 * and the sform (srow) map voxel centres (i, j, k) to world millimetres.
 * <p>
 * When voxels change size ({@link #resampled}) the field of view keeps its
 * world position: along an axis resampled from n to m voxels the voxel size
 * becomes {@code f = n/m} old voxels, and since voxel centres sit at integer
 * indices, the first new centre lies at old index {@code (f - 1)/2} (for
 * upscaling by s in-plane, {@code f = 1/s}: the origin moves by
 * {@code (1/s - 1)/2} old voxels), so the outer corner of the first voxel,
 * old index -1/2, stays where it was. Both transforms are updated this way;
 * reslicing and through-plane work use the same call with their own sizes.
 */
public final class NiftiHeader {

	/** Bytes of a NIfTI-1 header, and where a single-file (.nii) volume's data starts without extensions. */
	public static final int SIZE = 348, DATA_OFFSET = 352;

	private final byte[] bytes;
	private final ByteOrder order;

	private NiftiHeader(final byte[] bytes, final ByteOrder order) {
		this.bytes = bytes;
		this.order = order;
	}

	/**
	 * Parses a header and checks what DeepSR needs of it.
	 *
	 * @param name the file, for messages
	 * @throws IOException naming the problem when it is no NIfTI-1 header or holds what DeepSR cannot read
	 */
	public static NiftiHeader parse(final byte[] header, final String name) throws IOException {
		if (header.length < SIZE) throw new IOException(name + " is truncated: its NIfTI header needs " + SIZE +
			" bytes, the file has " + header.length);
		final ByteBuffer le = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
		final ByteOrder order = le.getInt(0) == SIZE ? ByteOrder.LITTLE_ENDIAN : ByteBuffer.wrap(header).order(
			ByteOrder.BIG_ENDIAN).getInt(0) == SIZE ? ByteOrder.BIG_ENDIAN : null;
		final String magic = new String(header, 344, 3, StandardCharsets.US_ASCII);
		if (order == null || !magic.equals("n+1") && !magic.equals("ni1")) throw new IOException(name +
			" is not a NIfTI-1 file (no 348-byte header with magic 'n+1'): check the file, or convert it with dcm2niix or nibabel");
		if (magic.equals("ni1")) throw new IOException(name +
			" is the header of a .hdr/.img pair: DeepSR reads single-file NIfTI (.nii, .nii.gz); convert it with nibabel or fslchfiletype");
		final NiftiHeader h = new NiftiHeader(Arrays.copyOf(header, SIZE), order);
		if (h.type() == null) throw new IOException(name + " has NIfTI datatype " + h.buffer().getShort(70) +
			", which DeepSR does not read: convert it to uint8, int16, uint16, int32, float32 or float64");
		final int ndim = h.buffer().getShort(40);
		if (ndim < 1 || ndim > 7) throw new IOException(name + " has dim[0] = " + ndim + ", not 1 to 7: the header is damaged");
		for (int i = 1; i <= ndim; i++)
			if (h.buffer().getShort(40 + 2 * i) < 1) throw new IOException(name + " has dim[" + i + "] = " + h
				.buffer().getShort(40 + 2 * i) + ": the header is damaged");
		for (int i = 5; i <= ndim; i++)
			if (h.dim(i) > 1) throw new IOException(name + " has " + ndim +
				" dimensions: DeepSR reads volumes of up to 4 (x, y, z, time or directions); split the others into files");
		if (h.voxOffset() < SIZE) throw new IOException(name + " has vox_offset " + h.voxOffset() +
			", inside its header: the header is damaged");
		return h;
	}

	/**
	 * A header for a volume that has none (e.g. from TIFF or an ImageJ image):
	 * axis-aligned, voxel sizes from the calibration, the world position of
	 * voxel (0, 0, 0) at the calibration's origins, both transforms with code 2
	 * (aligned to an anatomical space; the orientation itself is unknown).
	 */
	public static NiftiHeader of(final VolumeInfo info, final NiftiType type) {
		final ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(0, SIZE);
		b.put(38, (byte) 'r');
		b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
		final AxisCalibration x = info.calibration(Axis.X), y = info.calibration(Axis.Y), z = info
			.calibration(Axis.Z), t = info.calibration(Axis.T);
		final NiftiHeader h = new NiftiHeader(b.array(), ByteOrder.LITTLE_ENDIAN);
		b.putShort(40, (short) (info.frames() > 1 ? 4 : 3));
		for (int i = 1; i < 8; i++)
			b.putShort(40 + 2 * i, (short) 1);
		b.putFloat(76, 1);
		final double[] spacing = { x.spacing(), y.spacing(), z.spacing(), t.spacing() };
		for (int i = 0; i < 4; i++)
			b.putFloat(80 + 4 * i, (float) spacing[i]);
		b.put(123, (byte) (units(x.unit()) | timeUnits(t.unit())));
		final double[][] affine = { { x.spacing(), 0, 0, x.origin() }, { 0, y.spacing(), 0, y.origin() }, { 0,
			0, z.spacing(), z.origin() } };
		h.setSform(affine, 2);
		h.setQoffset(x.origin(), y.origin(), z.origin(), 2);
		return h.withSize(info.width(), info.height(), info.slices(), info.frames()).stored(type, false);
	}

	private ByteBuffer buffer() {
		return ByteBuffer.wrap(bytes).order(order);
	}

	/** The header as stored, in {@link #order()}. */
	public byte[] bytes() {
		return bytes.clone();
	}

	/** The file's byte order; the data follows it. */
	public ByteOrder order() {
		return order;
	}

	/** dim[i]: 1 to 7 are the sizes along i, j, k, t, ...; 1 beyond dim[0]. */
	public long dim(final int i) {
		if (i == 0) return buffer().getShort(40);
		return i <= buffer().getShort(40) ? buffer().getShort(40 + 2 * i) : 1;
	}

	/** pixdim[i]: pixdim[0] is the qform's qfac, 1 to 3 the voxel size, 4 the time step. */
	public double pixdim(final int i) {
		return buffer().getFloat(76 + 4 * i);
	}

	public NiftiType type() {
		return NiftiType.of(buffer().getShort(70));
	}

	/** Where the voxel data starts, in bytes from the start of the (uncompressed) file. */
	public long voxOffset() {
		return (long) buffer().getFloat(108);
	}

	/** scl_slope; stored values v mean {@code slope * v + inter} unless the slope is 0 or not finite (no scaling). */
	public boolean scaled() {
		final float s = buffer().getFloat(112), i = buffer().getFloat(116);
		return Float.isFinite(s) && s != 0 && (s != 1 || Float.isFinite(i) && i != 0);
	}

	public double slope() {
		return scaled() ? buffer().getFloat(112) : 1;
	}

	public double inter() {
		return scaled() && Float.isFinite(buffer().getFloat(116)) ? buffer().getFloat(116) : 0;
	}

	public int qformCode() {
		return buffer().getShort(252);
	}

	public int sformCode() {
		return buffer().getShort(254);
	}

	/** cal_min and cal_max, the intended display range (both 0 when unset). */
	public double[] calibratedRange() {
		return new double[] { buffer().getFloat(128), buffer().getFloat(124) };
	}

	/** toffset: the time of the first volume. */
	public double timeOffset() {
		return buffer().getFloat(136);
	}

	/** The space unit of xyzt_units ("m", "mm", "µm"), or "" when unknown. */
	public String spaceUnit() {
		switch (buffer().get(123) & 7) {
			case 1:
				return "m";
			case 2:
				return "mm";
			case 3:
				return "µm";
			default:
				return "";
		}
	}

	/** The time unit of xyzt_units ("sec", "msec", "µsec", "Hz", "ppm", "rad/s"), or "" when unknown. */
	public String timeUnit() {
		final int code = buffer().get(123) & 0x38;
		final String[] names = { "", "sec", "msec", "µsec", "Hz", "ppm", "rad/s" };
		return code / 8 < names.length ? names[code / 8] : "";
	}

	/** The qform, 3 rows of 4 (voxel centre to world), whatever its code. */
	public double[][] qform() {
		final ByteBuffer b = buffer();
		double qb = b.getFloat(256), qc = b.getFloat(260), qd = b.getFloat(264);
		double qa = 1 - (qb * qb + qc * qc + qd * qd);
		if (qa < 1e-7) { // nifti1_io: a 180-degree rotation, renormalise (b, c, d)
			final double n = Math.sqrt(qb * qb + qc * qc + qd * qd);
			qa = 0;
			qb /= n;
			qc /= n;
			qd /= n;
		}
		else qa = Math.sqrt(qa);
		final double[][] r = { { qa * qa + qb * qb - qc * qc - qd * qd, 2 * (qb * qc - qa * qd), 2 * (qb * qd +
			qa * qc) }, { 2 * (qb * qc + qa * qd), qa * qa + qc * qc - qb * qb - qd * qd, 2 * (qc * qd - qa *
				qb) }, { 2 * (qb * qd - qa * qc), 2 * (qc * qd + qa * qb), qa * qa + qd * qd - qc * qc - qb *
					qb } };
		final double qfac = pixdim(0) < 0 ? -1 : 1;
		final double[] zoom = { pixdim(1), pixdim(2), qfac * pixdim(3) };
		final double[][] m = new double[3][4];
		for (int row = 0; row < 3; row++) {
			for (int col = 0; col < 3; col++)
				m[row][col] = r[row][col] * zoom[col];
			m[row][3] = b.getFloat(268 + 4 * row);
		}
		return m;
	}

	/** The sform, 3 rows of 4 (srow_x, srow_y, srow_z), whatever its code. */
	public double[][] sform() {
		final ByteBuffer b = buffer();
		final double[][] m = new double[3][4];
		for (int row = 0; row < 3; row++)
			for (int col = 0; col < 4; col++)
				m[row][col] = b.getFloat(280 + 16 * row + 4 * col);
		return m;
	}

	/**
	 * The voxel-to-world transform a reader uses (nibabel's {@code img.affine}
	 * where a code is set): the sform when its code is set, else the qform when
	 * its code is set, else voxel sizes alone (the standard's method 1).
	 */
	public double[][] affine() {
		if (sformCode() > 0) return sform();
		if (qformCode() > 0) return qform();
		return new double[][] { { pixdim(1), 0, 0, 0 }, { 0, pixdim(2), 0, 0 }, { 0, 0, pixdim(3), 0 } };
	}

	/**
	 * This header for a grid of {@code nx x ny x nz} voxels covering the same
	 * field of view (see the class comment): dim, pixdim, the sform's columns
	 * and offset and the qform's offset change, the rotation and qfac stay.
	 */
	public NiftiHeader resampled(final long nx, final long ny, final long nz) {
		final long[] n = { nx, ny, nz };
		final double[] f = new double[3];
		for (int a = 0; a < 3; a++)
			f[a] = (double) dim(a + 1) / n[a];
		final double[][] q = qform(), s = sform();
		final double[] qoff = new double[3];
		final double[][] srow = new double[3][4];
		for (int row = 0; row < 3; row++) {
			qoff[row] = q[row][3];
			srow[row][3] = s[row][3];
			for (int a = 0; a < 3; a++) {
				qoff[row] += q[row][a] * (f[a] - 1) / 2;
				srow[row][3] += s[row][a] * (f[a] - 1) / 2;
				srow[row][a] = s[row][a] * f[a];
			}
		}
		final NiftiHeader h = withSize(nx, ny, nz, dim(4));
		final ByteBuffer b = h.buffer();
		for (int a = 0; a < 3; a++)
			b.putFloat(80 + 4 * a, (float) (pixdim(a + 1) * f[a]));
		h.setSform(srow, sformCode());
		h.setQoffset(qoff[0], qoff[1], qoff[2], qformCode());
		return h;
	}

	/**
	 * This header with {@code nk} voxels along k whose spacing is the old one
	 * divided by {@code factor}, the first voxel's centre kept where it was
	 * (node-aligned refinement: new voxel {@code j} at old index
	 * {@code j / factor}): pixdim[3] and the sform's third column divided by
	 * the factor, both offsets unchanged, the rotation and qfac kept.
	 */
	public NiftiHeader refinedAlongK(final long nk, final double factor) {
		if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException(
			"the factor must be a positive number, got " + factor);
		final double[][] s = sform();
		final double[][] srow = new double[3][4];
		for (int row = 0; row < 3; row++) {
			for (int a = 0; a < 4; a++)
				srow[row][a] = s[row][a];
			srow[row][2] = s[row][2] / factor;
		}
		final NiftiHeader h = withSize(dim(1), dim(2), nk, dim(4));
		h.buffer().putFloat(80 + 4 * 2, (float) (pixdim(3) / factor));
		h.setSform(srow, sformCode());
		return h;
	}

	/** This header with sizes along i, j, k and t (dim[0] at least 3, 4 with more than one volume). */
	public NiftiHeader withSize(final long nx, final long ny, final long nz, final long nt) {
		final long[] n = { nx, ny, nz, nt };
		final NiftiHeader h = new NiftiHeader(bytes.clone(), order);
		final ByteBuffer b = h.buffer();
		for (int a = 0; a < 4; a++) {
			if (n[a] > Short.MAX_VALUE) throw new IllegalArgumentException("NIfTI-1 holds at most " +
				Short.MAX_VALUE + " voxels along an axis, not " + n[a] + ": crop the volume or write TIFF");
			b.putShort(42 + 2 * a, (short) n[a]);
		}
		b.putShort(40, (short) Math.max(Math.max(3, dim(0)), nt > 1 ? 4 : 3));
		return h;
	}

	/**
	 * This header for data written as {@code type} in one file (.nii layout:
	 * magic "n+1", data at byte 352, no extensions).
	 *
	 * @param keepScaling keep scl_slope/scl_inter (integer data stored with the input's scaling);
	 *          otherwise values are stored as they are (slope 1, intercept 0)
	 */
	public NiftiHeader stored(final NiftiType type, final boolean keepScaling) {
		final NiftiHeader h = new NiftiHeader(bytes.clone(), order);
		final ByteBuffer b = h.buffer();
		b.putShort(70, (short) type.code());
		b.putShort(72, (short) (8 * type.bytes()));
		b.putFloat(108, DATA_OFFSET);
		if (!keepScaling || !scaled()) {
			b.putFloat(112, 1);
			b.putFloat(116, 0);
		}
		b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
		return h;
	}

	/** The calibration of axis 1 to 4 (X, Y, Z, T) as DeepSR's image model holds it: voxel size and unit, origin 0. */
	AxisCalibration calibration(final int i) {
		final double d = Math.abs(pixdim(i));
		final String unit = i < 4 ? spaceUnit() : timeUnit();
		if (i == 4 && (unit.isEmpty() || dim(4) < 2)) return AxisCalibration.NONE;
		return new AxisCalibration(unit, d > 0 && Double.isFinite(d) ? d : 1, i == 4 && Double.isFinite(
			timeOffset()) ? timeOffset() : 0);
	}

	/** The pixel type of DeepSR's image model that holds these values: float for anything signed, wide or scaled. */
	PixelType pixelType() {
		if (!scaled() && type() == NiftiType.UINT8) return PixelType.UINT8;
		if (!scaled() && type() == NiftiType.UINT16) return PixelType.UINT16;
		return PixelType.FLOAT32;
	}

	private void setSform(final double[][] m, final int code) {
		final ByteBuffer b = buffer();
		for (int row = 0; row < 3; row++)
			for (int col = 0; col < 4; col++)
				b.putFloat(280 + 16 * row + 4 * col, (float) m[row][col]);
		b.putShort(254, (short) code);
	}

	private void setQoffset(final double x, final double y, final double z, final int code) {
		final ByteBuffer b = buffer();
		b.putFloat(268, (float) x).putFloat(272, (float) y).putFloat(276, (float) z);
		b.putShort(252, (short) code);
	}

	private static int units(final String unit) {
		switch (unit) {
			case "m":
				return 1;
			case "mm":
				return 2;
			case "µm":
			case "um":
			case "micron":
				return 3;
			default:
				return 0;
		}
	}

	private static int timeUnits(final String unit) {
		switch (unit) {
			case "s":
			case "sec":
				return 8;
			case "ms":
			case "msec":
				return 16;
			case "µs":
			case "µsec":
				return 24;
			default:
				return 0;
		}
	}
}
