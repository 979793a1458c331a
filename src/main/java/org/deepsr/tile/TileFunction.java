package org.deepsr.tile;

/**
 * A network as the tiler sees it: one input tile in, one upscaled output tile
 * out, or several tiles of one shape at once. Implementations may keep native
 * state (a TensorFlow session) and are called from one thread at a time.
 */
@FunctionalInterface
public interface TileFunction {

	/**
	 * @param input row-major {@code [height][width][inChannels]} floats, in the
	 *          network's value range
	 * @return row-major {@code [scale*height][scale*width][outChannels]} floats
	 */
	float[] apply(float[] input, int height, int width);

	/**
	 * Several tiles of one shape, e.g. in one call of a network with a batch
	 * dimension; each result must equal {@link #apply} of its tile. This
	 * default runs them one by one.
	 *
	 * @param inputs each as for {@link #apply}
	 * @return one output per input, in order
	 */
	default float[][] applyAll(final float[][] inputs, final int height, final int width) {
		final float[][] out = new float[inputs.length][];
		for (int i = 0; i < inputs.length; i++)
			out[i] = apply(inputs[i], height, width);
		return out;
	}
}
