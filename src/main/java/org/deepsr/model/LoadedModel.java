package org.deepsr.model;

import org.deepsr.backend.Network;
import org.deepsr.backend.NetworkCache;
import org.deepsr.backend.NetworkOutput;
import org.deepsr.tile.TileFunction;

/**
 * A model ready to run: its descriptor and a (possibly shared) network.
 * Closing it releases the network to the cache.
 */
public final class LoadedModel implements AutoCloseable {

	private final ModelDescriptor descriptor;
	private final NetworkCache.Lease lease;

	LoadedModel(final ModelDescriptor descriptor, final NetworkCache.Lease lease) {
		this.descriptor = descriptor;
		this.lease = lease;
	}

	/** The validated descriptor; do not modify it. */
	public ModelDescriptor descriptor() {
		return descriptor;
	}

	/** Upscaling factor, 2..8. */
	public int scale() {
		return descriptor.scale;
	}

	/** Context pixels per tile side, in input pixels, a multiple of {@link #step()}. */
	public int halo() {
		return descriptor.input.halo;
	}

	/** Input tile sides must be multiples of this. */
	public int step() {
		return descriptor.input.step;
	}

	/** Smallest input tile side. */
	public int minSize() {
		return descriptor.input.minSize;
	}

	public int inChannels() {
		return descriptor.input.channels;
	}

	public int outChannels() {
		return descriptor.output.channels;
	}

	/**
	 * Runs the network on one tile: input row-major {@code [h][w][inChannels]}
	 * in value_range, output row-major {@code [scale*h][scale*w][outChannels]}
	 * (NCHW networks are converted), clamped to value_range when the descriptor
	 * says clip_output.
	 */
	public TileFunction tileFunction() {
		final int scale = scale(), in = inChannels(), out = outChannels();
		final boolean clip = descriptor.clipOutput;
		final float lo = (float) descriptor.valueRange[0], hi = (float) descriptor.valueRange[1];
		return (input, height, width) -> {
			final NetworkOutput result = lease.network().run(input, height, width, in);
			if (result.height() != scale * height || result.width() != scale * width || result.channels() != out) {
				throw new IllegalStateException("model " + descriptor.name + " turned a " + height + "x" + width +
					" tile into " + result.height() + "x" + result.width() + "x" + result.channels() + ", expected " +
					scale * height + "x" + scale * width + "x" + out);
			}
			final float[] data = result.data();
			if (clip) for (int i = 0; i < data.length; i++) data[i] = Math.min(hi, Math.max(lo, data[i]));
			return data;
		};
	}

	/** The device actually used, e.g. "CPU (8 threads)" or "GPU 0 (/device:GPU:0, 79.1 GiB)". */
	public String device() {
		return lease.network().device();
	}

	/** The shared network (package-private: tests check sharing). */
	Network network() {
		return lease.network();
	}

	@Override
	public void close() {
		lease.close();
	}
}
