package org.deepsr.io;

import ij.ImageJ;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.OutputImage;
import org.deepsr.image.PixelType;
import org.deepsr.image.StagedFile;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSink;

/**
 * Writes a volume as an uncompressed multi-page TIFF, plane by plane as the
 * planes arrive, so that memory does not grow with the number of slices. The
 * file is ImageJ's own layout (written by hand: ImageJ's TiffEncoder needs
 * the whole stack, and scifio/Bio-Formats are not available): the first IFD
 * carries ImageJ's description (images, channels, slices, frames, hyperstack,
 * mode, unit, spacing, frame interval, display range, origins), the pixel
 * size as X/Y resolution, and ImageJ's private tags with the channels' LUTs and
 * display ranges and the slice labels ({@link ImageJMetadata}); the pixel data of all planes follows contiguously,
 * in ImageJ's order (channel fastest, then slice, then frame); one IFD per
 * further plane comes at the end, so other readers (tifffile, libtiff) see
 * every page. 8-bit, 16-bit, 32-bit float and RGB (3 interleaved 8-bit
 * samples). The data goes to a {@link StagedFile} beside the target, forced to
 * the disk and renamed into place by {@link #finish()}; a failed write (a full
 * disk) leaves an existing file as it was. Files are limited to 4 GiB (classic TIFF offsets).
 */
public final class TiffSink implements VolumeSink {

	private static final int BYTE = 1, ASCII = 2, SHORT = 3, LONG = 4, RATIONAL = 5;
	/** ImageJ's private tags for display ranges, LUTs and labels (TiffEncoder's META_DATA_BYTE_COUNTS, META_DATA). */
	private static final int META_COUNTS = 50838, META = 50839;
	private static final int CHUNK = 1 << 20;

	private final VolumeInfo info;
	private final Path file;
	private final StagedFile staged;
	private final FileChannel channel;
	private final int samples, entries;
	private final long planeBytes, pages, dataStart, extras;
	private final int[] metaCounts;
	private final byte[] meta;
	private final ByteBuffer buffer;
	/** An RGB plane's colours until the last arrives, rounded to bytes (a quarter of their floats). */
	private final byte[][] pending;
	private long planesWritten;

