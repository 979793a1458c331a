package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** --loss text to weighted terms, and the texts refused. */
class LossSpecTest {

	@Test
	void weightedTermsInTheirOrder() {
		final LossSpec s = LossSpec.parse(" l1:0.01, perceptual:1,adversarial:5e-3");
		assertEquals(List.of(LossSpec.Kind.L1, LossSpec.Kind.PERCEPTUAL, LossSpec.Kind.ADVERSARIAL), List.copyOf(s.terms().keySet()));
		assertEquals(List.of(0.01, 1.0, 0.005), List.copyOf(s.terms().values()));
		assertEquals(LossSpec.Kind.ADVERSARIAL, s.adversarial());
		assertTrue(s.needsExtractor());
		assertNull(s.pixelOnly(), "several terms are not plain training");
		assertEquals("l1:0.01,perceptual,adversarial:0.005", s.toString());
	}

	@Test
	void aLonePixelLossIsPlainTraining() {
		assertEquals(Loss.L2, LossSpec.parse("mse").pixelOnly());
		assertEquals(Loss.CHARBONNIER, LossSpec.parse("Charbonnier").pixelOnly());
		assertEquals(LossSpec.of(Loss.L1), LossSpec.parse("l1:1"));
		assertNull(LossSpec.parse("l1:0.5").pixelOnly(), "a weight other than 1 is a weighted objective");
	}

	@Test
	void refusesWhatCannotBeAnObjective() {
		for (final Map.Entry<String, String> e : Map.of("l1,adversarial:1,relativistic:1", "two adversarial terms", "l1:0", "weight > 0", "l1:x", "no number",
			"l1,l1:2", "names l1 twice", "vgg", "Known losses: l1, l2, charbonnier, perceptual, perceptual-l2, texture, adversarial, relativistic", "l1:1:2", "name[:weight]").entrySet()) {
			final IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> LossSpec.parse(e.getKey()), e.getKey());
			assertTrue(x.getMessage().contains(e.getValue()), e.getKey() + ": " + x.getMessage());
		}
	}
}
