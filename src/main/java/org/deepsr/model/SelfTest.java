package org.deepsr.model;

import java.io.IOException;
import java.util.Locale;

import org.deepsr.backend.Network;
import org.deepsr.backend.NetworkOutput;

/** Runs a bundle's test input through its network and compares with the test output. */
final class SelfTest {

	private SelfTest() {}

	/** @throws IOException naming the bundle and the largest difference when the outputs disagree */
	static void run(final ModelBundle bundle, final Network network) throws IOException {
		final ModelDescriptor d = bundle.descriptor();
		final String at = "model bundle " + bundle.source() + ": ";
		final int h = d.test.shape[0], w = d.test.shape[1], c = d.input.channels;
		final float[] input = Float32Files.read(bundle.folder().resolve(d.test.input));
		final float[] expected = Float32Files.read(bundle.folder().resolve(d.test.output));
		if (input.length != h * w * c) throw new IOException(at + "test input has " + input.length +
			" values, but test.shape says " + h + "x" + w + "x" + c);
		final NetworkOutput out = network.run(input, h, w, c);
		if (out.height() != d.scale * h || out.width() != d.scale * w || out.channels() != d.output.channels) {
			throw new IOException(at + "self-test failed: the network turned a " + h + "x" + w + " input into " +
				out.height() + "x" + out.width() + "x" + out.channels() + ", expected " + d.scale * h + "x" +
				d.scale * w + "x" + d.output.channels + ": check scale, output tensor and layout");
		}
		if (expected.length != out.data().length) throw new IOException(at + "test output has " +
			expected.length + " values, expected " + out.data().length);
		final int worst = worstIndex(out.data(), expected);
		final double difference = Math.abs(out.data()[worst] - expected[worst]);
		if (!(difference <= d.test.tolerance)) {
			final int pixel = worst / d.output.channels;
			throw new IOException(String.format(Locale.ROOT, "%sself-test failed: output differs from the test " +
				"output by %.3g at (y %d, x %d), tolerance %.3g: the weights do not compute what the bundle " +
				"promises; re-import the model", at, difference, pixel / out.width(), pixel % out.width(),
				d.test.tolerance));
		}
	}

	/** Index of the largest absolute difference (a NaN counts as largest). */
	static int worstIndex(final float[] a, final float[] b) {
		int worst = 0;
		double max = -1;
		for (int i = 0; i < a.length; i++) {
			final double diff = Math.abs(a[i] - b[i]);
			if (Double.isNaN(diff)) return i;
			if (diff > max) {
				max = diff;
				worst = i;
			}
		}
		return worst;
	}
}
