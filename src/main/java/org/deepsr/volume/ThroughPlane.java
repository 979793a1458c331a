package org.deepsr.volume;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.Display;
import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.ImageStackSink;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSink;
import org.deepsr.image.VolumeSource;
import org.deepsr.io.NiftiHeader;
import org.deepsr.io.NiftiSink;
import org.deepsr.io.NiftiSource;
import org.deepsr.io.TiffSink;
import org.deepsr.io.TiffSource;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.MatlabResize;
import org.deepsr.resample.SliceProfile;
import org.deepsr.upscale.Upscaler;

/**
 * Through-plane super-resolution of an anisotropic volume with any 2-D
 * method: each XZ (and/or YZ) section goes through the upscaler, which
 * enlarges both of its axes by its scale {@code s}; the in-plane axis is then
 * brought back to its length (antialiased resampling down by {@code s}) and z
 * resampled from {@code s nz} to {@link ZGrid#slices()} samples (scale
 * {@code F / s}), both with the {@code resampling} kernel in one
 * {@link MatlabResize} pass. With both orientations the result is their mean,
 * voxel by voxel: {@code (xz + yz) / 2}. X and Y keep their size and
 * calibration; z is sampled as {@link ZGrid} states.
 * <p>
 * Memory ({@link #memoryBudget}): the input channel-frame volume (see
 * {@link Reslice}; in slabs when it is too large) plus one frame's output as
 * floats, {@code 4 C X Y round(F Z)} bytes, in memory or in a memory-mapped
 * temporary file when it is too large; the output planes are written to the
 * sink once a frame is complete.
 */
public final class ThroughPlane {

	private final Upscaler upscaler;
	private final double factor;
	private final Set<Orientation> orientations;
	private final Interpolation resampling;
	/** Isotropic reconstruction: z interpolated onto the node grid first, then the upscaler (x1) refines. */
	private final boolean nodes;
	private long budget;

	/**
	 * @param factor F, the refinement along z; 0 takes it from the calibration ({@link ZGrid#factorFromCalibration})
	 * @param resampling kernel for the in-plane reduction and the z resampling
	 */
	public ThroughPlane(final Upscaler upscaler, final double factor, final Set<Orientation> orientations,
		final Interpolation resampling)
	{
		this(upscaler, factor, orientations, resampling, false);
	}

	private ThroughPlane(final Upscaler upscaler, final double factor, final Set<Orientation> orientations,
		final Interpolation resampling, final boolean nodes)
	{
		if (nodes && upscaler.scale() != 1) throw new IllegalArgumentException(
			"isotropic refinement needs an x1 network, not x" + upscaler.scale());
		this.nodes = nodes;
		if (!(factor >= 0) || Double.isInfinite(factor)) throw new IllegalArgumentException(
			"the z factor must be 0 (from the calibration) or positive, got " + factor);
		if (orientations.isEmpty()) throw new IllegalArgumentException("no orientation given: give xz, yz or both");
		this.upscaler = upscaler;
		this.factor = factor;
		this.orientations = EnumSet.copyOf(orientations);
		this.resampling = resampling;
	}

	/**
	 * Isotropic reconstruction ({@link Isotropic}): each section is first
	 * interpolated along z onto the {@linkplain ZGrid#nodes node grid} with
	 * Keys' cubic ({@link SliceProfile#cubic}), then refined by the x1
	 * {@code upscaler}; a NIfTI output's header keeps the first slice's
	 * position ({@link NiftiHeader#refinedAlongK}).
	 */
	static ThroughPlane isotropic(final Upscaler upscaler, final double factor, final Set<Orientation> orientations) {
		return new ThroughPlane(upscaler, factor, orientations, Interpolation.BICUBIC, true);
	}

	/** The kernel to resample with after {@code method}: the method's own when it is classical, else bicubic. */
	public static Interpolation resampling(final String method) {
		final Interpolation classical = Upscaler.classical(method);
		return classical != null ? classical : Interpolation.BICUBIC;
	}

	/** The output grid along z for {@code in}. */
	public ZGrid grid(final VolumeInfo in) {
		final double f = factor > 0 ? factor : ZGrid.factorFromCalibration(in);
		return nodes ? ZGrid.nodes(in.slices(), f) : ZGrid.of(in.slices(), f);
	}

