package org.deepsr.tile;

/**
 * A network as the tiler sees it: one input tile in, one upscaled output tile
 * out. Implementations may keep native state (a TensorFlow session) and are
 * called from one thread at a time.
 */
@FunctionalInterface
public interface TileFunction {

	/**
	 * @param input row-major {@code [height][width][inChannels]} floats, in the
	 *          network's value range
	 * @return row-major {@code [scale*height][scale*width][outChannels]} floats
	 */
	float[] apply(float[] input, int height, int width);
}
