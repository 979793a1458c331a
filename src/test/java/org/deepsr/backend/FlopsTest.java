package org.deepsr.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/**
 * {@link Flops}: the FLOPs of a bundled FSRCNN against the paper's count, and
 * the zero taps its sub-pixel form adds, derived by hand.
 */
class FlopsTest {

	@Test
	void fsrcnnComputesTwiceItsPublishedWeightCountPerInputPixel() throws IOException {
		// Dong et al. 2016, FSRCNN(56,12,4): 12,464 weights, each one multiply-add per LR pixel
		// (25*56 + 56*12 + 4*9*144 + 12*56 + 81*56)
		for (final int s : new int[] { 2, 3, 4 }) {
			final ModelGraph graph = GraphReader.frozenGraph(SubPixelRewriteTest.weights(Paths.get("models",
				"fsrcnn-x" + s + ".zip")));
			assertEquals(2 * 12464, Flops.perInputPixel(graph, false), 1e-9);
			// sub-pixel form: 9x9 -> 5x5 x 4 phases (x2), 3x3 x 9 (x3), 3x3 x 16 (x4), 56 inputs
			final int taps = s == 2 ? 25 * 4 : s == 3 ? 9 * 9 : 9 * 16;
			assertEquals(2 * (12464 - 81 * 56 + taps * 56), Flops.perInputPixel(graph, true), 1e-9);
		}
	}

	@Test
	void theMeasuredPeakIsAPositiveRate() {
		final double peak = Flops.measuredPeakGflops(new SessionOptions(Device.CPU, 1, 1));
		// a 1024^3 product in under a minute, and no faster than 1 TFLOP/s on one thread (constant folding would be)
		assertTrue(peak > 2.0 * 1024 * 1024 * 1024 / 60e9 && peak < 1000, "peak " + peak);
	}
}
