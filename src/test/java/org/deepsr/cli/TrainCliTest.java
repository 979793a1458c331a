package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.deepsr.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deepsr train} refuses what cannot work in one line and exit code 1:
 * a scale the network cannot build (before any data is read or graph built)
 * and a run that diverges (no bundle; the checkpoint of the last sound step
 * stays byte for byte).
 */
class TrainCliTest {

	@TempDir
	Path tmp;

	private Path images() throws Exception {
		final Path hr = tmp.resolve("hr");
		Files.createDirectories(hr);
		final Random r = new Random(3);
		for (int i = 0; i < 3; i++) {
			final ByteProcessor bp = new ByteProcessor(32, 32);
			for (int k = 0; k < 32 * 32; k++) bp.set(k, (k % 32 * 8 + r.nextInt(40)) & 0xff);
			ImageFiles.save(new ImagePlus("img" + i, bp), hr.resolve("img" + i + ".png"), true);
		}
		return hr;
	}

	private String[] train(final Path hr, final String... more) {
		final List<String> args = new java.util.ArrayList<>(Arrays.asList("train", "--hr", hr.toString(), "--channels", "grey", "--patch", "8", "--batch", "4", "--width", "8", "--threads", "1"));
		args.addAll(Arrays.asList(more));
		return args.toArray(new String[0]);
	}

	/** The last line of stderr: the error, one line, "deepsr: ..." (what came before is the run's log). */
	private static String error(final CliTest.Run r) {
		final List<String> lines = Arrays.stream(r.err.split("\\R")).filter(l -> !l.isEmpty()).collect(Collectors.toList());
		return lines.get(lines.size() - 1);
	}

	@Test
	void divergedRunExitsWithOneLineWritesNoBundleAndKeepsTheSoundCheckpoint() throws Exception {
		final Path hr = images(), ck = tmp.resolve("ck");
		final CliTest.Run first = new CliTest.Run(train(hr, "--steps", "4", "--checkpoints", ck.toString(), "--out", tmp.resolve("sound.zip").toString()));
		assertEquals(0, first.code, first.err);
		assertTrue(first.out.contains("not validated"), first.out);
		final byte[] good = Files.readAllBytes(ck.resolve("checkpoint.bin"));

		final Path bad = tmp.resolve("bad.zip");
		final CliTest.Run r = new CliTest.Run(train(hr, "--steps", "8", "--checkpoints", ck.toString(), "--checkpoint-every", "1", "--resume", "--lr-rate", "1e30", "--out", bad.toString()));
		assertEquals(1, r.code, r.err);
		final String e = error(r);
		assertTrue(e.startsWith("deepsr: Training diverged: after 5 updates the loss jumped to ") && e.endsWith("keeps step 4, the last with a sound loss."), e);
		assertFalse(Files.exists(bad));
		assertTrue(r.out.isEmpty(), r.out);
		assertArrayEquals(good, Files.readAllBytes(ck.resolve("checkpoint.bin")));
	}

	@Test
	void scaleTheNetworkCannotBuildIsRefusedBeforeAnythingRuns() throws Exception {
		final Path hr = images();
		for (final String scale : new String[] { "1", "17", "99" }) {
			final CliTest.Run r = new CliTest.Run(train(hr, "--scale", scale, "--steps", "2", "--out", tmp.resolve("x" + scale + ".zip").toString()));
			assertEquals(2, r.code, "a usage error, as picocli's own: " + r.err);
			final String expected = scale.equals("1") ? "deepsr: espcn cannot upscale x1: it supports x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16."
				: "deepsr: Scale must be between 1 and 16, got " + scale + ".";
			assertEquals(expected + " (see 'deepsr train --help')", r.err.trim(), "one line, no TensorFlow NodeDef, nothing loaded before it");
		}
	}
}