	private TiffSink(final Path file, final VolumeInfo info, final boolean overwrite) throws IOException {
		this.info = info;
		this.file = file;
		samples = info.rgb() ? 3 : 1;
		pages = info.rgb() ? info.slices() * info.frames() : info.planes();
		planeBytes = info.planePixels() * samples * info.type().bytes();
		entries = info.rgb() ? 14 : 15;
		final byte[] description = description(info);
		final ImageJMetadata ij = new ImageJMetadata(info.display(), (int) Math.min(Integer.MAX_VALUE, pages));
		metaCounts = ij.counts();
		meta = ij.bytes();
		extras = 8 + 2 + 12L * (entries + 1 + (meta.length > 0 ? 2 : 0)) + 4;
		dataStart = even(extras + 6 + 16 + description.length + 4L * metaCounts.length + meta.length);
		final long end = even(dataStart + pages * planeBytes) + (pages - 1) * (2 + 12L * entries + 4);
		if (end > 0xffffffffL) throw new IOException("cannot write " + file + ": " + (end >> 20) +
			" MiB exceeds the 4 GiB of a classic TIFF; write fewer slices or frames per file");
		staged = StagedFile.create(file, overwrite);
		try {
			channel = FileChannel.open(staged.path(), StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
		}
		catch (final IOException e) {
			staged.close();
			throw e;
		}
		buffer = ByteBuffer.allocate((int) Math.max(CHUNK, info.width() * samples * info.type().bytes()))
			.order(ByteOrder.BIG_ENDIAN);
		pending = new byte[samples][];
		try {
			header(description);
		}
		catch (final IOException | RuntimeException e) {
			close();
			throw e;
		}
	}

	/**
	 * Starts a TIFF; nothing appears at {@code file} before {@link #finish()}.
	 *
	 * @param overwrite replace an existing file; when false an existing file is an error
	 */
	public static TiffSink create(final Path file, final VolumeInfo info, final boolean overwrite)
		throws IOException
	{
		StagedFile.requireWritable(file, overwrite);
		if (info.width() > Integer.MAX_VALUE || info.height() > Integer.MAX_VALUE) throw new IOException(
			"cannot write a " + info.width() + "x" + info.height() + " plane to a TIFF: crop it first");
		return new TiffSink(file, info, overwrite);
	}

	@Override
	public VolumeInfo info() {
		return info;
	}

	@Override
	public void write(final long c, final long z, final long t,
		final RandomAccessibleInterval<FloatType> xy) throws IOException
	{
		if (info.planeIndex(c, z, t) != planesWritten) throw new IllegalStateException("TIFF planes must come in order: expected plane " +
			planesWritten + ", got (c=" + c + ", z=" + z + ", t=" + t + ")");
		if (xy.dimension(0) != info.width() || xy.dimension(1) != info.height())
			throw new IllegalArgumentException("Expected a " + info.width() + "x" + info.height() +
				" plane, got " + xy.dimension(0) + "x" + xy.dimension(1) + ".");
		planesWritten++;
		if (!info.rgb()) {
			final Cursor<FloatType> cursor = Views.flatIterable(xy).cursor();
			for (long i = info.planePixels(); i > 0; i--)
				put(cursor.next().get());
		}
		else {
			final byte[] colour = new byte[Math.toIntExact(info.planePixels())];
			final Cursor<FloatType> cursor = Views.flatIterable(xy).cursor();
			for (int i = 0; i < colour.length; i++)
				colour[i] = (byte) OutputImage.clampRound(cursor.next().get(), 255);
			pending[(int) c] = colour;
			if (c < 2) return;
			final int n = Math.toIntExact(info.planePixels());
			for (int i = 0; i < n; i++)
				for (int k = 0; k < 3; k++)
					put(pending[k][i] & 0xff);
			pending[0] = pending[1] = pending[2] = null;
		}
		flush();
	}

	private void put(final float value) throws IOException {
		if (buffer.remaining() < 4) flush();
		switch (info.type()) {
			case UINT8:
				buffer.put((byte) OutputImage.clampRound(value, 255));
				break;
			case UINT16:
				buffer.putShort((short) OutputImage.clampRound(value, 65535));
				break;
			default:
				buffer.putFloat(value);
		}
	}

	private void flush() throws IOException {
		buffer.flip();
		try {
			while (buffer.hasRemaining())
				channel.write(buffer);
		}
		catch (final IOException e) {
			throw staged.failed(e);
		}
		buffer.clear();
	}

	@Override
	public void finish() throws IOException {
		if (planesWritten != info.planes()) throw new IllegalStateException("only " + planesWritten +
			" of the " + info.planes() + " planes of " + file + " were written");
		if (pages > 1 && channel.position() % 2 != 0) buffer.put((byte) 0);
		for (long page = 1; page < pages; page++) {
			final long next = page + 1 < pages ? channel.position() + buffer.position() + 2 + 12L * entries + 4
				: 0;
			ifd(dataStart + page * planeBytes, -1, 0, next);
		}
		flush();
		staged.commit(channel);
	}

	@Override
	public void close() throws IOException {
		staged.discard(channel);
	}

	/** TIFF header, the first IFD, its out-of-line values, padding up to the pixel data. */
	private void header(final byte[] description) throws IOException {
		buffer.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		final long next = pages > 1 ? even(dataStart + pages * planeBytes) : 0; // IFDs start on a word
		ifd(dataStart, extras + 6 + 16, description.length, next);
		buffer.putShort((short) 8).putShort((short) 8).putShort((short) 8); // RGB bits per sample
		final AxisCalibration x = info.calibration(Axis.X), y = info.calibration(Axis.Y);
		rational(1 / x.spacing());
		rational(1 / y.spacing());
		buffer.put(description);
		for (final int count : metaCounts)
			buffer.putInt(count);
		for (int i = 0, n; i < meta.length; i += n) {
			if (!buffer.hasRemaining()) flush();
			n = Math.min(buffer.remaining(), meta.length - i);
			buffer.put(meta, i, n);
		}
		while (channel.position() + buffer.position() < dataStart)
			buffer.put((byte) 0);
		flush();
	}

	/** One IFD; {@code descriptionAt < 0} for the pages after the first, which have no description. */
	private void ifd(final long stripOffset, final long descriptionAt, final int descriptionLength,
		final long next) throws IOException
	{
		final boolean first = descriptionAt >= 0, withMeta = first && meta.length > 0;
		buffer.putShort((short) (first ? entries + 1 + (withMeta ? 2 : 0) : entries));
		entry(254, LONG, 1, 0);
		entry(256, LONG, 1, info.width());
		entry(257, LONG, 1, info.height());
		if (info.rgb()) entry(258, SHORT, 3, extras);
		else entry(258, SHORT, 1, info.type().bits());
		entry(259, SHORT, 1, 1);
		entry(262, SHORT, 1, info.rgb() ? 2 : 1);
		if (first) entry(270, ASCII, descriptionLength, descriptionAt);
		entry(273, LONG, 1, stripOffset);
		entry(277, SHORT, 1, samples);
		entry(278, LONG, 1, info.height());
		entry(279, LONG, 1, planeBytes);
		entry(282, RATIONAL, 1, extras + 6);
		entry(283, RATIONAL, 1, extras + 14);
		entry(284, SHORT, 1, 1);
		entry(296, SHORT, 1, resolutionUnit(info.calibration(Axis.X).unit()));
		if (!info.rgb()) entry(339, SHORT, 1, info.type() == PixelType.FLOAT32 ? 3 : 1);
		if (withMeta) {
			final long countsAt = descriptionAt + descriptionLength;
			entry(META_COUNTS, LONG, metaCounts.length, countsAt);
			entry(META, BYTE, meta.length, countsAt + 4L * metaCounts.length);
		}
		buffer.putInt((int) next);
		flush();
	}

	private void entry(final int tag, final int type, final long count, final long value) {
		buffer.putShort((short) tag).putShort((short) type).putInt((int) count);
		if (type == SHORT && count == 1) buffer.putShort((short) value).putShort((short) 0);
		else buffer.putInt((int) value);
	}

	/** A positive value as the closest fraction with a 32-bit numerator and denominator. */
	private void rational(final double value) {
		final long denominator = (long) Math.max(1, Math.min(0xffffffffL, 0xffffffffL / Math.max(1, value)));
		buffer.putInt((int) Math.min(0xffffffffL, Math.round(value * denominator))).putInt((int) denominator);
	}

	private static int resolutionUnit(final String unit) {
		return unit.equals("inch") ? 2 : unit.equals("cm") ? 3 : 1;
	}

	private static long even(final long n) {
		return (n + 1) / 2 * 2;
	}

	/** ImageJ's image description (what FileSaver.getDescriptionString writes), NUL-terminated. */
	static byte[] description(final VolumeInfo info) {
		final StringBuilder sb = new StringBuilder("ImageJ=" + ImageJ.VERSION + "\n");
		final long images = info.rgb() ? info.slices() * info.frames() : info.planes();
		final long channels = info.rgb() ? 1 : info.channels();
		if (images > 1) sb.append("images=").append(images).append('\n');
		if (channels > 1) sb.append("channels=").append(channels).append('\n');
		if (info.slices() > 1) sb.append("slices=").append(info.slices()).append('\n');
		if (info.frames() > 1) sb.append("frames=").append(info.frames()).append('\n');
		if (channels > 1 || info.slices() > 1 && info.frames() > 1) sb.append("hyperstack=true\n");
		if (channels > 1 && info.mode() != null) sb.append("mode=").append(info.mode()).append('\n');
		final AxisCalibration x = info.calibration(Axis.X), y = info.calibration(Axis.Y), z = info
			.calibration(Axis.Z), t = info.calibration(Axis.T);
		line(sb, "unit", x.unit());
		if (!y.unit().equals(x.unit())) line(sb, "yunit", y.unit());
		if (!z.unit().equals(x.unit())) line(sb, "zunit", z.unit());
		if (z.spacing() != 1) sb.append("spacing=").append(z.spacing()).append('\n');
		if (!t.unit().equals(AxisCalibration.NONE.unit())) {
			sb.append("finterval=").append(t.spacing()).append('\n');
			line(sb, "tunit", t.unit());
		}
		if (images > 1) sb.append("loop=false\n");
		if (!info.rgb()) sb.append(String.format(Locale.ROOT, "min=%s\nmax=%s\n", info.displayMin(), info
			.displayMax()));
		origin(sb, "xorigin", x);
		origin(sb, "yorigin", y);
		origin(sb, "zorigin", z);
		sb.append('\0');
		return sb.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** A key=value line, non-ASCII characters escaped as Java properties (which ImageJ reads them with) do. */
	private static void line(final StringBuilder sb, final String key, final String value) {
		sb.append(key).append('=');
		for (final char ch : value.toCharArray())
			if (ch < 128 && ch != '\n' && ch != '\\') sb.append(ch);
			else sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
		sb.append('\n');
	}

	/** ImageJ's origins are in pixels: the pixel at the physical position 0. */
	private static void origin(final StringBuilder sb, final String key, final AxisCalibration axis) {
		final double pixels = -axis.origin() / axis.spacing();
		if (pixels != 0) sb.append(key).append('=').append(pixels).append('\n');
	}
}
