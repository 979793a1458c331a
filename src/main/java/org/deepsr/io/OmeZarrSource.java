package org.deepsr.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;

/**
 * One level of an OME-Zarr image (NGFF 0.4 or 0.5, {@link OmeZarr}) read
 * lazily, plane by plane: a plane reads only the chunks it crosses, and the
 * decoded chunks of the last chunk rows (one z chunk of every channel chunk)
 * are kept, so reading the planes in order decodes each chunk once and
 * memory holds one chunk slab, whatever the volume's size (at most a quarter
 * of the heap: beyond, a chunk is decoded again for each of its planes). uint8 and uint16
 * stay 8- and 16-bit; other types (int8, int16, int32, uint32, float32,
 * float64) are read as float. A chunk that is not stored is the fill value.
 * The calibration comes from the level's scale and translation, in ImageJ's
 * units ("micrometer" is "µm").
 */
public final class OmeZarrSource implements VolumeSource, AutoCloseable {

	private final Path root;
	private final OmeZarr meta;
	private final ZarrArray array;
	private final VolumeInfo info;
	private final int level;
	/** Position of t, c, z, y, x in the array's dimensions, -1 where absent. */
	private final int it, ic, iz, iy, ix;
	private final Map<List<Long>, ByteBuffer> cache;

	private OmeZarrSource(final Path root, final OmeZarr meta, final int level) throws IOException {
		this.root = root;
		this.meta = meta;
		this.level = level;
		array = ZarrArray.open(root.resolve(meta.paths.get(level)));
		final long[] shape = array.shape();
		if (shape.length != meta.axes.size()) throw new IOException(array.folder() + ": the array has " +
			shape.length + " dimensions, the image's axes " + meta.axes.size());
		it = meta.axes.indexOf(Axis.T);
		ic = meta.axes.indexOf(Axis.C);
		iz = meta.axes.indexOf(Axis.Z);
		iy = meta.axes.indexOf(Axis.Y);
		ix = meta.axes.indexOf(Axis.X);
		final long[] dims = { shape[ix], shape[iy], ic < 0 ? 1 : shape[ic], iz < 0 ? 1 : shape[iz], it < 0 ? 1
			: shape[it] };
		for (final long d : dims)
			if (d < 1) throw new IOException(array.folder() + ": the array is empty (shape " + Arrays.toString(
				shape) + ")");
		if (dims[0] * dims[1] > Integer.MAX_VALUE - 8) throw new IOException(array.folder() + ": planes of " +
			dims[0] + "x" + dims[1] + " are too large for one plane");
		final PixelType type = array.dtype() == ZarrArray.DType.UINT8 ? PixelType.UINT8 : array
			.dtype() == ZarrArray.DType.UINT16 ? PixelType.UINT16 : PixelType.FLOAT32;
		final AxisCalibration[] cal = new AxisCalibration[5];
		try {
			for (final Axis a : Axis.values())
				cal[a.ordinal()] = meta.calibration(a, level);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(root + ": " + ZarrArray.why(e), e);
		}
		try {
			info = new VolumeInfo(OmeZarr.title(root), dims, cal, type, false, 0, type == PixelType.FLOAT32 ? 0
				: type.max(), dims[2] > 1 ? "composite" : null);
		}
		catch (final IllegalArgumentException | ArithmeticException e) {
			throw new IOException(array.folder() + ": " + ZarrArray.why(e) + " (shape " + Arrays.toString(shape) + ")", e);
		}
		final long rows = array.gridSize(iy) * array.gridSize(ix) * (ic < 0 ? 1 : array.gridSize(ic));
		// one chunk slab (every chunk one z chunk of the planes needs), within a quarter of the heap; beyond,
		// chunks are decoded again for each of their planes
		final long chunkBytes = (long) array.chunkElements() * array.dtype().bytes();
		final int keep = (int) Math.max(1, Math.min(rows, Runtime.getRuntime().maxMemory() / 4 / chunkBytes));
		cache = new LinkedHashMap<List<Long>, ByteBuffer>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(final Map.Entry<List<Long>, ByteBuffer> eldest) {
				return size() > keep;
			}
		};
	}

	/** Opens the full-resolution level of the OME-Zarr image (or bare Zarr array) in {@code root}. */
	public static OmeZarrSource open(final Path root) throws IOException {
		return open(root, 0);
	}

	/** Opens level {@code level} (0: full resolution) of the image in {@code root}. */
	public static OmeZarrSource open(final Path root, final int level) throws IOException {
		final OmeZarr meta = OmeZarr.read(root);
		if (level < 0 || level >= meta.paths.size()) throw new IllegalArgumentException(root + " has " + meta.paths
			.size() + " levels (0.." + (meta.paths.size() - 1) + "), not " + level);
		return new OmeZarrSource(root, meta, level);
	}

	/** Levels of the multiscale pyramid (1: full resolution only). */
	public int levels() {
		return meta.paths.size();
	}

	/** 2 (NGFF 0.4) or 3 (NGFF 0.5). */
	public int zarrVersion() {
		return array.version();
	}

	/** The level this source reads. */
	public int level() {
		return level;
	}

	/** Chunk sizes along X, Y, C, Z, T (1 for absent axes). */
	public int[] chunks() {
		final int[] c = array.chunks();
		return new int[] { c[ix], c[iy], ic < 0 ? 1 : c[ic], iz < 0 ? 1 : c[iz], it < 0 ? 1 : c[it] };
	}

	public Path root() {
		return root;
	}

	@Override
	public VolumeInfo info() {
		return info;
	}

	/** @throws UncheckedIOException when a chunk cannot be read; its cause names the chunk */
	@Override
	public synchronized RandomAccessibleInterval<FloatType> plane(final long c, final long z, final long t) {
		info.planeIndex(c, z, t); // range checks
		final int w = (int) info.width(), h = (int) info.height();
		if (4L * w * h > Runtime.getRuntime().maxMemory() / 2) throw new UncheckedIOException(new IOException(array
			.folder() + ": a plane of " + w + "x" + h + " needs " + (4L * w * h >> 20) +
			" MiB, more than half the heap: give Java more memory (-Xmx) or read a lower level"));
		final float[] out = new float[w * h];
		final int[] chunk = array.chunks();
		final int n = chunk.length;
		// the position of the plane inside its chunks along t, c, z
		final long[] grid = new long[n];
		long inner = 0; // offset of the plane inside a chunk, in elements
		final long[] stride = new long[n];
		stride[n - 1] = 1;
		for (int d = n - 2; d >= 0; d--)
			stride[d] = stride[d + 1] * chunk[d + 1];
		for (int d = 0; d < n - 2; d++) {
			final long p = d == it ? t : d == ic ? c : z;
			grid[d] = p / chunk[d];
			inner += p % chunk[d] * stride[d];
		}
		final int cy = chunk[iy], cx = chunk[ix];
		final float fill = (float) array.fillValue();
		try {
			for (long gy = 0; gy < array.gridSize(iy); gy++)
				for (long gx = 0; gx < array.gridSize(ix); gx++) {
					grid[iy] = gy;
					grid[ix] = gx;
					final ByteBuffer b = chunk(grid);
					final int y0 = (int) (gy * cy), x0 = (int) (gx * cx);
					final int ny = Math.min(cy, h - y0), nx = Math.min(cx, w - x0);
					for (int y = 0; y < ny; y++) {
						final int to = (y0 + y) * w + x0;
						if (b == null) {
							Arrays.fill(out, to, to + nx, fill);
							continue;
						}
						final long from = inner + (long) y * cx;
						for (int x = 0; x < nx; x++)
							out[to + x] = sample(b, (int) (from + x));
					}
				}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return ArrayImgs.floats(out, w, h);
	}

	private ByteBuffer chunk(final long[] grid) throws IOException {
		final List<Long> key = Arrays.asList(Arrays.stream(grid).boxed().toArray(Long[]::new));
		if (cache.containsKey(key)) return cache.get(key);
		final ByteBuffer b = array.readChunk(grid);
		cache.put(key, b);
		return b;
	}

	private float sample(final ByteBuffer b, final int i) {
		switch (array.dtype()) {
			case UINT8:
				return b.get(i) & 0xff;
			case INT8:
				return b.get(i);
			case UINT16:
				return b.getShort(2 * i) & 0xffff;
			case INT16:
				return b.getShort(2 * i);
			case UINT32:
				return b.getInt(4 * i) & 0xffffffffL;
			case INT32:
				return b.getInt(4 * i);
			case FLOAT32:
				return b.getFloat(4 * i);
			case FLOAT64:
				return (float) b.getDouble(8 * i);
			default:
				throw new IllegalStateException(array.dtype().name());
		}
	}

	/** Forgets the decoded chunks. */
	@Override
	public synchronized void close() {
		cache.clear();
	}
}
