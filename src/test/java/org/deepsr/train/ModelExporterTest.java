package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.deepsr.nets.NetConfig;
import org.deepsr.nets.NetRegistry;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * The frozen GraphDef, loaded into a fresh graph by name ("input" to
 * "output"), must reproduce the training graph's output for the same weights.
 */
class ModelExporterTest {

	@Test
	void exportedGraphReproducesTheTrainedNetwork() throws Exception {
		final TrainingConfig config = Fixtures.tinyEspcn().steps(20);
		final FloatImage lr = Fixtures.boxDown(Fixtures.synthetic(30, 44, 9), 2);
		final FloatImage expected;
		final Map<String, float[]> weights;
		try (Trainer t = new Trainer(config, Fixtures.source(7), List.of(), Progress.NONE)) {
			weights = t.train().lastWeights();
			expected = t.predict(lr);
		}
		final ExportedModel m = ModelExporter.export("espcn", config.netConfig(), weights);
		assertEquals(NetRegistry.get("espcn").receptiveRadius(config.netConfig()), m.halo());
		assertEquals(2, m.scale());
		assertEquals(1, m.inputStep());
		// the trainer predicts as the tiler runs a bundle: input mirror-padded by the halo
		final FloatImage padded = lr.mirrorPad(m.halo());
		try (Graph g = new Graph()) {
			g.importGraphDef(GraphDef.parseFrom(m.graphDef()));
			try (Session s = new Session(g); TFloat32 x = Tensors.of(padded.data(), 1, padded.height(), padded.width(), 1);
				Result r = s.runner().feed(m.inputName(), x).fetch(m.outputName()).run())
			{
				final int h = 2 * padded.height(), w = 2 * padded.width();
				assertArrayEquals(new long[] { 1, h, w, 1 }, r.get(0).shape().asArray());
				final FloatImage out = new FloatImage(h, w, 1, Tensors.read(r.get(0)));
				assertArrayEquals(expected.data(), out.crop(2 * m.halo(), 2 * m.halo(), 30, 44).data(), 1e-6f);
			}
		}
	}

	@Test
	void weightsOfAnotherConfigurationAreRefused() {
		final Map<String, float[]> weights;
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().steps(1), Fixtures.source(7), List.of(), Progress.NONE)) {
			weights = t.weights();
		}
		assertThrows(IllegalArgumentException.class, () -> ModelExporter.export("espcn", NetConfig.of(3, 1).withWidth(16), weights));
		assertThrows(IllegalArgumentException.class, () -> ModelExporter.export("fsrcnn", NetConfig.of(2, 1), weights));
	}
}
