package org.deepsr.upscale;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.deepsr.progress.Progress;

/**
 * One engine per channel of a grey multi-channel image (a model per stain,
 * or a model for one and interpolation for another), seen as one engine: each
 * engine takes the statistics of its own channels and upscales only them.
 * The engines share one scale (checked when they are opened, see
 * {@link Upscaler#open}); an engine named for several channels is one engine.
 */
final class ChannelEngines implements Engine {

	/** The engine of each channel, in channel order; the same object for channels that share a method. */
	private final List<Engine> engines;
	private final List<String> names;

	/**
	 * @param engines one per channel (equal objects are one engine)
	 * @param names the method of each channel, for messages
	 */
	ChannelEngines(final List<Engine> engines, final List<String> names) {
		this.engines = List.copyOf(engines);
		this.names = List.copyOf(names);
		for (final Engine e : engines)
			if (e.scale() != engines.get(0).scale()) throw new IllegalArgumentException(
				"per-channel methods must share one scale: " + describe());
	}

	/** The distinct engines, in the order their first channel comes. */
	private List<Engine> distinct() {
		final Map<Engine, Boolean> seen = new IdentityHashMap<>();
		final List<Engine> out = new ArrayList<>();
		for (final Engine e : engines)
			if (seen.put(e, Boolean.TRUE) == null) out.add(e);
		return out;
	}

	@Override
	public int scale() {
		return engines.get(0).scale();
	}

	@Override
	public String describe() {
		final StringBuilder b = new StringBuilder();
		for (int c = 0; c < engines.size(); c++)
			b.append(c > 0 ? ", " : "").append("C").append(c + 1).append(": ").append(engines.get(c).describe());
		return b.toString();
	}

	@Override
	public String device() {
		final Map<String, Boolean> devices = new LinkedHashMap<>();
		for (final Engine e : distinct())
			devices.put(e.device(), Boolean.TRUE);
		return String.join(", ", devices.keySet());
	}

	@Override
	public int minSize() {
		int min = 1;
		for (final Engine e : engines)
			min = Math.max(min, e.minSize());
		return min;
	}

	@Override
	public long planeBytes(final long width, final long height, final int channels, final boolean rgb) {
		long most = 0;
		for (final Engine e : distinct())
			most = Math.max(most, e.planeBytes(width, height, channels, rgb));
		return most;
	}

	@Override
	public int shrinkTiles(final long width, final long height) {
		int side = 0;
		for (final Engine e : distinct())
			side = Math.max(side, e.shrinkTiles(width, height));
		return side;
	}

	/**
	 * @throws IllegalArgumentException when the image is RGB, or its channels are not as many as the methods
	 */
	@Override
	public void begin(final VolumeSource source, final long[] channels) {
		final VolumeInfo info = source.info();
		if (info.rgb()) throw new IllegalArgumentException("per-channel models need a grey multi-channel image, " +
			"but '" + info.title() + "' is RGB: give one model, or split its colours (Image > Color > Split " +
			"Channels)");
		if (info.channels() != engines.size()) throw new IllegalArgumentException("'" + info.title() + "' has " +
			info.channels() + " channel(s), but " + engines.size() + " per-channel models were given (" + String.join(
				",", names) + "): give one per channel, or one model for all");
		for (final Engine e : distinct()) {
			final List<Long> own = new ArrayList<>();
			for (final long c : channels)
				if (engines.get((int) c) == e) own.add(c);
			if (!own.isEmpty()) e.begin(source, own.stream().mapToLong(Long::longValue).toArray());
		}
	}

	@Override
	public List<String> warnings() {
		final List<String> all = new ArrayList<>();
		for (final Engine e : distinct())
			all.addAll(e.warnings());
		return all;
	}

	@Override
	public float[][] upscale(final long channel, final List<RandomAccessibleInterval<FloatType>> channels,
		final boolean rgb, final Progress progress)
	{
		if (channels.size() != 1) throw new IllegalArgumentException("per-channel engines take one channel at a time");
		return engines.get((int) channel).upscale(channel, channels, rgb, progress);
	}

	@Override
	public List<RandomAccessibleInterval<FloatType>> upscaleStreamed(final long channel,
		final List<RandomAccessibleInterval<FloatType>> channels, final boolean rgb, final Progress progress)
	{
		if (channels.size() != 1) throw new IllegalArgumentException("per-channel engines take one channel at a time");
		return engines.get((int) channel).upscaleStreamed(channel, channels, rgb, progress);
	}

	@Override
	public int planesPerCall(final long width, final long height, final boolean rgb) {
		int most = 1;
		for (final Engine e : distinct())
			most = Math.max(most, e.planesPerCall(width, height, rgb));
		return most;
	}

	/** The positions split by engine, each engine's in one call, the results put back in order. */
	@Override
	public List<float[][]> upscaleAll(final long[] channels,
		final List<List<RandomAccessibleInterval<FloatType>>> positions, final boolean rgb,
		final Progress progress)
	{
		final float[][][] out = new float[positions.size()][][];
		for (final Engine e : distinct()) {
			final List<Integer> mine = new ArrayList<>();
			for (int i = 0; i < positions.size(); i++)
				if (engines.get((int) channels[i]) == e) mine.add(i);
			if (mine.isEmpty()) continue;
			final long[] cs = new long[mine.size()];
			final List<List<RandomAccessibleInterval<FloatType>>> ps = new ArrayList<>();
			for (int k = 0; k < cs.length; k++) {
				cs[k] = channels[mine.get(k)];
				ps.add(positions.get(mine.get(k)));
			}
			final List<float[][]> results = e.upscaleAll(cs, ps, rgb, progress);
			for (int k = 0; k < cs.length; k++)
				out[mine.get(k)] = results.get(k);
		}
		return List.of(out);
	}

	@Override
	public void close() {
		RuntimeException failure = null;
		for (final Engine e : distinct())
			try {
				e.close();
			}
			catch (final RuntimeException x) {
				if (failure == null) failure = x;
			}
		if (failure != null) throw failure;
	}
}
