package org.deepsr.tile;

/**
 * A 3-D network as the tiler sees it: one input block in, one output block
 * out, upscaled in x and y and kept in z. Called from one thread at a time.
 */
@FunctionalInterface
public interface BlockFunction {

	/**
	 * @param input row-major {@code [depth][height][width][inChannels]} floats
	 * @return row-major {@code [depth][scale*height][scale*width][outChannels]} floats
	 */
	float[] apply(float[] input, int depth, int height, int width);
}
