package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;

/**
 * Every registered network has gradients for all its ops (bicubic resize,
 * transposed convolution, depth-to-space, PReLU) and learns: with L2 loss
 * and clipping on, the mean loss of the last 10 of 60 steps is below that of
 * the first 10 on the same kind of data.
 */
class EveryNetworkTrainsTest {

	@Test
	void eachNetworkLowersItsLoss() {
		// the catalogue's other networks, small, in CatalogueTrainingTest
		for (final String name : List.of("srcnn", "fsrcnn", "espcn", "vdsr")) {
			final TrainingConfig config = Fixtures.tinyEspcn().network(name).width(8).depth(name.equals("fsrcnn") ? 1 : 4)
				.steps(60).loss(Loss.L2).clipNorm(1).learningRate(name.equals("vdsr") ? 1e-4 : 3e-3);
			final double[] l = TrainerTest.losses(config);
			double first = 0, last = 0;
			for (int i = 0; i < 10; i++) {
				first += l[i];
				last += l[l.length - 1 - i];
			}
			assertTrue(last < first, name + ": loss did not fall, first 10 " + first / 10 + ", last 10 " + last / 10);
		}
	}
}
