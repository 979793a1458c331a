package org.deepsr.upscale;

import ij.ImagePlus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.backend.NativeOutOfMemoryException;
import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlusSink;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.OutputImage;
import org.deepsr.image.PixelType;
import org.deepsr.image.StagedFile;
import org.deepsr.image.StagedFolder;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSink;
import org.deepsr.image.VolumeSource;
import org.deepsr.io.NiftiHeader;
import org.deepsr.io.NiftiSink;
import org.deepsr.io.NiftiSource;
import org.deepsr.io.OmeZarr;
import org.deepsr.io.OmeZarrSink;
import org.deepsr.io.OmeZarrSource;
import org.deepsr.io.TiffSink;
import org.deepsr.io.TiffSource;
import org.deepsr.model.LoadedModel;
import org.deepsr.model.ModelBundle;
import org.deepsr.model.ModelRegistry;
import org.deepsr.model.Models;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;

/**
 * The one upscaling path behind the Fiji commands, the macros and the
 * command line: opens a model (or a classical method) once, then upscales any
 * number of images with it. Every channel, slice and frame is processed; the
 * input image is never modified.
 */
public final class Upscaler implements AutoCloseable {

	private final Engine engine;
	private final boolean float32;

	/** Package-private for tests that need an engine of their own (e.g. one that runs out of memory). */
	Upscaler(final Engine engine, final boolean float32) {
		this.engine = engine;
		this.float32 = float32;
	}

	/**
	 * Opens the method the settings name: a classical interpolation
	 * (nearest, bilinear, bicubic, lanczos3), a model name from the registry,
	 * or a model bundle path.
	 */
	public static Upscaler open(final UpscaleSettings settings, final ModelRegistry registry,
		final Progress progress) throws IOException
	{
		if (settings.tile < 0) throw new IllegalArgumentException("tile size must be 0 (automatic) or positive, got " +
			settings.tile);
		if (settings.batch < 0) throw new IllegalArgumentException("batch must be 0 (automatic) or positive, got " +
			settings.batch);
		if (settings.channelMethods.size() > 0) return openPerChannel(settings, registry, progress);
		return new Upscaler(engine(settings.method, settings.scale, settings, registry, progress), settings.float32);
	}

	/** One engine per distinct method, their scales checked from the descriptors before any model loads. */
	private static Upscaler openPerChannel(final UpscaleSettings settings, final ModelRegistry registry,
		final Progress progress) throws IOException
	{
		final List<String> methods = settings.channelMethods;
		final Map<String, Integer> scales = new LinkedHashMap<>();
		for (final String m : methods)
			if (classical(m) == null && !scales.containsKey(m)) scales.put(m, ModelBundle.open(registry.resolve(m))
				.descriptor().scale);
		final int scale = scales.isEmpty() ? settings.scale : scales.values().iterator().next();
		if (scales.values().stream().distinct().count() > 1) {
			final StringBuilder b = new StringBuilder();
			for (int c = 0; c < methods.size(); c++)
				if (scales.containsKey(methods.get(c))) b.append(b.length() > 0 ? ", " : "").append("C").append(c + 1)
					.append(" ").append(methods.get(c)).append(" x").append(scales.get(methods.get(c)));
			throw new IllegalArgumentException("per-channel models must share one scale, but " + b +
				": choose models of one scale ('deepsr models' lists them)");
		}
		final Map<String, Engine> opened = new LinkedHashMap<>();
		try {
			final List<Engine> engines = new ArrayList<>();
			for (final String m : methods) {
				if (!opened.containsKey(m)) opened.put(m, engine(m, scale, settings, registry, progress));
				engines.add(opened.get(m));
			}
			return new Upscaler(new ChannelEngines(engines, methods), settings.float32);
		}
		catch (final IOException | RuntimeException e) {
			for (final Engine opening : opened.values())
				opening.close();
			throw e;
		}
	}

	/** A classical method at {@code scale}, or a model (loaded now) that must be x{@code settings.scale} when exact. */
	private static Engine engine(final String method, final int scale, final UpscaleSettings settings,
		final ModelRegistry registry, final Progress progress) throws IOException
	{
		final Interpolation classical = classical(method);
		if (classical != null) return new ClassicalEngine(classical, settings.exactScale ? settings.scale : scale);
		final Path bundle = registry.resolve(method);
		progress.status("Loading model " + method);
		final LoadedModel model = Models.load(bundle, settings.device, progress);
		if (settings.exactScale && model.scale() != settings.scale) {
			model.close();
			throw new IllegalArgumentException("model " + method + " upscales x" + model.scale() +
				", not x" + settings.scale + ": leave the scale out to use x" + model.scale() + ", or choose an x" +
				settings.scale + " model ('deepsr models' lists them)");
		}
		return new ModelEngine(model, method, settings.tile, settings.batch);
	}

