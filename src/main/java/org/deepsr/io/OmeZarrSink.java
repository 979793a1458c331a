package org.deepsr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.OutputImage;
import org.deepsr.image.PixelType;
import org.deepsr.image.StagedFolder;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSink;

/**
 * An OME-Zarr image written plane by plane (NGFF 0.4 on Zarr v2, or 0.5 on
 * Zarr v3): axes t, c, z where larger than 1, then y, x; the calibration as
 * each level's scale (and translation, where an origin is set), units in
 * NGFF's names; uint8, uint16 or float32 as the volume's type. Planes are
 * gathered into one z chunk of every channel (the only memory held: one
 * chunk slab, whatever the number of slices), then written chunk by chunk.
 * Optional lower levels halve x and y each (the mean of each 2x2, 4x4, ...
 * block of the full-resolution plane, a pixel's centre kept in place by the
 * translation), written from the same planes.
 * <p>
 * The image is written in a staged folder and renamed onto its name by
 * {@link #finish()} ({@link StagedFolder}). In a cluster array
 * ({@link Options#part}) each of n parts writes its share of the z chunks
 * (and frames) into one shared staged folder; {@link #skips} names the planes
 * of other parts and those whose chunks are already complete (a chunk file
 * appears whole, renamed onto its key), so a rerun resumes; the part that
 * completes the set renames the folder.
 */
public final class OmeZarrSink implements VolumeSink {

	/** How the image is written. */
	public static final class Options {

		int version = 2;
		int levels = 1;
		String compression = "gzip";
		int chunkXY = 256;
		int chunkZ = 0;
		int part = 1, parts = 1;
		boolean partGiven;
		String key = "";
		boolean overwrite;

		/** 2 (Zarr v2, NGFF 0.4; the default) or 3 (Zarr v3, NGFF 0.5). */
		public Options zarrVersion(final int v) {
			if (v != 2 && v != 3) throw new IllegalArgumentException("the Zarr version is 2 (NGFF 0.4) or 3 (NGFF 0.5), not " +
				v);
			version = v;
			return this;
		}

		/** Levels of the pyramid, 1 (full resolution only) or more. */
		public Options levels(final int n) {
			if (n < 1 || n > 16) throw new IllegalArgumentException("levels must be 1 to 16, got " + n);
			levels = n;
			return this;
		}

		/** "gzip" (the default), "zstd", "blosc", "zlib" (v2) or "none". */
		public Options compression(final String c) {
			compression = c;
			return this;
		}

		/** Chunk sides: x and y ({@code xy}), and z (0: as many planes as fit 32 MiB, at most 16). */
		public Options chunks(final int xy, final int z) {
			if (xy < 1 || z < 0) throw new IllegalArgumentException("chunk sizes must be positive");
			chunkXY = xy;
			chunkZ = z;
			return this;
		}

		/**
		 * Part {@code i} (1-based) of {@code n} of a cluster array.
		 */
		public Options part(final int i, final int n) {
			if (n < 1 || i < 1 || i > n) throw new IllegalArgumentException("part must be i/n with 1 <= i <= n, got " +
				i + "/" + n);
			part = i;
			parts = n;
			partGiven = true;
			return this;
		}

		/** The run's settings, which every part of a cluster array must share (set by the upscaler). */
		public Options key(final String k) {
			key = k;
			return this;
		}

		public int part() {
			return part;
		}

		public int parts() {
			return parts;
		}

		public boolean overwrite() {
			return overwrite;
		}

		public Options overwrite(final boolean o) {
			overwrite = o;
			return this;
		}

		/** Whether this is a part of a cluster array (--part i/n, also 1/1). */
		public boolean isPart() {
			return partGiven;
		}
	}

