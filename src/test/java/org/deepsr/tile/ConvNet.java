package org.deepsr.tile;

import java.util.Random;

/**
 * A small network written out in Java with a known receptive field: two 5x5
 * convolutions (zero "same" padding, tanh between) followed by a pixel
 * shuffle (depth-to-space, as TensorFlow's DepthToSpace in NHWC) or by
 * nearest-neighbour upsampling. Receptive-field radius: 2 + 2 = 4 input
 * pixels. Zero padding makes the output near a tile edge differ from the
 * untiled one, so seams appear when the halo is smaller than 4.
 */
final class ConvNet implements TileFunction {

	static final int RADIUS = 4;
	private static final int K = 5, HIDDEN = 4;

	private final int inC, outC, scale, step;
	private final boolean shuffle;
	private final float[] w1, w2, b1, b2;

	/**
	 * @param step input tiles must be a multiple of this (checked, as a network with pooling would)
	 * @param shuffle pixel shuffle if true, nearest-neighbour upsampling otherwise
	 */
	ConvNet(final int inC, final int outC, final int scale, final int step, final boolean shuffle,
		final long seed)
	{
		this.inC = inC;
		this.outC = outC;
		this.scale = scale;
		this.step = step;
		this.shuffle = shuffle;
		final Random random = new Random(seed);
		final int mid = shuffle ? outC * scale * scale : outC;
		w1 = weights(random, K * K * inC * HIDDEN);
		b1 = weights(random, HIDDEN);
		w2 = weights(random, K * K * HIDDEN * mid);
		b2 = weights(random, mid);
	}

	private static float[] weights(final Random random, final int n) {
		final float[] w = new float[n];
		for (int i = 0; i < n; i++)
			w[i] = (float) (random.nextGaussian() * 0.3);
		return w;
	}

	@Override
	public float[] apply(final float[] input, final int height, final int width) {
		if (height % step != 0 || width % step != 0) throw new IllegalArgumentException("Tile " +
			width + "x" + height + " is not a multiple of step " + step);
		final float[] hidden = conv(input, height, width, inC, w1, b1, HIDDEN);
		for (int i = 0; i < hidden.length; i++)
			hidden[i] = (float) Math.tanh(hidden[i]);
		final int mid = b2.length;
		final float[] low = conv(hidden, height, width, HIDDEN, w2, b2, mid);
		final int sw = scale * width;
		final float[] out = new float[scale * height * sw * outC];
		for (int y = 0; y < scale * height; y++)
			for (int x = 0; x < sw; x++)
				for (int c = 0; c < outC; c++) {
					final int base = ((y / scale) * width + x / scale) * mid;
					// DepthToSpace: channel (dy * scale + dx) * outC + c of the low-resolution pixel.
					final int channel = shuffle ? ((y % scale) * scale + x % scale) * outC + c : c;
					out[(y * sw + x) * outC + c] = low[base + channel];
				}
		return out;
	}

	/** 'same' convolution with zero padding; weights [ky][kx][in][out], data [h][w][c]. */
	private static float[] conv(final float[] in, final int h, final int w, final int cin,
		final float[] weights, final float[] bias, final int cout)
	{
		final float[] out = new float[h * w * cout];
		final int r = K / 2;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int o = 0; o < cout; o++) {
					double sum = bias[o];
					for (int ky = 0; ky < K; ky++) {
						final int yy = y + ky - r;
						if (yy < 0 || yy >= h) continue;
						for (int kx = 0; kx < K; kx++) {
							final int xx = x + kx - r;
							if (xx < 0 || xx >= w) continue;
							for (int i = 0; i < cin; i++)
								sum += in[(yy * w + xx) * cin + i] * weights[((ky * K + kx) * cin + i) * cout + o];
						}
					}
					out[(y * w + x) * cout + o] = (float) sum;
				}
		return out;
	}
}
