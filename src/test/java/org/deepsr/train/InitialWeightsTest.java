package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning starts from given weights: all that fit by name and size, the rest from the seed. */
class InitialWeightsTest {

	@TempDir
	Path tmp;

	/** FSRCNN's layers do not depend on the scale (the paper fine-tunes x3 into x2/x4), so every weight carries over. */
	@Test
	void fsrcnnCarriesEveryWeightAcrossScales() {
		final Map<String, float[]> x2 = trained(fsrcnn(2));
		final Map<String, float[]> x3 = startWeights(fsrcnn(3).initialWeights(x2));
		assertEquals(x2, x3);
	}

	/** ESPCN's last layer has scale^2 outputs: it alone is drawn afresh, as it would be without initial weights. */
	@Test
	void espcnRedrawsOnlyTheLayerWhoseShapeChanged() {
		final Map<String, float[]> x2 = trained(Fixtures.tinyEspcn().steps(3));
		final Map<String, float[]> x3 = startWeights(Fixtures.tinyEspcn().scale(3).initialWeights(x2));
		final Map<String, float[]> fresh = startWeights(Fixtures.tinyEspcn().scale(3));
		int kept = 0;
		for (final String name : x3.keySet()) {
			final boolean fits = x2.get(name).length == x3.get(name).length;
			assertArrayEquals(fits ? x2.get(name) : fresh.get(name), x3.get(name), name);
			if (fits) kept++;
		}
		assertTrue(kept > 0 && kept < x3.size(), kept + " of " + x3.size());
	}

	@Test
	void weightsOfAnotherNetworkAreRefused() {
		final Map<String, float[]> espcn = trained(Fixtures.tinyEspcn().steps(1));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> startWeights(fsrcnn(2).initialWeights(espcn)));
		assertTrue(e.getMessage().contains("None of the initial weights fit"), e.getMessage());
	}

	/** A checkpoint folder seeds training with its best weights. */
	@Test
	void checkpointFolderGivesItsBestWeights() throws Exception {
		final TrainingConfig config = Fixtures.tinyEspcn().steps(4).validateEvery(2).checkpointDir(tmp.resolve("ck"));
		final TrainingResult r;
		try (Trainer t = new Trainer(config, Fixtures.source(7),
			List.of(ImagePair.of(Fixtures.synthetic(32, 32, 5), 2, hr -> Fixtures.boxDown(hr, 2))), Progress.NONE))
		{
			r = t.train();
		}
		final Map<String, float[]> read = InitialWeights.read(tmp.resolve("ck"));
		assertEquals(r.bestWeights(), read);
		assertFalse(read.isEmpty());
	}

	private static TrainingConfig fsrcnn(final int scale) {
		return new TrainingConfig().network("fsrcnn").scale(scale).width(8).depth(1).patchSize(8).batchSize(2).steps(2).schedule(LearningRateSchedule.constant()).seed(3).threads(1).validateEvery(0);
	}

	private static Map<String, float[]> trained(final TrainingConfig config) {
		try (Trainer t = new Trainer(config, source(config), List.of(), Progress.NONE)) {
			return t.train().lastWeights();
		}
	}

	private static Map<String, float[]> startWeights(final TrainingConfig config) {
		try (Trainer t = new Trainer(config, source(config), List.of(), Progress.NONE)) {
			return t.weights();
		}
	}

	private static PatchSource source(final TrainingConfig config) {
		final int s = config.scale();
		return new ImagePatchSampler(List.of(Fixtures.synthetic(48, 48, 1)), s, config.patchSize(), hr -> Fixtures.boxDown(hr, s), 7);
	}

	/** Maps of arrays compared by content. */
	private static void assertEquals(final Map<String, float[]> expected, final Map<String, float[]> actual) {
		org.junit.jupiter.api.Assertions.assertEquals(expected.keySet(), actual.keySet());
		expected.forEach((name, v) -> assertArrayEquals(v, actual.get(name), name));
	}
}