	private final Path target;
	private final VolumeInfo info;
	private final Options options;
	private final StagedFolder staged;
	private final List<Axis> axes = new ArrayList<>();
	private final ZarrArray[] arrays;
	private final int[] lw, lh;
	private final int cz, bytes;
	/** One z chunk of each channel at each level: [level][channel], samples as stored. */
	private final byte[][][] slab;
	private final long slabs, first, last;
	private long slabT = -1, slabZ = -1;
	private boolean dirty, finished;

	private OmeZarrSink(final Path target, final VolumeInfo info, final Options o) throws IOException {
		this.target = target;
		this.info = info;
		options = o;
		if (info.frames() > 1) axes.add(Axis.T);
		if (info.channels() > 1) axes.add(Axis.C);
		if (info.slices() > 1) axes.add(Axis.Z);
		axes.add(Axis.Y);
		axes.add(Axis.X);
		final PixelType type = info.type();
		bytes = type.bytes();
		final long w = info.width(), h = info.height();
		if (w * h > Integer.MAX_VALUE / 4) throw new IllegalArgumentException("planes of " + w + "x" + h +
			" are too large for one plane");
		final int levels = o.levels;
		lw = new int[levels];
		lh = new int[levels];
		for (int l = 0; l < levels; l++) {
			lw[l] = (int) ((w + (1L << l) - 1) >> l);
			lh[l] = (int) ((h + (1L << l) - 1) >> l);
		}
		final long planeBytes = w * h * bytes * info.channels();
		cz = (int) Math.min(info.slices(), o.chunkZ > 0 ? o.chunkZ : Math.max(1, Math.min(16, (32L << 20) /
			Math.max(1, planeBytes))));
		final int zChunks = (int) ((info.slices() + cz - 1) / cz);
		slabs = info.frames() * zChunks;
		first = slabs * (o.part - 1) / o.parts;
		last = slabs * o.part / o.parts;
		final List<double[]> scales = new ArrayList<>(), shifts = new ArrayList<>();
		final List<String> units = new ArrayList<>();
		for (final Axis a : axes)
			units.add(OmeZarr.ngffUnit(info.calibration(a).unit()));
		for (int l = 0; l < levels; l++) {
			final double[] s = new double[axes.size()], t = new double[axes.size()];
			for (int i = 0; i < axes.size(); i++) {
				final Axis a = axes.get(i);
				final AxisCalibration cal = info.calibration(a);
				final double f = a == Axis.X || a == Axis.Y ? 1L << l : 1;
				s[i] = a == Axis.C ? 1 : cal.spacing() * f;
				t[i] = a == Axis.C ? 0 : cal.origin() + (f - 1) / 2 * cal.spacing();
			}
			scales.add(s);
			shifts.add(t);
		}
		final StagedFolder.Layout layout = folder -> {
			OmeZarr.writeGroup(folder, OmeZarr.multiscales(info.title(), axes, units, scales, shifts, o.version),
				o.version);
			for (int l = 0; l < levels; l++)
				ZarrArray.create(folder.resolve(String.valueOf(l)), o.version, shape(l), chunkShape(l), dtype(type),
					o.compression, names());
		};
		staged = o.isPart() ? StagedFolder.shared(target, o.overwrite, o.key + "; " + info, layout)
			: StagedFolder.create(target, o.overwrite, layout);
		arrays = new ZarrArray[levels];
		try {
			for (int l = 0; l < levels; l++)
				arrays[l] = ZarrArray.open(staged.path().resolve(String.valueOf(l)));
		}
		catch (final IOException e) {
			staged.close();
			throw e;
		}
		slab = new byte[levels][(int) info.channels()][];
		for (int l = 0; l < levels; l++)
			for (int c = 0; c < info.channels(); c++)
				slab[l][c] = new byte[cz * lw[l] * lh[l] * bytes];
	}

