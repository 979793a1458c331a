package org.deepsr.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.AxisCalibration;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;

/**
 * A NIfTI-1 file (.nii, or gzip-compressed .nii.gz) read lazily, one (i, j)
 * slice at a time: X and Y are NIfTI's i and j, Z is k, T the fourth
 * dimension (time points, diffusion directions), one channel. Values are
 * scaled by scl_slope and scl_inter when the slope is set (not 0); uint8 and
 * uint16 without scaling stay 8- and 16-bit, every other datatype (int16,
 * int32, float32, float64) and all scaled data are float. Either byte order is
 * read. The calibration holds the voxel sizes and units of pixdim and
 * xyzt_units; the world position (qform and sform) stays in {@link #header()},
 * which a {@link NiftiSink} resamples for its output.
 * <p>
 * A .nii is read by seeking to each slice. A .nii.gz cannot seek: it is
 * decompressed forward, so reading the slices in order (as the upscaler and
 * the statistics do) decompresses the file once per pass, while asking for an
 * earlier slice than the last one starts decompressing again from the
 * beginning of the file. {@link #close()} releases the file.
 */
public final class NiftiSource implements VolumeSource, AutoCloseable {

	/** The most deflate expands its input (zlib's bound: 1032 to 1), which bounds what a .nii.gz can hold. */
	private static final long MAX_INFLATION = 1032;

	private final Path file;
	private final NiftiHeader header;
	private final VolumeInfo info;
	private final boolean gzip;
	private final int sliceBytes;
	private FileChannel channel;
	private InputStream stream;
	private long streamAt;

	private NiftiSource(final Path file, final NiftiHeader header, final boolean gzip) throws IOException {
		this.file = file;
		this.header = header;
		this.gzip = gzip;
		final long w = header.dim(1), h = header.dim(2);
		if (w * h * header.type().bytes() > Integer.MAX_VALUE) throw new IOException(file + " has " + w + "x" +
			h + " slices, too large for one plane: crop it first");
		sliceBytes = (int) (w * h * header.type().bytes());
		final double[] range = header.calibratedRange();
		final PixelType type = header.pixelType();
		final boolean cal = range[1] > range[0];
		info = new VolumeInfo(title(file), new long[] { w, h, 1, header.dim(3), header.dim(4) },
			new AxisCalibration[] { header.calibration(1), header.calibration(2), AxisCalibration.NONE, header
				.calibration(3), header.calibration(4) }, type, false, cal ? range[0] : 0, cal ? range[1] : type
					== PixelType.FLOAT32 ? 0 : type.max(), null);
	}