	/** The classical method a name stands for, or null when the name is not one. */
	public static Interpolation classical(final String name) {
		final String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		if (key.equals("lanczos")) return Interpolation.LANCZOS3;
		for (final Interpolation m : Interpolation.values())
			if (m.name().toLowerCase(Locale.ROOT).equals(key)) return m;
		return null;
	}

	public int scale() {
		return engine.scale();
	}

	/** Where the work runs, to tell the user (e.g. "CPU (2 threads)"). */
	public String device() {
		return engine.device();
	}

	public String describe() {
		return engine.describe();
	}

	/** Whether outputs are 32-bit float rather than the input's bit depth. */
	public boolean isFloat32() {
		return float32;
	}

	/**
	 * Upscales every plane of an image into a new image titled
	 * "&lt;title&gt;-x&lt;scale&gt;", with the input's bit depth (rounded and
	 * clamped) unless 32-bit output was asked for, and the pixel size divided
	 * by the scale. The result is in memory; see {@link #upscale(VolumeSource, VolumeSink, Progress)}
	 * to stream a stack to a file.
	 *
	 * @throws IllegalArgumentException when the image is too small or unsuitable
	 * @throws org.deepsr.progress.CancelledException when the user cancelled
	 */
	public ImagePlus upscale(final ImagePlus input, final Progress progress) {
		return upscale(input, 1, progress);
	}

