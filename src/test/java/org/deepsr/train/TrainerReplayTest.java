package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.deepsr.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * The trainer against an independent implementation: 30 steps of ESPCN x3
 * (L1, Adam) on the sample image, replayed by src/test/python/espcn_reference.py
 * (hand-written forward, backward and Adam in float64), with the tolerances
 * docs/training.md states: the loss at the Java weights to 1e-6 relative, one
 * Adam step from the Java weights to 1e-3 of the step, the loss of a free
 * NumPy run on the same batches to 1e-3 (float32 against float64; longer free
 * runs drift further, see the docs).
 */
class TrainerReplayTest {

	@TempDir
	Path tmp;

	@Test
	void numpyReplayAgreesWithTheTrainer() throws Exception {
		Prerequisites.python("numpy");
		final Path hr = Files.createDirectories(tmp.resolve("hr"));
		Files.copy(Paths.get("samples", "astronaut.png"), hr.resolve("astronaut.png"));
		final Path dump = tmp.resolve("dump");
		final int steps = 30;
		final float[] losses = TrainerDump.dump(hr, dump, steps, Loss.byName("l1"));
		assertTrue(losses[steps - 1] < losses[0], "training lowers the loss: " + losses[0] + " -> " + losses[steps - 1]);

		final Path summary = tmp.resolve("summary.json");
		final Process p = new ProcessBuilder(Prerequisites.python(), Paths.get("src", "test", "python", "espcn_reference.py").toString(),
			dump.toString(), summary.toString()).redirectErrorStream(true).start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "espcn_reference.py finished");
		assertEquals(0, p.exitValue(), output);
		System.out.print(output);
		final JsonObject r;
		try (Reader in = Files.newBufferedReader(summary)) {
			r = new Gson().fromJson(in, JsonObject.class);
		}
		assertEquals(steps, r.get("steps").getAsInt());
		assertTrue(r.get("forced_loss").getAsDouble() < 1e-6, "loss at the Java weights, relative:\n" + output);
		assertTrue(r.get("onestep").getAsDouble() < 1e-3, "one Adam step from the Java weights, relative to the step:\n" + output);
		assertTrue(r.get("free_loss").getAsDouble() < 1e-3, "loss drift over a free run, relative:\n" + output);
	}
}