	/** Whether a file name is a NIfTI-1 file's (".nii" or ".nii.gz", any case). */
	public static boolean isNifti(final Path file) {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".nii") || name.endsWith(".nii.gz");
	}

	/** The file name without ".nii" or ".nii.gz". */
	public static String title(final Path file) {
		final String name = file.getFileName().toString();
		final String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith(".nii.gz") ? name.substring(0, name.length() - 7) : lower.endsWith(".nii")
			? name.substring(0, name.length() - 4) : name;
	}

	/**
	 * Opens a NIfTI file and reads its header, not its voxels. A .nii shorter
	 * than its header says, or a .nii.gz whose header describes more than its
	 * compressed size can hold, is refused here; a truncated .nii.gz when the
	 * missing slices are read.
	 */
	public static NiftiSource open(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException("no such image file: " + file);
		final boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
		final byte[] bytes;
		try (InputStream in = input(file, gzip)) {
			bytes = in.readNBytes(NiftiHeader.SIZE);
		}
		catch (final ZipException | EOFException e) {
			throw new IOException(file + " is not a complete gzip file (" + e.getMessage() +
				"): check the download, or name an uncompressed file .nii");
		}
		final NiftiHeader header = NiftiHeader.parse(bytes, file.toString());
		final NiftiSource source = new NiftiSource(file, header, gzip);
		// Checked before any slice buffer exists, so a damaged dim cannot ask for gigabytes (no overflow: each term is below 2^62).
		final long data = source.sliceBytes * header.dim(3) * header.dim(4), size = Files.size(file);
		if (!gzip && (header.voxOffset() > size || data > size - header.voxOffset())) throw new IOException(file +
			" is truncated: its header describes " + header.voxOffset() + " + " + data + " bytes, the file has " +
			size + "; check the download or copy it again");
		if (gzip && (header.voxOffset() > MAX_INFLATION * size || data > MAX_INFLATION * size - header
			.voxOffset())) throw new IOException(file + " is damaged: its header describes " + header.voxOffset() +
				" + " + data + " bytes, more than its " + size + " compressed bytes can hold; check the download or copy it again");
		if (!gzip) source.channel = FileChannel.open(file, StandardOpenOption.READ);
		return source;
	}

	private static InputStream input(final Path file, final boolean gzip) throws IOException {
		final InputStream in = Files.newInputStream(file);
		try {
			return gzip ? new GZIPInputStream(in, 1 << 16) : new BufferedInputStream(in);
		}
		catch (final IOException e) {
			in.close();
			throw e;
		}
	}

	/** The header as read, for the sink (and later volume work) to update. */
	public NiftiHeader header() {
		return header;
	}

	@Override
	public VolumeInfo info() {
		return info;
	}

	/**
	 * Slice z of volume t.
	 *
	 * @throws UncheckedIOException when the file cannot be read or ends early: a one-line message, the
	 *           cause an IOException with the same message (what callers rethrow)
	 */
	@Override
	public synchronized RandomAccessibleInterval<FloatType> plane(final long c, final long z, final long t) {
		final long index = info.planeIndex(c, z, t);
		final long offset = header.voxOffset() + index * sliceBytes;
		final ByteBuffer b;
		try {
			if (gzip) b = ByteBuffer.wrap(readCompressed(offset));
			else {
				b = ByteBuffer.allocate(sliceBytes);
				while (b.hasRemaining())
					if (channel.read(b, offset + b.position()) < 0) throw new EOFException();
				b.flip();
			}
			b.order(header.order());
		}
		catch (final EOFException | ZipException e) {
			throw unchecked(file + " is truncated or damaged: slice " + z + (info.frames() > 1 ? " of volume " + t
				: "") + " cannot be read; check the download or copy it again", e);
		}
		catch (final IOException e) {
			throw unchecked("cannot read " + file + ": " + e.getMessage(), e);
		}
		final NiftiType type = header.type();
		final double slope = header.slope(), inter = header.inter();
		final float[] values = new float[(int) info.planePixels()];
		for (int i = 0; i < values.length; i++)
			values[i] = (float) (type.get(b) * slope + inter);
		return ArrayImgs.floats(values, info.width(), info.height());
	}

	/** The unchecked failure of a slice: its message is the IOException's, which callers rethrow. */
	private static UncheckedIOException unchecked(final String message, final IOException cause) {
		return new UncheckedIOException(message, new IOException(message, cause));
	}

	/**
	 * A slice's bytes, decompressed forward to {@code offset}, from the start
	 * when it lies behind; the array grows with what the file holds, not with
	 * what the header claims.
	 */
	private byte[] readCompressed(final long offset) throws IOException {
		if (stream == null || offset < streamAt) {
			if (stream != null) stream.close();
			stream = input(file, true);
			streamAt = 0;
		}
		while (streamAt < offset) { // InputStream.skip may skip less; read() tells the end of the file
			final long n = stream.skip(offset - streamAt);
			if (n > 0) streamAt += n;
			else if (stream.read() < 0) throw new EOFException();
			else streamAt++;
		}
		final byte[] slice = stream.readNBytes(sliceBytes);
		streamAt += slice.length;
		if (slice.length < sliceBytes) throw new EOFException();
		return slice;
	}

	@Override
	public synchronized void close() throws IOException {
		if (channel != null) channel.close();
		if (stream != null) stream.close();
		stream = null;
	}
}