	/**
	 * Starts writing {@code info} as an OME-Zarr in {@code target}.
	 *
	 * @throws java.nio.file.FileAlreadyExistsException when it exists and overwriting was not asked for (not for a part)
	 */
	public static OmeZarrSink create(final Path target, final VolumeInfo info, final Options options)
		throws IOException
	{
		ZarrArray.ZarrCodec.named(options.compression, options.version, 1); // an unknown name, before any file
		if (info.rgb()) throw new IllegalArgumentException(
			"an RGB image is written to OME-Zarr as 3 channels: split it, or ask for 32-bit output");
		return new OmeZarrSink(target, info, options);
	}

	/** Whether the cluster array's output at {@code target} is complete (committed by its last part). */
	public static boolean complete(final Path target) {
		final Path abs = target.toAbsolutePath();
		return Files.isDirectory(abs) && !Files.exists(abs.getParent().resolve("." + abs.getFileName() + ".parts"));
	}

	private long[] shape(final int l) {
		final long[] s = new long[axes.size()];
		for (int i = 0; i < s.length; i++) {
			final Axis a = axes.get(i);
			s[i] = a == Axis.X ? lw[l] : a == Axis.Y ? lh[l] : info.dim(a);
		}
		return s;
	}

	private int[] chunkShape(final int l) {
		final int[] s = new int[axes.size()];
		for (int i = 0; i < s.length; i++) {
			final Axis a = axes.get(i);
			s[i] = a == Axis.X ? Math.min(options.chunkXY, lw[l]) : a == Axis.Y ? Math.min(options.chunkXY, lh[l])
				: a == Axis.Z ? cz : 1;
		}
		return s;
	}

	private List<String> names() {
		final List<String> n = new ArrayList<>();
		for (final Axis a : axes)
			n.add(a.name().toLowerCase(java.util.Locale.ROOT));
		return n;
	}

	private static ZarrArray.DType dtype(final PixelType t) {
		return t == PixelType.UINT8 ? ZarrArray.DType.UINT8 : t == PixelType.UINT16 ? ZarrArray.DType.UINT16
			: ZarrArray.DType.FLOAT32;
	}

	@Override
	public VolumeInfo info() {
		return info;
	}

	/** The folder being written (the staged one until {@link #finish()}). */
	public Path folder() {
		return staged.path();
	}

	/** Planes of z chunks outside this part's share, or whose chunks are all written already (a resumed part). */
	@Override
	public boolean skips(final long z, final long t) {
		final long s = slabIndex(z, t);
		if (s < first || s >= last) return true;
		return options.isPart() && written(t, z / cz);
	}

	private long slabIndex(final long z, final long t) {
		return t * ((info.slices() + cz - 1) / cz) + z / cz;
	}

	private boolean written(final long t, final long zc) {
		for (int l = 0; l < arrays.length; l++)
			for (long c = 0; c < info.channels(); c++)
				for (long gy = 0; gy < arrays[l].gridSize(axes.indexOf(Axis.Y)); gy++)
					for (long gx = 0; gx < arrays[l].gridSize(axes.indexOf(Axis.X)); gx++)
						if (!Files.exists(arrays[l].chunkPath(grid(t, c, zc, gy, gx)))) return false;
		return true;
	}

	private long[] grid(final long t, final long c, final long zc, final long gy, final long gx) {
		final long[] g = new long[axes.size()];
		for (int i = 0; i < g.length; i++) {
			final Axis a = axes.get(i);
			g[i] = a == Axis.T ? t : a == Axis.C ? c : a == Axis.Z ? zc : a == Axis.Y ? gy : gx;
		}
		return g;
	}

