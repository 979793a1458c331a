package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class TrainerReportingTest {

	/**
	 * Global-norm clipping against hand computation: gradients (3,4) and (12)
	 * have norm sqrt(9+16+144) = 13; clipping to 6.5 halves them, clipping to
	 * 20 leaves them alone.
	 */
	@Test
	void clipByGlobalNorm() {
		assertArrayEquals(new float[] { 1.5f, 2f, 6f }, clip(6.5f), 1e-6f);
		assertArrayEquals(new float[] { 3f, 4f, 12f }, clip(20f), 1e-6f);
	}

	/** Status lines carry loss, steps/s and ETA; the last progress call is (total, total); the listener sees the learning rate. */
	@Test
	void progressAndListenerReports() {
		final List<String> status = new ArrayList<>();
		final long[] last = new long[2];
		final Progress p = new Progress() {
			@Override
			public void status(final String message) {
				status.add(message);
			}

			@Override
			public void progress(final long done, final long total) {
				last[0] = done;
				last[1] = total;
			}
		};
		final List<Double> rates = new ArrayList<>();
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().steps(6).schedule(LearningRateSchedule.step(2, 0.5)), Fixtures.source(7), List.of(), p)) {
			t.addListener(new TrainingListener() {
				@Override
				public void onStep(final long step, final long total, final double loss, final double lr) {
					rates.add(lr);
				}
			});
			t.train();
		}
		assertArrayEquals(new long[] { 6, 6 }, last);
		final String end = status.get(status.size() - 1);
		assertTrue(end.contains("step 6/6") && end.contains("loss ") && end.contains("steps/s") && end.contains("ETA 0:00:00"), end);
		// base 1e-3 halved every 2 steps
		assertEquals(List.of(1e-3, 1e-3, 5e-4, 5e-4, 2.5e-4, 2.5e-4), rates);
	}

	private static float[] clip(final float norm) {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final List<Operand<TFloat32>> out = Optimiser.clipByGlobalNorm(tf, List.of(tf.constant(new float[] { 3, 4 }), tf.constant(new float[] { 12 })), norm);
			try (Session s = new Session(g); Result r = s.runner().fetch(out.get(0)).fetch(out.get(1)).run()) {
				final float[] a = Tensors.read(r.get(0)), b = Tensors.read(r.get(1));
				return new float[] { a[0], a[1], b[0] };
			}
		}
	}

	/**
	 * The session is opened with the configuration's device and thread count,
	 * and the device it really has (TensorFlow's own device list) is logged:
	 * on the CPU with 2 threads, "CPU (2 threads)".
	 */
	@Test
	void logsTheDeviceTheSessionUses() {
		final List<String> log = new ArrayList<>();
		final Progress p = new Progress() {
			@Override
			public void log(final String message) {
				log.add(message);
			}
		};
		try (Trainer t = new Trainer(Fixtures.tinyEspcn().steps(1).threads(2).device(org.deepsr.backend.Device.CPU), Fixtures.source(7), List.of(), p)) {
			assertEquals("CPU (2 threads)", t.device());
			t.train();
		}
		assertTrue(log.stream().anyMatch(m -> m.startsWith("Training espcn") && m.contains(" on CPU (2 threads) ")), log.toString());
	}
}
