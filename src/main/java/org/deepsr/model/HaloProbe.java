package org.deepsr.model;

import java.util.Random;

import org.deepsr.backend.Network;
import org.deepsr.backend.NetworkOutput;

/**
 * Measures a network's receptive-field radius from its impulse response:
 * change one input pixel of a random image and find how far from it the
 * output changes. Random backgrounds (two seeds) keep ReLUs from hiding part
 * of the field, as a zero background could.
 */
final class HaloProbe {

	/** Images larger than this mean the network sees the whole image (global ops). */
	static final int MAX_SIZE = 1024;

	private HaloProbe() {}

	/**
	 * @return the largest distance, in input pixels (Chebyshev), from the
	 *         changed pixel to an input pixel whose output block changed
	 * @throws IllegalStateException when the response reaches the border of a
	 *           {@value #MAX_SIZE}-pixel image
	 */
	static int radius(final Network network, final ModelDescriptor d) {
		int radius = 0;
		for (final long seed : new long[] { 1, 2 }) {
			radius = Math.max(radius, radius(network, d, seed));
		}
		return radius;
	}

	private static int radius(final Network network, final ModelDescriptor d, final long seed) {
		final int channels = d.input.channels, scale = d.scale;
		final double lo = d.valueRange[0], hi = d.valueRange[1];
		// Differences below this are floating-point noise, not signal.
		final double noise = 1e-6 * (hi - lo);
		for (int n = roundUp(Math.max(d.input.minSize, 33), d.input.step); n <= MAX_SIZE; n = roundUp(2 * n,
			d.input.step))
		{
			final Random random = new Random(seed);
			final float[] base = new float[n * n * channels];
			for (int i = 0; i < base.length; i++) base[i] = (float) (lo + (hi - lo) * random.nextDouble());
			final float[] impulse = base.clone();
			final int centre = n / 2;
			for (int c = 0; c < channels; c++) {
				final int i = (centre * n + centre) * channels + c;
				impulse[i] = base[i] > (lo + hi) / 2 ? (float) lo : (float) hi;
			}
			final NetworkOutput a = network.run(base, n, n, channels);
			final NetworkOutput b = network.run(impulse, n, n, channels);
			int radius = 0;
			boolean border = false;
			for (int y = 0; y < a.height(); y++) for (int x = 0; x < a.width(); x++) {
				for (int c = 0; c < a.channels(); c++) {
					final int i = (y * a.width() + x) * a.channels() + c;
					if (!(Math.abs(a.data()[i] - b.data()[i]) <= noise)) {
						radius = Math.max(radius, Math.max(Math.abs(y / scale - centre), Math.abs(x / scale - centre)));
						border |= y == 0 || x == 0 || y == a.height() - 1 || x == a.width() - 1;
					}
				}
			}
			if (!border) return radius;
		}
		throw new IllegalStateException("the network's receptive field reaches across a " + MAX_SIZE + "x" +
			MAX_SIZE + " image (global operations?), so no halo can be measured: give the halo in the metadata");
	}

	static int roundUp(final int value, final int step) {
		return (value + step - 1) / step * step;
	}
}