	/**
	 * What {@link #run} makes of {@code in}: z refined per {@link #grid},
	 * titled "&lt;title&gt;-z&lt;F&gt;", the input's pixel type unless the
	 * upscaler writes 32-bit.
	 */
	public VolumeInfo output(final VolumeInfo in) {
		requireGrey(in);
		final ZGrid grid = grid(in);
		final long[] dims = in.dims();
		dims[Axis.Z.ordinal()] = grid.slices();
		final AxisCalibration[] cal = new AxisCalibration[5];
		for (final Axis a : Axis.values())
			cal[a.ordinal()] = in.calibration(a);
		cal[Axis.Z.ordinal()] = grid.calibration(in.calibration(Axis.Z));
		final Display d = in.display();
		// per-slice labels do not survive resampling along z; LUTs and ranges do
		final Display kept = d == null || d.luts() == null ? null : new Display(d.luts(), d.ranges(), null);
		return new VolumeInfo(in.title().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "") + "-z" + grid.label(), dims,
			cal, upscaler.isFloat32() ? PixelType.FLOAT32 : in.type(), false, in.displayMin(), in.displayMax(), in
				.mode()).withDisplay(kept);
	}

	/**
	 * The memory a run may take, in bytes (default: half the Java heap): an
	 * output frame larger than that goes to a mapped file ({@link Frame}), and
	 * a lazy source whose channel-frame volume exceeds a quarter of it is read
	 * in slabs of sections ({@link Reslice#slab}) of at most a quarter each.
	 */
	ThroughPlane memoryBudget(final long bytes) {
		budget = bytes;
		return this;
	}

	private long budget() {
		return budget > 0 ? budget : Runtime.getRuntime().maxMemory() / 2;
	}

	/**
	 * Reads every channel and frame of {@code source}, writes the result to
	 * {@code sink} (made for {@link #output}) frame by frame, then finishes it.
	 */
	public void run(final VolumeSource source, final VolumeSink sink, final Progress progress)
		throws IOException
	{
		final VolumeInfo in = source.info(), out = output(in);
		if (!Arrays.equals(sink.info().dims(), out.dims())) throw new IllegalArgumentException(
			"the output " + sink.info() + " is not " + out);
		final ZGrid grid = grid(in);
		final long nx = in.width(), ny = in.height(), plane = nx * ny, nz = grid.slices();
		final int nc = Math.toIntExact(in.channels());
		if (plane > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("'" + in.title() + "' has " + plane +
			" pixels per plane, more than one Java array holds: crop it");
		final long budget = budget();
		final boolean whole = Reslice.inMemory(source) || 4 * plane * in.slices() <= budget / 4;
		upscaler.begin(source);
		long sections = 0;
		for (final Orientation o : orientations)
			sections += o.sections(nx, ny);
		final long total = sections * nc * in.frames();
		long done = 0;
		final float n = orientations.size();
		for (long t = 0; t < in.frames(); t++) {
			try (Frame frame = Frame.of(nc, plane * nz, budget)) {
				for (int c = 0; c < nc; c++) {
					final RandomAccessibleInterval<FloatType> xyz = whole ? Reslice.volume(source, c, t) : null;
					for (final Orientation o : orientations) {
						progress.status("DeepSR: through-plane " + o.name() + " sections of " + in.title() + " with " +
							upscaler.describe());
						final long count = o.sections(nx, ny), step = whole ? count : Math.max(1, budget / 4 / (4 * o
							.length(nx, ny) * in.slices()));
						for (long from = 0; from < count; from += step) {
							final long to = Math.min(count, from + step);
							final RandomAccessibleInterval<FloatType> slab = whole ? xyz : Reslice.slab(source, c, t, o, from,
								to);
							for (long i = from; i < to; i++) {
								progress.checkCancelled();
								add(o, i, section(o.section(slab, whole ? i : i - from), c, grid, progress), frame, c, nx, ny);
								progress.progress(++done, total);
							}
						}
					}
				}
				for (long z = 0; z < nz; z++)
					for (int c = 0; c < nc; c++) {
						final float[] xy = new float[(int) plane];
						for (int k = 0; k < xy.length; k++)
							xy[k] = frame.get(c, z * plane + k) / n; // the mean of the orientations
						sink.write(c, z, t, ArrayImgs.floats(xy, nx, ny));
					}
			}
		}
		sink.finish();
		progress.progress(1, 1);
	}

	/** An image in memory to a new image in memory (the input is only read). */
	public ImagePlus run(final ImagePlus image, final Progress progress) throws IOException {
		final ImagePlusSource source = new ImagePlusSource(image);
		final ImageStackSink sink = new ImageStackSink(output(source.info()));
		run(source, sink, progress);
		return sink.image();
	}

	/**
	 * A file to a file. TIFF to TIFF streams: the input is read lazily (each
	 * channel-frame volume once) and the output written plane by plane
	 * (temp file renamed at the end); other formats go through an ImagePlus.
	 *
	 * @return the output's description
	 */
	public VolumeInfo runFile(final Path in, final Path out, final boolean overwrite, final Progress progress)
		throws IOException
	{
		if (NiftiSource.isNifti(in)) try (NiftiSource source = NiftiSource.open(in)) {
			return NiftiSource.isNifti(out) ? runToNifti(source, source.header(), out, overwrite, progress)
				: runToTiff(source, out, overwrite, progress);
		}
		if (NiftiSource.isNifti(out)) return runToNifti(TiffSource.isTiff(in) ? TiffSource.open(in)
			: new ImagePlusSource(ImageFiles.open(in)), null, out, overwrite, progress);
		if (TiffSource.isTiff(in) && TiffSource.isTiff(out)) return runToTiff(TiffSource.open(in), out, overwrite,
			progress);
		final ImagePlus result = run(ImageFiles.open(in), progress);
		ImageFiles.save(result, out, overwrite);
		return ImagePlusSource.info(result);
	}

	/**
	 * Any source to a NIfTI file written slice by slice; {@code header} (the
	 * input's, or null) resampled to the new grid keeps the field of view's
	 * world position, as {@link ZGrid} keeps the first slice's leading edge.
	 */
	private VolumeInfo runToNifti(final VolumeSource source, final NiftiHeader header, final Path out,
		final boolean overwrite, final Progress progress) throws IOException
	{
		final VolumeInfo info = output(source.info());
		// the node grid keeps the first slice's centre; NiftiSink's resampling of a header of the right size changes nothing
		final NiftiHeader h = header != null && nodes ? header.refinedAlongK(info.slices(), grid(source.info()).factor())
			: header;
		try (NiftiSink sink = NiftiSink.create(out, info, h, upscaler.isFloat32(), overwrite)) {
			run(source, sink, progress);
		}
		return info;
	}

	/**
	 * Any source to a TIFF written plane by plane, e.g. a virtual stack that
	 * must stay out of memory.
	 *
	 * @return the output's description
	 */
	public VolumeInfo runToTiff(final VolumeSource source, final Path out, final boolean overwrite,
		final Progress progress) throws IOException
	{
		final VolumeInfo info = output(source.info());
		try (TiffSink sink = TiffSink.create(out, info, overwrite)) {
			run(source, sink, progress);
		}
		return info;
	}

	/**
	 * One section through the upscaler, its in-plane axis back to its length and z onto the grid.
	 *
	 * @param section dims (length, nz)
	 * @return dims (length, grid slices), row-major
	 */
	float[] section(final RandomAccessibleInterval<FloatType> section, final long channel, final ZGrid grid,
		final Progress progress)
	{
		final int s = upscaler.scale();
		final long length = section.dimension(0), nz = section.dimension(1);
		if (nodes) {
			final float[] z = SliceProfile.cubic(ImagePlanes.array(section), (int) length, (int) nz, 1, (int) grid
				.slices(), 1 / grid.factor());
			return upscaler.upscalePlane(ArrayImgs.floats(z, length, grid.slices()), channel, quiet(progress));
		}
		final float[] up = upscaler.upscalePlane(section, channel, quiet(progress));
		return MatlabResize.resize(ArrayImgs.floats(up, s * length, s * nz), (int) length, (int) grid.slices(),
			1.0 / s, grid.factor() / s, resampling).update(null).getCurrentStorageArray();
	}

	private static void add(final Orientation o, final long i, final float[] section, final Frame frame,
		final int c, final long nx, final long ny)
	{
		final long length = o.length(nx, ny), nz = section.length / length;
		for (long z = 0; z < nz; z++)
			for (long a = 0; a < length; a++)
				frame.add(c, o.index(i, a, z, nx, ny), section[(int) (a + length * z)]);
	}

	private static void requireGrey(final VolumeInfo in) {
		if (in.rgb()) throw new IllegalArgumentException("'" + in.title() +
			"' is RGB: split its channels (Image > Color > Split Channels) or make it a composite first");
	}

	/** Cancellation reaches the upscaler's tiles; its fractions would count one section as the whole job. */
	private static Progress quiet(final Progress whole) {
		return new Progress() {

			@Override
			public boolean cancelled() {
				return whole.cancelled();
			}
		};
	}
}
