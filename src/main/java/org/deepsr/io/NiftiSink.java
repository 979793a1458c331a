package org.deepsr.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.deepsr.image.PixelType;
import org.deepsr.image.StagedFile;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSink;

/**
 * Writes a volume as one NIfTI-1 file, slice by slice as the slices arrive,
 * so memory does not grow with the volume: a .nii uncompressed, a .nii.gz
 * through gzip. The data goes to a {@link StagedFile} beside the target,
 * forced to the disk and renamed into place by {@link #finish()}; a failed
 * write leaves an existing file as it was and no temporary file.
 * <p>
 * The header is the input's ({@link NiftiSource#header()}) resampled to this
 * volume's size ({@link NiftiHeader#resampled}: new voxel sizes, both
 * transforms updated so that the field of view keeps its world position),
 * or, for a volume from another format, one made from its calibration
 * ({@link NiftiHeader#of}). Values are stored as float32 when asked, else in
 * the input's datatype: integer types rounded half up and clamped to their
 * range, NaN as 0, through the input's scl_slope/scl_inter when it had them.
 * Header extensions of the input are not copied.
 */
public final class NiftiSink implements VolumeSink {

	private final VolumeInfo info;
	private final NiftiHeader header;
	private final Path file;
	private final StagedFile staged;
	private final OutputStream out;
	private final ByteBuffer buffer;
	private long planesWritten;

	private NiftiSink(final Path file, final VolumeInfo info, final NiftiHeader header,
		final boolean overwrite) throws IOException
	{
		this.file = file;
		this.info = info;
		this.header = header;
		buffer = ByteBuffer.allocate(Math.toIntExact(info.planePixels() * header.type().bytes())).order(header
			.order());
		staged = StagedFile.create(file, overwrite);
		OutputStream o = null;
		try {
			o = new BufferedOutputStream(Files.newOutputStream(staged.path()), 1 << 16);
			if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) o = new GZIPOutputStream(o,
				1 << 16);
			o.write(header.bytes());
			o.write(new byte[NiftiHeader.DATA_OFFSET - NiftiHeader.SIZE]); // no extensions
		}
		catch (final IOException e) {
			try {
				if (o != null) o.close();
			}
			finally {
				staged.close();
			}
			throw staged.failed(e);
		}
		out = o;
	}

	/**
	 * Starts a NIfTI file; nothing appears at {@code file} before {@link #finish()}.
	 *
	 * @param input the input's header, to resample for {@code info}'s size; null for a volume without one
	 * @param float32 store float32 rather than the input's datatype
	 * @param overwrite replace an existing file; when false an existing file is an error
	 */
	public static NiftiSink create(final Path file, final VolumeInfo info, final NiftiHeader input,
		final boolean float32, final boolean overwrite) throws IOException
	{
		if (!NiftiSource.isNifti(file)) throw new IOException("cannot write " + file +
			" as NIfTI: name it .nii or .nii.gz");
		if (info.channels() > 1) throw new IOException("cannot write " + info.channels() + " channels" + (info
			.rgb() ? " (RGB)" : "") + " to " + file + ": a NIfTI volume has one; split the channels first");
		if (info.planePixels() * 8 > Integer.MAX_VALUE) throw new IOException("cannot write a " + info.width() +
			"x" + info.height() + " slice to " + file + ": crop it first");
		return new NiftiSink(file, info, header(info, input, float32), overwrite);
	}

	/** The output header: the input's resampled, or one from the calibration. */
	static NiftiHeader header(final VolumeInfo info, final NiftiHeader input, final boolean float32) {
		if (input == null) return NiftiHeader.of(info, float32 || info.type() == PixelType.FLOAT32
			? NiftiType.FLOAT32 : info.type() == PixelType.UINT16 ? NiftiType.UINT16 : NiftiType.UINT8);
		final NiftiHeader h = input.resampled(info.width(), info.height(), info.slices()).withSize(info.width(),
			info.height(), info.slices(), info.frames());
		return float32 ? h.stored(NiftiType.FLOAT32, false) : h.stored(input.type(), true);
	}

	@Override
	public VolumeInfo info() {
		return info;
	}

	/** The header this sink writes. */
	public NiftiHeader header() {
		return header;
	}

	@Override
	public void write(final long c, final long z, final long t,
		final RandomAccessibleInterval<FloatType> xy) throws IOException
	{
		if (info.planeIndex(c, z, t) != planesWritten) throw new IllegalStateException(
			"NIfTI slices must come in order: expected slice " + planesWritten + ", got (z=" + z + ", t=" + t + ")");
		if (xy.dimension(0) != info.width() || xy.dimension(1) != info.height())
			throw new IllegalArgumentException("Expected a " + info.width() + "x" + info.height() +
				" plane, got " + xy.dimension(0) + "x" + xy.dimension(1) + ".");
		planesWritten++;
		final NiftiType type = header.type();
		final double slope = header.slope(), inter = header.inter();
		final Cursor<FloatType> cursor = Views.flatIterable(xy).cursor();
		buffer.clear();
		for (long i = info.planePixels(); i > 0; i--)
			type.put(buffer, (cursor.next().get() - inter) / slope);
		try {
			out.write(buffer.array(), 0, buffer.position());
		}
		catch (final IOException e) {
			throw staged.failed(e);
		}
	}

	@Override
	public void finish() throws IOException {
		if (planesWritten != info.planes()) throw new IllegalStateException("only " + planesWritten +
			" of the " + info.planes() + " slices of " + file + " were written");
		staged.commit(out);
	}

	@Override
	public void close() throws IOException {
		staged.discard(out);
	}
}