	/**
	 * As {@link #upscale(ImagePlus, Progress)}, the output counted {@code copies} times against the heap (an
	 * image saved by ImageJ's PNG, JPEG or BMP writers is copied by the writer and decoded again to check it).
	 */
	private ImagePlus upscale(final ImagePlus input, final int copies, final Progress progress) {
		final VolumeInfo in = ImagePlusSource.info(input);
		requireSize(in.width(), in.height(), "image '" + in.title() + "'");
		// The output image holds every plane: it, and one plane's work, must fit before it is made.
		final VolumeInfo out = in.upscaled(engine.scale(), float32, in.title());
		fit(in, copies * Memory.held(out), true, progress);
		final ImagePlusSink sink = new ImagePlusSink(input, engine.scale(), float32);
		try {
			upscale(new ImagePlusSource(input), sink, progress);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e); // an in-memory sink does no I/O
		}
		return sink.image();
	}

	/**
	 * The streaming path: pulls the source's planes one position at a time
	 * (all channels of an RGB image together, other channels one by one),
	 * upscales them and pushes each result to the sink before reading the
	 * next, then finishes the sink. Memory holds one plane position, whatever
	 * the number of slices and frames (besides what the sink keeps).
	 *
	 * @param sink made for {@code source.info().upscaled(scale(), isFloat32(), ...)}
	 */
	public void upscale(final VolumeSource source, final VolumeSink sink, final Progress progress)
		throws IOException
	{
		final VolumeInfo in = source.info();
		final long w = in.width(), h = in.height();
		final int s = engine.scale();
		requireSize(w, h, "image '" + in.title() + "'");
		final VolumeInfo out = sink.info();
		if (out.width() != s * w || out.height() != s * h || out.planes() != in.planes())
			throw new IllegalArgumentException("the output " + out + " is not " + in + " upscaled x" + s);
		requireFinite(source);
		engine.begin(source, allChannels(in));
		if (!engine.warnings().isEmpty()) progress.warn(String.join("; ", engine.warnings()));
		// An in-memory sink made its planes already; a file sink converts pixel by pixel as it writes.
		if (!(sink instanceof ImagePlusSink)) fit(in, 0, false, progress);
		final boolean rgb = in.rgb();
		// RGB colours go through the engine together (a luma model needs all three); other channels one by one.
		final long nc = in.channels(), group = rgb ? nc : 1, units = in.planes() / group;
		// Small planes go several at a time (one batch through a network), in the order a sink writes them.
		final int perCall = Math.max(1, engine.planesPerCall(w, h, rgb));
		long unit = 0;
		final List<long[]> batch = new ArrayList<>();
		for (long t = 0; t < in.frames(); t++)
			for (long z = 0; z < in.slices(); z++)
				for (long c = 0; c < nc; c += group) {
					if (sink.skips(z, t)) { // another part of a cluster array writes it
						progress.checkCancelled();
						if (!batch.isEmpty()) {
							upscaleBatch(source, sink, batch, group, rgb, unit, units, progress);
							unit += batch.size();
							batch.clear();
						}
						unit++;
						continue;
					}
					batch.add(new long[] { c, z, t });
					if (batch.size() == perCall || unit + batch.size() == units) {
						upscaleBatch(source, sink, batch, group, rgb, unit, units, progress);
						unit += batch.size();
						batch.clear();
					}
				}
		sink.finish();
		progress.progress(1, 1);
	}

	/**
	 * Plane positions (c, z, t) in the sink's order through the engine, one
	 * call for all, the results written in that order. Cancellation is checked
	 * before; the status names the first position.
	 */
	private void upscaleBatch(final VolumeSource source, final VolumeSink sink, final List<long[]> batch,
		final long group, final boolean rgb, final long unit, final long units, final Progress progress)
		throws IOException
	{
		progress.checkCancelled();
		final VolumeInfo in = source.info();
		final long w = in.width(), h = in.height();
		final int s = engine.scale();
		final long[] first = batch.get(0), last = batch.get(batch.size() - 1);
		progress.status("DeepSR: upscaling " + in.title() + where(in, first, last, rgb) + " with " + engine
			.describe());
		final long[] channels = new long[batch.size()];
		final List<List<RandomAccessibleInterval<FloatType>>> positions = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			final long[] p = batch.get(i);
			channels[i] = p[0];
			final List<RandomAccessibleInterval<FloatType>> planes = new ArrayList<>();
			for (long k = 0; k < group; k++)
				planes.add(source.plane(p[0] + k, p[1], p[2]));
			positions.add(planes);
		}
		final Progress each = unitProgress(progress, unit, batch.size(), units);
		final List<List<RandomAccessibleInterval<FloatType>>> up = fitted(positions.get(0), rgb, in.title(), each, () -> {
				if (batch.size() == 1) return List.of(engine.upscaleStreamed(channels[0], positions.get(0), rgb, each));
				final List<List<RandomAccessibleInterval<FloatType>>> planes = new ArrayList<>();
				for (final float[][] position : engine.upscaleAll(channels, positions, rgb, each)) {
					final List<RandomAccessibleInterval<FloatType>> wrapped = new ArrayList<>();
					for (final float[] plane : position)
						wrapped.add(ArrayImgs.floats(plane, s * w, s * h));
					planes.add(wrapped);
				}
				return planes;
			});
		for (int i = 0; i < batch.size(); i++) {
			final long[] p = batch.get(i);
			for (int k = 0; k < group; k++)
				sink.write(p[0] + k, p[1], p[2], up.get(i).get(k));
		}
	}

	/**
	 * Where a plane (or the first to the last of a batch) is: ", channel c/C,
	 * slice z/Z, frame t/T", counted from 1, each axis only when the image has
	 * more than one; empty for a single plane.
	 */
	static String where(final VolumeInfo in, final long[] first, final long[] last, final boolean rgb) {
		final long[] sizes = { rgb ? 1 : in.channels(), in.slices(), in.frames() };
		final String[] names = { "channel", "slice", "frame" };
		final StringBuilder b = new StringBuilder();
		for (int a = 0; a < 3; a++)
			if (sizes[a] > 1) b.append(", ").append(names[a]).append(' ').append(first[a] + 1).append(first[a] !=
				last[a] ? "-" + (last[a] + 1) : "").append('/').append(sizes[a]);
		return b.toString();
	}

	private static long[] allChannels(final VolumeInfo info) {
		final long[] all = new long[Math.toIntExact(info.channels())];
		for (int c = 0; c < all.length; c++)
			all[c] = c;
		return all;
	}

	/**
	 * Checks, before a model is opened, that {@link #upscaleFile} can read
	 * {@code in} and may write {@code out}, so a wrong path fails at once.
	 */
	public static void requireFiles(final Path in, final Path out, final boolean overwrite)
		throws IOException
	{
		requireFiles(in, out, overwrite, false);
	}

	/**
	 * As {@link #requireFiles(Path, Path, boolean)}; for a part of a cluster
	 * array ({@code part}) an OME-Zarr output may exist already (complete, or
	 * being written by the other parts).
	 */
	public static void requireFiles(final Path in, final Path out, final boolean overwrite, final boolean part)
		throws IOException
	{
		if (OmeZarr.isZarr(in)) OmeZarrSource.open(in).close(); // its metadata, checked
		else ImageFiles.requireReadable(in);
		if (part && !OmeZarr.isZarr(out)) throw new IllegalArgumentException("--part splits a volume only into an " +
			"OME-Zarr output (OUT.zarr), which the parts share; a folder of files is split by file");
		if (part) StagedFile.requireFolder(out.toAbsolutePath().getParent(), "cannot write " + out);
		else requireWritable(out, overwrite);
	}

	/** Checks, before a model is opened, that a result may be written to {@code out} (an image file, NIfTI or OME-Zarr). */
	public static void requireWritable(final Path out, final boolean overwrite) throws IOException {
		if (OmeZarr.isZarr(out)) StagedFolder.requireWritable(out, overwrite);
		else if (NiftiSource.isNifti(out)) StagedFile.requireWritable(out, overwrite);
		else ImageFiles.requireWritable(out, overwrite);
	}

	/**
	 * A file to a file. TIFF to TIFF streams ({@link TiffSource} read lazily,
	 * {@link TiffSink} written plane by plane), so a stack need not fit in
	 * memory; so does NIfTI ({@link NiftiSource}, .nii or .nii.gz) to NIfTI
	 * ({@link NiftiSink}, the header resampled: the field of view keeps its
	 * world position) or to TIFF, and any input to a NIfTI output; other
	 * formats go through an ImagePlus.
	 *
	 * @return the output's description
	 */
	public VolumeInfo upscaleFile(final Path in, final Path out, final boolean overwrite,
		final Progress progress) throws IOException
	{
		return upscaleFile(in, out, new OmeZarrSink.Options().overwrite(overwrite), progress);
	}

	/**
	 * As {@link #upscaleFile(Path, Path, boolean, Progress)}, and OME-Zarr:
	 * an input read chunk by chunk ({@link OmeZarrSource}) to any output, any
	 * input to an OME-Zarr output written as {@code zarr} says (levels, Zarr
	 * version, compression, a part of a cluster array; overwriting).
	 */
	public VolumeInfo upscaleFile(final Path in, final Path out, final OmeZarrSink.Options zarr,
		final Progress progress) throws IOException
	{
		final boolean overwrite = zarr.overwrite();
		try {
			if (OmeZarr.isZarr(in) || OmeZarr.isZarr(out)) {
				final boolean fromZarr = OmeZarr.isZarr(in);
				try (OmeZarrSource z = fromZarr ? OmeZarrSource.open(in) : null) {
					final VolumeSource source = fromZarr ? z : NiftiSource.isNifti(in) ? NiftiSource.open(in) : TiffSource
						.isTiff(in) ? TiffSource.open(in) : new ImagePlusSource(ImageFiles.open(in));
					try {
						if (OmeZarr.isZarr(out)) return upscaleToZarr(source, in, out, zarr, progress);
						if (NiftiSource.isNifti(out)) return upscaleToNifti(source, null, out, overwrite, progress);
						if (TiffSource.isTiff(out)) return upscaleToTiff(source, out, overwrite, progress);
						throw new IllegalArgumentException("cannot write " + out +
							" from an OME-Zarr: name a .zarr, .tif or .nii output");
					}
					finally {
						if (source instanceof NiftiSource) ((NiftiSource) source).close();
					}
				}
			}
			if (NiftiSource.isNifti(in)) try (NiftiSource source = NiftiSource.open(in)) {
				if (TiffSource.isTiff(out)) return upscaleToTiff(source, out, overwrite, progress);
				return upscaleToNifti(source, source.header(), out, overwrite, progress);
			}
			if (NiftiSource.isNifti(out)) return upscaleToNifti(TiffSource.isTiff(in) ? TiffSource.open(in)
				: new ImagePlusSource(ImageFiles.open(in)), null, out, overwrite, progress);
		}
		catch (final UncheckedIOException e) {
			throw e.getCause(); // a slice that could not be read: the file's own message
		}
		// Any input into a TIFF streams; a PNG, JPEG or BMP output is written by ImageJ from an image in memory.
		if (TiffSource.isTiff(out)) return upscaleToTiff(TiffSource.isTiff(in) ? TiffSource.open(in)
			: new ImagePlusSource(ImageFiles.open(in)), out, overwrite, progress);
		final ImagePlus result = upscale(ImageFiles.open(in), ImageFiles.copiesWhenSaved(out), progress);
		ImageFiles.save(result, out, overwrite);
		return ImagePlusSource.info(result);
	}

	/**
	 * Any source to a TIFF written plane by plane ({@link TiffSink}), e.g. a
	 * virtual stack that must stay out of memory.
	 *
	 * @return the output's description
	 */
	public VolumeInfo upscaleToTiff(final VolumeSource source, final Path out, final boolean overwrite,
		final Progress progress) throws IOException
	{
		final VolumeInfo info = upscaled(source);
		try (TiffSink sink = TiffSink.create(out, info, overwrite)) {
			upscale(source, sink, progress);
		}
		return info;
	}

	/**
	 * Any source to an OME-Zarr written chunk by chunk ({@link OmeZarrSink});
	 * for a part of a cluster array, only its share of the z chunks, into the
	 * output the parts share, skipped at once when that is complete.
	 *
	 * @param in the input's path, which (with the method) a part's settings name
	 * @return the output's description
	 */
	public VolumeInfo upscaleToZarr(final VolumeSource source, final Path in, final Path out,
		final OmeZarrSink.Options zarr, final Progress progress) throws IOException
	{
		final VolumeInfo info = upscaled(source);
		if (zarr.isPart() && OmeZarrSink.complete(out) && !zarr.overwrite()) {
			progress.log(out + " is complete already: part " + zarr.part() + "/" + zarr.parts() + " skipped");
			return info;
		}
		if (zarr.isPart()) zarr.key("input " + in.toAbsolutePath().normalize() + ", " + engine.describe() + (float32
			? ", float32" : ""));
		try (OmeZarrSink sink = OmeZarrSink.create(out, info, zarr)) {
			upscale(source, sink, progress);
			if (zarr.isPart()) progress.log("part " + zarr.part() + "/" + zarr.parts() + " of " + out + " done" + (sink
				.completed() ? "; the last one: " + out + " is complete" : ""));
		}
		return info;
	}

	/**
	 * For callers that cut their own planes from a volume (the through-plane
	 * sections of {@code org.deepsr.volume}): checks the source as
	 * {@link #upscale(VolumeSource, VolumeSink, Progress)} does and takes its
	 * whole-volume statistics once; then {@link #upscalePlane} for each plane.
	 */
	public void begin(final VolumeSource source) {
		requireFinite(source);
		engine.begin(source, allChannels(source.info()));
	}

	/**
	 * One grey plane of channel 0 (a single-channel volume), see {@link #upscalePlane(RandomAccessibleInterval,
	 * long, Progress)}.
	 */
	public float[] upscalePlane(final RandomAccessibleInterval<FloatType> plane, final Progress progress) {
		return upscalePlane(plane, 0, progress);
	}

	/**
	 * One grey plane (no colour channel of an RGB image) of channel
	 * {@code channel} upscaled by {@link #scale()} along both axes, after
	 * {@link #begin}, with that channel's statistics (and model, when each
	 * channel has its own).
	 *
	 * @param plane dims (width, height), in image units; read-only
	 * @return row-major {@code (scale*width) x (scale*height)}, in image units, not rounded; a new array
	 */
	public float[] upscalePlane(final RandomAccessibleInterval<FloatType> plane, final long channel,
		final Progress progress)
	{
		requireSize(plane.dimension(0), plane.dimension(1), "the plane");
		return fitted(List.of(plane), false, "the plane", progress, () -> engine.upscale(channel, List.of(plane), false, progress))[0];
	}

	/**
	 * Fits the engine's tiles to the free heap before the first plane, or
	 * refuses in one line what cannot fit.
	 *
	 * @param held bytes the output holds besides the engine's work (every plane of an in-memory image)
	 * @param inMemory whether the output is an image in memory, which a file would spare
	 */
	private void fit(final VolumeInfo in, final long held, final boolean inMemory, final Progress progress) {
		final long w = in.width(), h = in.height();
		final int group = in.rgb() ? Math.toIntExact(in.channels()) : 1;
		long need = held + engine.planeBytes(w, h, group, in.rgb());
		long free = Memory.free();
		if (need <= free) return;
		System.gc(); // what is used may be garbage: count only what lives
		free = Memory.free();
		int tile = 0;
		for (int smaller; need > free && (smaller = engine.shrinkTiles(w, h)) > 0;) {
			tile = smaller;
			need = held + engine.planeBytes(w, h, group, in.rgb());
		}
		if (need > free) throw new IllegalStateException(Memory.tooLarge(in.title(), need, free, inMemory ? engine
			.planeBytes(w, h, group, in.rgb()) : -1));
		if (tile > 0) progress.log("tiles of " + tile + " pixels fit the " + Memory.gib(free) + " of free heap");
	}

	/**
	 * One plane position's work through the engine; out of memory (the Java
	 * heap, or TensorFlow's native memory in the network), once more with
	 * tiles of half the side, then a one-line refusal.
	 *
	 * @param planes the planes of the (first) position, for their size
	 */
	private <T> T fitted(final List<RandomAccessibleInterval<FloatType>> planes, final boolean rgb,
		final String title, final Progress progress, final Supplier<T> work)
	{
		try {
			return work.get();
		}
		catch (final OutOfMemoryError | NativeOutOfMemoryException e) {
			final long w = planes.get(0).dimension(0), h = planes.get(0).dimension(1);
			final int tile = engine.shrinkTiles(w, h);
			final boolean heap = e instanceof OutOfMemoryError;
			if (tile > 0) try {
				progress.warn("out of " + (heap ? "memory" : "native memory in TensorFlow") + ": upscaling '" + title +
					"' again with tiles of " + tile + " pixels");
				return work.get();
			}
			catch (final OutOfMemoryError again) {
				if (!heap) throw again;
			}
			catch (final NativeOutOfMemoryException again) {
				if (heap) throw again;
			}
			if (heap) throw new IllegalStateException(Memory.outOfMemory(title, engine.planeBytes(w, h, planes.size(),
				rgb), tile));
			throw new IllegalStateException(Memory.outOfNativeMemory(title, tile, e.getMessage()));
		}
	}

	private void requireSize(final long w, final long h, final String what) {
		final int min = engine.minSize();
		if (w < min || h < min) throw new IllegalArgumentException(what + " is " + w + "x" + h +
			" pixels, but " + engine.describe() + " needs at least " + min + "x" + min +
			": use a larger image or a classical method");
	}

	/** Any source to a NIfTI file written slice by slice, with {@code header} (null: none) resampled. */
	private VolumeInfo upscaleToNifti(final VolumeSource source, final NiftiHeader header, final Path out,
		final boolean overwrite, final Progress progress) throws IOException
	{
		final VolumeInfo info = upscaled(source);
		try (NiftiSink sink = NiftiSink.create(out, info, header, float32, overwrite)) {
			upscale(source, sink, progress);
		}
		return info;
	}

	private VolumeInfo upscaled(final VolumeSource source) {
		return source.info().upscaled(engine.scale(), float32, OutputImage.defaultTitle(source.info().title(),
			engine.scale()));
	}

	/** NaN or infinite pixels would spread through any filter or network: name them instead. */
	private static void requireFinite(final VolumeSource source) {
		final VolumeInfo info = source.info();
		if (info.type() != PixelType.FLOAT32) return;
		long bad = 0;
		for (long t = 0; t < info.frames(); t++)
			for (long z = 0; z < info.slices(); z++)
				for (long c = 0; c < info.channels(); c++)
					for (final FloatType v : source.plane(c, z, t))
						if (!Float.isFinite(v.get())) bad++;
		if (bad > 0) throw new IllegalArgumentException("image '" + info.title() + "' has " + bad +
			" NaN or infinite pixels, which would spread into their neighbours: replace them first, e.g. with " +
			"Process > Noise > Remove NaNs...");
	}

	/** Progress of a batch of {@code count} planes' tiles, as a share of the whole image's. */
	private static Progress unitProgress(final Progress whole, final long unit, final long count,
		final long units) {
		return new Progress() {

			@Override
			public void progress(final long done, final long total) {
				whole.progress(unit * total + done * count, units * total);
			}

			@Override
			public boolean cancelled() {
				return whole.cancelled();
			}

			// what a plane's work says (a retry after an out-of-memory) reaches the user too
			@Override
			public void log(final String message) {
				whole.log(message);
			}

			@Override
			public void warn(final String message) {
				whole.warn(message);
			}
		};
	}

	@Override
	public void close() {
		engine.close();
	}
}
