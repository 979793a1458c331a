package org.deepsr.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.TemporaryModelCache;
import org.deepsr.progress.Progress;
import org.deepsr.train.ChannelMode;
import org.deepsr.train.DatasetSpec;
import org.deepsr.train.ImagePair;
import org.deepsr.train.Normalisation;
import org.deepsr.train.TrainingData;
import org.deepsr.upscale.TinyBundle;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training and inference normalise the same stack with the same numbers. The
 * stack (two 16-bit slices of 1100 x 1000, 2.2 million values) is larger than
 * any sample of it: even columns are dim and odd columns bright, and the
 * second slice is twice as bright as the first, so statistics from a strided
 * subsample, or per slice, are far off. Training's HR samples reveal the
 * training percentiles; an identity network that clips to [0,1] reveals the
 * inference percentiles as its output's minimum and maximum. Reference: all
 * values sorted, numpy's formula. The same holds for 8-bit data.
 */
@ExtendWith(TemporaryModelCache.class)
class TrainingMatchesInferenceTest {

	private static final int W = 1100, H = 1000;

	@TempDir
	static Path dir;

	@Test
	void percentileNormalisationIsTheSameInTrainingAndInference() throws IOException {
		final Random random = new Random(11);
		final ImageStack stack = new ImageStack(W, H);
		for (int z = 0; z < 2; z++) {
			final short[] px = new short[W * H];
			for (int i = 0; i < px.length; i++) {
				final double mean = (i % 2 == 0 ? 200 : 3000) * (z + 1);
				px[i] = (short) Math.max(0, Math.min(65535, Math.round(mean + Math.sqrt(mean) * random.nextGaussian())));
			}
			stack.addSlice(new ShortProcessor(W, H, px, null));
		}
		assertSameNormalisation(stack, "stack16");
	}

	/** 8-bit data too: a percentile model sees percentiles, not / 255, in training as at inference. */
	@Test
	void eightBitDataArePercentileNormalisedAlike() throws IOException {
		final Random random = new Random(12);
		final ImageStack stack = new ImageStack(64, 48);
		for (int z = 0; z < 2; z++) {
			final byte[] px = new byte[64 * 48];
			for (int i = 0; i < px.length; i++)
				px[i] = (byte) (10 + 20 * z + random.nextInt(40));
			stack.addSlice(new ByteProcessor(64, 48, px));
		}
		assertSameNormalisation(stack, "stack8");
	}

	private static void assertSameNormalisation(final ImageStack stack, final String name) throws IOException {
		final int n = stack.getWidth() * stack.getHeight();
		final float[] all = new float[2 * n];
		for (int z = 0; z < 2; z++)
			for (int i = 0; i < n; i++)
				all[z * n + i] = stack.getProcessor(z + 1).getf(i);
		final Path folder = Files.createDirectories(dir.resolve(name));
		new FileSaver(new ImagePlus(name, stack)).saveAsTiffStack(folder.resolve(name + ".tif").toString());
		Arrays.sort(all);
		final double low = PercentilesTest.sortedPercentile(all, Normalisation.LOW_PERCENT);
		final double high = PercentilesTest.sortedPercentile(all, Normalisation.HIGH_PERCENT);

		// inference: the clipped identity's output spans exactly the percentiles the normaliser took
		final ModelDescriptor d = TinyBundle.descriptor("clip-" + name, 2, "grey");
		d.normalisation.mode = Normalisation.PERCENTILE.descriptorMode();
		d.normalisation.low = Normalisation.LOW_PERCENT;
		d.normalisation.high = Normalisation.HIGH_PERCENT;
		d.clipOutput = true;
		final MinMax inference;
		try (Upscaler up = TinyBundle.open(TinyBundle.bundle(dir, d, new double[][] { { 1 } }), dir, true)) {
			final ImagePlus out = up.upscale(new ImagePlus(name, stack), Progress.NONE);
			inference = MinMax.of(() -> Arrays.asList((float[]) out.getStack().getPixels(1), (float[]) out.getStack()
				.getPixels(2)).iterator());
		}
		assertEquals(low, inference.min, 1e-6 * (high - low), "inference low percentile");
		assertEquals(high, inference.max, 1e-6 * (high - low), "inference high percentile");

		// training: every HR sample is (v - low) / (high - low)
		final TrainingData data = TrainingData.load(new DatasetSpec().hr(folder).scale(2).channels(ChannelMode.GREY)
			.normalisation(Normalisation.PERCENTILE).patchSize(8), Progress.NONE);
		final List<ImagePair> pairs = data.training();
		assertEquals(2, pairs.size());
		for (int z = 0; z < 2; z++) {
			final float[] hr = pairs.get(z).hr().data();
			for (int i = 0; i < hr.length; i++)
				assertEquals((stack.getProcessor(z + 1).getf(i) - inference.min) / (inference.max - inference.min), hr[i],
					1e-5, name + " slice " + z + " pixel " + i);
		}
	}
}
