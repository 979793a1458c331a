package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deepsr.nets.NetConfig;
import org.deepsr.nets.NetRegistry;
import org.deepsr.nets.SmallNets;
import org.deepsr.progress.Progress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * Every network of the catalogue beyond the first four, small (SmallNets),
 * through the trainer: one Adam step on a fixed batch lowers the loss on
 * that batch, and the exported frozen graph, loaded afresh, gives the
 * trainer's own prediction for the trained weights.
 */
class CatalogueTrainingTest {

	static String[] names() {
		return SmallNets.NAMES;
	}

	@ParameterizedTest
	@MethodSource("names")
	void oneStepLowersTheLossAndTheExportReproducesTheNetwork(final String name) throws Exception {
		final NetConfig small = SmallNets.config(name, 2, 1);
		final TrainingConfig config = Fixtures.tinyEspcn().network(name).width(small.widthOr(0)).depth(small.depthOr(0)).blocks(small.blocksOr(0))
			.groups(small.groupsOr(0)).recursions(small.recursionsOr(0)).residualScale(small.residualScaleOr(0)).steps(2)
			// IDN's first Adam step moves every tap of its 17x17 deconvolution by the rate: the paper's 1e-4, not 1e-3
			.learningRate(name.equals("idn") ? 1e-4 : 1e-3);
		assertEquals(small.toString(), config.netConfig().toString());
		final FloatImage lr = Fixtures.boxDown(Fixtures.synthetic(24, 30, 9), 2);
		final List<Double> losses = new ArrayList<>();
		final Map<String, float[]> weights;
		final FloatImage expected;
		try (Trainer t = new Trainer(config, fixed(Fixtures.source(7)), List.of(), Progress.NONE)) {
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long step, final long total, final double loss, final double rate) {
					losses.add(loss);
				}
			});
			t.train();
			weights = t.weights();
			expected = t.predict(lr);
		}
		assertEquals(2, losses.size());
		assertTrue(Double.isFinite(losses.get(0)) && losses.get(1) < losses.get(0), name + ": the loss on the same batch went from " + losses.get(0) + " to " + losses.get(1));

		final ExportedModel m = ModelExporter.export(name, config.netConfig(), weights);
		assertEquals(NetRegistry.get(name).receptiveRadius(config.netConfig()), m.halo());
		final FloatImage padded = lr.mirrorPad(m.halo());
		try (Graph g = new Graph()) {
			g.importGraphDef(GraphDef.parseFrom(m.graphDef()));
			try (Session s = new Session(g); TFloat32 x = Tensors.of(padded.data(), 1, padded.height(), padded.width(), 1);
				Result r = s.runner().feed(m.inputName(), x).fetch(m.outputName()).run())
			{
				final FloatImage out = new FloatImage(2 * padded.height(), 2 * padded.width(), 1, Tensors.read(r.get(0)));
				// the same weights as constants instead of variables: equal up to float rounding (batch norm may be folded differently)
				final float[] got = out.crop(2 * m.halo(), 2 * m.halo(), 2 * lr.height(), 2 * lr.width()).data();
				assertEquals(expected.data().length, got.length);
				for (int i = 0; i < got.length; i++)
					assertEquals(expected.data()[i], got[i], 1e-5 * Math.max(1, Math.abs(expected.data()[i])), name + " at " + i);
			}
		}
	}

	/** {@code source}'s first batch, every step. */
	private static PatchSource fixed(final PatchSource source) {
		final Batch first = source.batch(0, 4);
		return new PatchSource() {
			@Override
			public int scale() {
				return source.scale();
			}

			@Override
			public int channels() {
				return source.channels();
			}

			@Override
			public int patchSize() {
				return source.patchSize();
			}

			@Override
			public Batch batch(final long index, final int count) {
				if (count != first.count()) throw new IllegalArgumentException("The fixed batch holds " + first.count() + " patches, not " + count + ".");
				return first;
			}
		};
	}
}