	@Override
	public void write(final long c, final long z, final long t, final RandomAccessibleInterval<FloatType> xy)
		throws IOException
	{
		if (skips(z, t)) throw new IllegalArgumentException("plane z=" + z + " t=" + t + " is not part " +
			options.part + "/" + options.parts + "'s to write");
		if (t != slabT || z / cz != slabZ) {
			flush();
			slabT = t;
			slabZ = z / cz;
		}
		final int w = (int) info.width(), h = (int) info.height();
		final float[] v = new float[w * h];
		int k = 0;
		for (final FloatType f : net.imglib2.view.Views.flatIterable(xy))
			v[k++] = f.get();
		final int dz = (int) (z % cz);
		put(slab[0][(int) c], dz * w * h, v, w * h);
		for (int l = 1; l < arrays.length; l++) {
			final int f = 1 << l, ow = lw[l], oh = lh[l];
			final float[] m = new float[ow * oh];
			for (int y = 0; y < oh; y++)
				for (int x = 0; x < ow; x++) {
					double sum = 0;
					int n = 0;
					for (int yy = y * f; yy < Math.min(h, y * f + f); yy++)
						for (int xx = x * f; xx < Math.min(w, x * f + f); xx++) {
							final float s = v[yy * w + xx];
							if (!Float.isNaN(s)) {
								sum += s;
								n++;
							}
						}
					m[y * ow + x] = n == 0 ? Float.NaN : (float) (sum / n);
				}
			put(slab[l][(int) c], dz * ow * oh, m, ow * oh);
		}
		dirty = true;
	}

	/** Samples converted to the type (integers rounded half up and clamped, NaN 0), little-endian. */
	private void put(final byte[] into, final int at, final float[] v, final int n) {
		final ByteBuffer b = ByteBuffer.wrap(into).order(ByteOrder.LITTLE_ENDIAN);
		switch (info.type()) {
			case UINT8:
				for (int i = 0; i < n; i++)
					into[at + i] = (byte) OutputImage.clampRound(v[i], 255);
				break;
			case UINT16:
				for (int i = 0; i < n; i++)
					b.putShort(2 * (at + i), (short) OutputImage.clampRound(v[i], 65535));
				break;
			default:
				for (int i = 0; i < n; i++)
					b.putFloat(4 * (at + i), Float.isNaN(v[i]) ? 0 : v[i]);
		}
	}

	/** Writes the gathered z chunk of every channel at every level. */
	private void flush() throws IOException {
		if (!dirty) return;
		final int zs = (int) Math.min(cz, info.slices() - slabZ * cz);
		for (int l = 0; l < arrays.length; l++) {
			final int[] cs = chunkShape(l);
			final int cy = cs[axes.indexOf(Axis.Y)], cx = cs[axes.indexOf(Axis.X)];
			final int ow = lw[l], oh = lh[l];
			for (int c = 0; c < info.channels(); c++)
				for (long gy = 0; gy < arrays[l].gridSize(axes.indexOf(Axis.Y)); gy++)
					for (long gx = 0; gx < arrays[l].gridSize(axes.indexOf(Axis.X)); gx++) {
						final byte[] chunk = new byte[cz * cy * cx * bytes];
						final int y0 = (int) gy * cy, x0 = (int) gx * cx;
						final int ny = Math.min(cy, oh - y0), nx = Math.min(cx, ow - x0);
						for (int dz = 0; dz < zs; dz++)
							for (int y = 0; y < ny; y++)
								System.arraycopy(slab[l][c], ((dz * oh + y0 + y) * ow + x0) * bytes, chunk, ((dz * cy + y) * cx) *
									bytes, nx * bytes);
						arrays[l].writeChunk(grid(slabT, c, slabZ, gy, gx), chunk);
					}
		}
		dirty = false;
	}

	/**
	 * Writes the last chunks, then renames the folder onto the target; a part
	 * marks itself done, and the last part to finish renames it.
	 */
	@Override
	public void finish() throws IOException {
		flush();
		if (options.isPart()) staged.finishPart(options.part, options.parts);
		else staged.commit();
		finished = true;
	}

	/** Whether {@link #finish()} made the image complete under its name (a part: whether it was the last). */
	public boolean completed() {
		return finished && complete(target);
	}

	@Override
	public void close() throws IOException {
		if (!finished) staged.close();
	}
}
