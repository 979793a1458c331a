package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Descriptor validation: a valid descriptor survives a JSON round trip, and
 * each broken field is rejected with a message naming the bundle, the field
 * and the bad value (expectations written from docs/model-bundle.md).
 */
class ModelDescriptorsTest {

	static ModelDescriptor valid() {
		final ModelDescriptor d = ModelsTest.metadata("valid", 2, "NHWC");
		d.weights.format = "frozen_graph";
		d.weights.file = "model.pb";
		d.weights.sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
		d.test.input = "test_input.f32";
		d.test.output = "test_output.f32";
		d.test.shape = new int[] { 24, 24 };
		d.test.tolerance = 1e-3;
		return d;
	}

	@Test
	void validDescriptorRoundTripsThroughJson() {
		final String json = ModelDescriptors.toJson(valid());
		assertTrue(json.contains("\"format_version\": 1") && json.contains("\"value_range\"") &&
			json.contains("\"min_size\""), json);
		final ModelDescriptor back = ModelDescriptors.parse(json, "b");
		assertEquals(2, back.scale);
		assertEquals("full", back.channels.ycbcr);
		assertEquals(24, back.test.shape[0]);
	}

	@Test
	void badFieldsAreNamed() {
		expect(d -> d.scale = 0, "model bundle b: scale must be 1..8, got 0");
		expect(d -> d.formatVersion = 2, "update DeepSR");
		expect(d -> d.name = "bad name!", "name must be");
		expect(d -> d.channels.mode = "cmyk", "channels.mode must be one of [y, grey, per_channel, rgb], got \"cmyk\"");
		expect(d -> d.channels.ycbcr = null, "channels.ycbcr must be \"full\" or \"studio\"");
		expect(d -> d.input.tensor = null, "input.tensor is missing");
		expect(d -> d.output.layout = "CHWN", "output.layout must be NHWC or NCHW");
		expect(d -> d.input.channels = 3, "input.channels must be 1 for channel mode y, got 3");
		expect(d -> {
			d.input.step = 4;
			d.input.halo = 6;
		}, "input.halo must be >= 0 and a multiple of input.step (4), got 6");
		expect(d -> d.valueRange = new double[] { 1, 0 }, "value_range must be [lo, hi] with lo < hi");
		expect(d -> {
			d.normalisation.mode = "percentile";
			d.normalisation.low = 99.0;
			d.normalisation.high = 1.0;
		}, "0 <= low < high <= 100");
		expect(d -> d.weights.format = "onnx", "weights.format must be");
		expect(d -> d.weights.file = "../model.pb", "weights.file must be a relative path inside the bundle");
		expect(d -> d.weights.sha256 = "abc", "weights.sha256 must be 64 lower-case hex digits");
		expect(d -> d.test.tolerance = 0, "test.tolerance must be > 0");
		expect(d -> d.test.shape = new int[] { 24 }, "test.shape must be [H, W] or [H, W, 1]");
	}

	@Test
	void malformedJsonIsReported() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDescriptors
			.parse("{\"scale\": \"two\"", "b"));
		assertTrue(e.getMessage().startsWith("model bundle b: deepsr.json is not valid JSON"), e.getMessage());
	}

	private static void expect(final Consumer<ModelDescriptor> breakIt, final String message) {
		final ModelDescriptor d = valid();
		breakIt.accept(d);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDescriptors
			.validate(d, "b"));
		assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
	}
}
