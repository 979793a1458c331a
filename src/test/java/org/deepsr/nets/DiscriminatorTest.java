package org.deepsr.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The discriminators' trainable parameters (weights, biases, batch norm's
 * gamma and beta; not its moving statistics) against the papers'
 * configurations counted layer by layer, and their output shapes.
 */
class DiscriminatorTest {

	/**
	 * SRGAN (Ledig et al., CVPR 2017, Fig. 4) at 96 x 96 RGB: conv 3x3 3-64 with
	 * bias 1,792; seven 3x3 convolutions without bias (64-64, 64-128,
	 * 128-128, 128-256, 256-256, 256-512, 512-512) 4,683,584 with batch norm
	 * 2 x 1,856; dense 6*6*512-1024 18,875,392; dense 1024-1 1,025:
	 * 23,563,649.
	 */
	@Test
	void srganAt96Has23563649Parameters() {
		final long[] counts = counts(Discriminator.byName("srgan"), 96, 64);
		assertEquals(23_563_649, counts[0]);
		assertEquals(2 * 1_856, counts[1], "moving mean and variance");
	}

	/**
	 * BasicSR's VGGStyleDiscriminator128 (basicsr/archs/discriminator_arch.py,
	 * num_in_ch 3, num_feat 64), ESRGAN's: convolutions 13,674,240 (only conv0_0
	 * with a bias), ten batch norms 5,760, linear1 8192-100 819,300, linear2
	 * 100-1 101: 14,499,401, as {@code sum(p.numel() for p in net.parameters())}.
	 */
	@Test
	void esrganAt128Has14499401Parameters() {
		final long[] counts = counts(Discriminator.byName("esrgan"), 128, 64);
		assertEquals(14_499_401, counts[0]);
		assertEquals(2 * 2_880, counts[1], "moving mean and variance");
	}

	/** A small width at the smallest side: one logit per image, batch statistics recorded in training mode only. */
	@Test
	void oneLogitPerImage() {
		for (final String name : Discriminator.NAMES) {
			final Discriminator d = Discriminator.byName(name);
			final int s = d.sizeStep();
			final Map<String, long[]> train = outputs(d, s, NetConfig.Mode.TRAIN), inference = outputs(d, s, NetConfig.Mode.INFERENCE);
			assertArrayEquals(new long[] { -1, 1 }, train.get(Architecture.OUTPUT), name);
			assertTrue(train.containsKey("conv1/batch_mean") && train.containsKey("conv1/batch_variance"), name + ": " + train.keySet());
			assertEquals(1, inference.size(), name + ": " + inference.keySet());
			final long[][] shape = new long[1][];
			try (Graph g = new Graph()) {
				final Ops tf = Ops.create(g);
				final Placeholder<TFloat32> in = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
				tf.withName("output").identity(d.buildOutputs(tf, in, s, 4, NetConfig.Mode.INFERENCE, ConstantParameters.seeded(1)).get(Architecture.OUTPUT));
				final float[] logits = Nets.run(g, Nets.random(2 * s * s * 3, 2), new long[] { 2, s, s, 3 }, shape);
				assertArrayEquals(new long[] { 2, 1 }, shape[0], name);
				assertTrue(Float.isFinite(logits[0]) && logits[0] != logits[1], name + ": " + logits[0] + ", " + logits[1]);
			}
		}
	}

	@Test
	void refusesASideThatIsNoMultipleOfItsStride() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> counts(Discriminator.byName("esrgan"), 112, 64));
		assertTrue(e.getMessage().contains("multiple of 32"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Discriminator.byName("patchgan"));
	}

	/** {trainable, statistics} values of a discriminator built on RGB images of side {@code size}. */
	private static long[] counts(final Discriminator d, final int size, final int width) {
		final long[] n = new long[2];
		final ConstantParameters seeded = ConstantParameters.seeded(0);
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
			d.buildOutputs(tf, in, size, width, NetConfig.Mode.TRAIN, new Parameters() {
				@Override
				public Operand<TFloat32> get(final Ops t, final String name, final long[] shape, final Init init) {
					n[0] += Shape.of(shape).size();
					return seeded.get(t, name, shape, init);
				}

				@Override
				public Operand<TFloat32> statistic(final Ops t, final String name, final long[] shape, final Init init) {
					n[1] += Shape.of(shape).size();
					return seeded.get(t, name, shape, init);
				}
			});
		}
		return n;
	}

	/** The static shapes of the outputs by name. */
	private static Map<String, long[]> outputs(final Discriminator d, final int size, final NetConfig.Mode mode) {
		final Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			d.buildOutputs(tf, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3))), size, 4, mode, ConstantParameters.seeded(0))
				.forEach((k, v) -> shapes.put(k, v.shape().asArray()));
		}
		return shapes;
	}
}
