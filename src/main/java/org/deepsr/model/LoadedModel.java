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
		return new TileFunction() {

			@Override
			public float[] apply(final float[] input, final int height, final int width) {
				return run(input, 1, height, width);
			}

			/**
			 * The tiles as one batch, one TensorFlow call; when the graph refuses
			 * a batch (a fixed batch dimension, a reshape to one image), one by
			 * one from then on.
			 */
			@Override
			public float[][] applyAll(final float[][] inputs, final int height, final int width) {
				if (inputs.length == 1 || !batches) return TileFunction.super.applyAll(inputs, height, width);
				final int n = inputs[0].length;
				final float[] batch = new float[inputs.length * n];
				for (int b = 0; b < inputs.length; b++)
					System.arraycopy(inputs[b], 0, batch, b * n, n);
				final float[] data;
				try {
					data = run(batch, inputs.length, height, width);
				}
				catch (final IllegalStateException | IllegalArgumentException e) {
					batches = false;
					return TileFunction.super.applyAll(inputs, height, width);
				}
				final int m = data.length / inputs.length;
				final float[][] out = new float[inputs.length][];
				for (int b = 0; b < inputs.length; b++)
					out[b] = java.util.Arrays.copyOfRange(data, b * m, (b + 1) * m);
				if (!checked) {
					// once: the last tile of the batch alone must give what the batch gave it (a graph
					// that mixes the images of a batch, or folded a batch of one into its shapes, does not)
					checked = true;
					if (!same(out[out.length - 1], apply(inputs[inputs.length - 1], height, width))) {
						batches = false;
						return TileFunction.super.applyAll(inputs, height, width);
					}
				}
				return out;
			}
		};
	}

	/** Whether several tiles may go through the network in one call (until the graph refused a batch). */
	public boolean batches() {
		return batches;
	}

	private volatile boolean batches = true, checked;

	/** Equal to float rounding: 1e-6 of the value range (the batched and single kernels may sum in another order). */
	private boolean same(final float[] a, final float[] b) {
		final double tolerance = 1e-6 * (descriptor.valueRange[1] - descriptor.valueRange[0]);
		if (a.length != b.length) return false;
		for (int i = 0; i < a.length; i++)
			if (!(Math.abs(a[i] - b[i]) <= tolerance)) return false;
		return true;
	}

	private float[] run(final float[] input, final int batch, final int height, final int width) {
		final int scale = scale(), in = inChannels(), out = outChannels();
		final NetworkOutput result = lease.network().run(input, batch, height, width, in);
		if (result.height() != scale * height || result.width() != scale * width || result.channels() != out) {
			throw new IllegalStateException("model " + descriptor.name + " turned a " + height + "x" + width +
				" tile into " + result.height() + "x" + result.width() + "x" + result.channels() + ", expected " +
				scale * height + "x" + scale * width + "x" + out);
		}
		final float[] data = result.data();
		if (descriptor.clipOutput) {
			final float lo = (float) descriptor.valueRange[0], hi = (float) descriptor.valueRange[1];
			for (int i = 0; i < data.length; i++) data[i] = Math.min(hi, Math.max(lo, data[i]));
		}
		return data;
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
