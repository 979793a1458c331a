package org.deepsr.upscale;

import ij.ImagePlus;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.img.basictypeaccess.array.FloatArray;

import org.deepsr.image.ImagePlanes;
import org.deepsr.image.YCbCr;
import org.deepsr.model.LoadedModel;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.normalise.Normaliser;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.Resampler;
import org.deepsr.tile.TilePlan;
import org.deepsr.tile.Tiler;

/**
 * Upscaling with a trained network: colour handling per the model's channel
 * mode, normalisation from whole-image statistics, then tiled inference.
 */
final class ModelEngine implements Engine {

	/**
	 * Memory one tile may take when the user leaves the tile size automatic:
	 * about 256x256-pixel tiles, which ran fastest on the CPU (ESPCN x3, 1024x1024
	 * input: 22.7 MP/s of output with 256 tiles, 18.6 with 512, 7.2 with one
	 * 1024 tile; `deepsr speed --tile N`). Larger tiles may pay on a GPU: give
	 * the tile size there.
	 */
	static final long TILE_BUDGET_BYTES = 64L << 20;

	private final LoadedModel model;
	private final String name;
	private final int tileSize;
	private Normaliser normaliser;

	/**
	 * @param tileSize interior tile size in input pixels, 0 for automatic
	 */
	ModelEngine(final LoadedModel model, final String name, final int tileSize) {
		this.model = model;
		this.name = name;
		this.tileSize = tileSize;
	}

	@Override
	public int scale() {
		return model.scale();
	}

	@Override
	public String describe() {
		final ModelDescriptor d = model.descriptor();
		return "model " + name + " (" + d.architecture + ", x" + model.scale() + ", " + d.channels.mode + ")";
	}

	@Override
	public String device() {
		return model.device();
	}

	@Override
	public int minSize() {
		return Math.max(1, model.minSize());
	}

	@Override
	public void begin(final ImagePlus image) {
		final ModelDescriptor d = model.descriptor();
		normaliser = Normaliser.of(d.normalisation.mode, d.normalisation.low, d.normalisation.high,
			image.getBitDepth() == 8 || image.getBitDepth() == 24, ImagePlanes.all(image), d.valueRange);
		if (image.getBitDepth() != 24 && "rgb".equals(d.channels.mode)) throw new IllegalArgumentException(
			"model " + name + " needs an RGB image, but '" + image.getTitle() + "' is " +
				image.getBitDepth() + "-bit: convert it with Image > Type > RGB Color");
	}

	@Override
	public float[][] upscale(final float[][] channels, final int width, final int height,
		final boolean rgb, final Progress progress)
	{
		final String mode = model.descriptor().channels.mode;
		if (rgb && "y".equals(mode)) return upscaleLuma(channels, width, height, progress);
		if ("rgb".equals(mode)) return run(channels, width, height, progress);
		final float[][] out = new float[channels.length][];
		for (int c = 0; c < channels.length; c++)
			out[c] = run(new float[][] { channels[c] }, width, height, progress)[0];
		return out;
	}

	/** Y through the network, chroma upsampled bicubically, as the OpenCV and SRCNN-family models expect. */
	private float[][] upscaleLuma(final float[][] rgb, final int width, final int height,
		final Progress progress)
	{
		final boolean studio = "studio".equals(model.descriptor().channels.ycbcr);
		final int n = width * height;
		final float[] y = new float[n], cb = new float[n], cr = new float[n];
		for (int i = 0; i < n; i++) {
			final double[] v = studio ? YCbCr.studioForward(rgb[0][i], rgb[1][i], rgb[2][i])
				: YCbCr.fullForward(rgb[0][i], rgb[1][i], rgb[2][i]);
			y[i] = (float) v[0];
			cb[i] = (float) v[1];
			cr[i] = (float) v[2];
		}
		final float[] yUp = run(new float[][] { y }, width, height, progress, Normaliser.eightBit(model
			.descriptor().valueRange))[0];
		final float[] cbUp = bicubic(cb, width, height), crUp = bicubic(cr, width, height);
		final float[][] out = new float[3][yUp.length];
		for (int i = 0; i < yUp.length; i++) {
			final double[] v = studio ? YCbCr.studioInverse(yUp[i], cbUp[i], crUp[i])
				: YCbCr.fullInverse(yUp[i], cbUp[i], crUp[i]);
			out[0][i] = (float) v[0];
			out[1][i] = (float) v[1];
			out[2][i] = (float) v[2];
		}
		return out;
	}

	private float[] bicubic(final float[] plane, final int width, final int height) {
		return Resampler.upscale(ArrayImgs.floats(plane, width, height), model.scale(),
			Interpolation.BICUBIC).update(null).getCurrentStorageArray();
	}

	private float[][] run(final float[][] channels, final int width, final int height,
		final Progress progress)
	{
		return run(channels, width, height, progress, normaliser);
	}

	/** Normalise, tile through the network, denormalise: channels in, channels out. */
	private float[][] run(final float[][] channels, final int width, final int height,
		final Progress progress, final Normaliser norm)
	{
		final int c = channels.length, n = width * height;
		final float[] planar = new float[c * n];
		for (int k = 0; k < c; k++)
			System.arraycopy(channels[k], 0, planar, k * n, n);
		norm.forward(planar);
		final ArrayImg<FloatType, FloatArray> input = ArrayImgs.floats(planar, width, height, c);
		final TilePlan plan = tileSize > 0 ? TilePlan.of(width, height, tileSize, model.step(), model.halo())
			: TilePlan.forMemory(width, height, TILE_BUDGET_BYTES, TilePlan.DEFAULT_BYTES_PER_INPUT_PIXEL,
				model.step(), model.halo());
		final TilePlan.Border border = "network".equals(model.descriptor().input.border)
			? TilePlan.Border.NETWORK : TilePlan.Border.MIRROR;
		final float[] out = Tiler.run(input, model.tileFunction(), plan.withBorder(border), model.scale(),
			model.outChannels(), progress).update(null).getCurrentStorageArray();
		norm.inverse(out);
		if (model.outChannels() == 1) return new float[][] { out };
		final int m = out.length / model.outChannels();
		final float[][] result = new float[model.outChannels()][m];
		for (int k = 0; k < result.length; k++)
			System.arraycopy(out, k * m, result[k], 0, m);
		return result;
	}

	@Override
	public void close() {
		model.close();
	}
}
