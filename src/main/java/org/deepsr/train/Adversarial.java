package org.deepsr.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deepsr.nets.Architecture;
import org.deepsr.nets.Discriminator;
import org.deepsr.nets.NetConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A generator and its discriminator as one {@link NetSpec}, and the
 * adversarial loss terms on the discriminator's logits. The generator is the
 * exported network (group {@link NetSpec#NET}); the discriminator's variables
 * are group {@link #GROUP}, built in its own sub-scope. In training mode the
 * HR targets and the generator's outputs pass the discriminator as one batch
 * (its batch norm normalises both together), whose logits are split into
 * {@link #REAL} and {@link #FAKE}. Both networks update in the same step from
 * the same forward pass, each optimiser on its own terms: as BasicSR's
 * SRGAN/ESRGAN models do, whose discriminator step scores the generator's
 * output from before the generator's update. With C the logits and
 * softplus(x) = -log sigmoid(-x) (binary cross-entropy on logits):
 * <ul>
 * <li>standard (Goodfellow et al. 2014; SRGAN): generator mean softplus(-C(f)),
 * discriminator mean softplus(-C(r)) + mean softplus(C(f));</li>
 * <li>relativistic average (Jolicoeur-Martineau 2018; ESRGAN, Eq. 1-2),
 * D_Ra(a, b) = sigmoid(C(a) - mean C(b)): generator
 * (mean softplus(C(r) - mean C(f)) + mean softplus(-(C(f) - mean C(r)))) / 2,
 * discriminator (mean softplus(-(C(r) - mean C(f))) + mean softplus(C(f) - mean C(r))) / 2,
 * halved as in ESRGAN's code; the gradient flows through both means.</li>
 * </ul>
 * The loss weight applies to the generator's term; the discriminator
 * minimises its own term unweighted (BasicSR's GANLoss).
 */
final class Adversarial {

	/** The discriminator's variable group. */
	static final String GROUP = "discriminator";
	/** The logits of the targets and of the generator's outputs. */
	static final String REAL = "real_logits", FAKE = "fake_logits";

	private Adversarial() {}

	/** The generator in group "net" and, in training mode, the discriminator on HR images of side {@code size}. */
	static NetSpec spec(final Architecture generator, final NetConfig config, final Discriminator discriminator, final int size, final int width) {
		discriminator.check(size, width);
		return (tf, inputs, variables, mode) -> {
			final Map<String, Operand<TFloat32>> out = new LinkedHashMap<>(generator.buildOutputs(tf, inputs.get(NetSpec.INPUT), config.withMode(mode), variables.apply(NetSpec.NET)));
			if (mode == NetConfig.Mode.INFERENCE) return out;
			final Ops d = tf.withSubScope(GROUP);
			final Operand<TFloat32> both = d.concat(List.of(inputs.get(NetSpec.TARGET), out.get(NetSpec.OUTPUT)), d.constant(0));
			final Map<String, Operand<TFloat32>> scored = discriminator.buildOutputs(d, both, size, width, NetConfig.Mode.TRAIN, variables.apply(GROUP));
			final List<org.tensorflow.Output<TFloat32>> halves = d.split(d.constant(0), scored.get(Architecture.OUTPUT), 2L).output();
			out.put(REAL, halves.get(0));
			out.put(FAKE, halves.get(1));
			scored.forEach((name, t) -> {
				if (!Architecture.OUTPUT.equals(name)) out.put(GROUP + "/" + name, t);
			});
			return out;
		};
	}

	/** The generator's term of the standard or relativistic loss. */
	static LossTerm generator(final boolean relativistic) {
		return new LossTerm((relativistic ? "relativistic" : "adversarial") + "(generator)", 1, (tf, t) -> {
			final Operand<TFloat32> r = t.get(REAL), f = t.get(FAKE);
			if (!relativistic) return Loss.mean(tf, softplus(tf, tf.math.neg(f)));
			return half(tf, tf.math.add(Loss.mean(tf, softplus(tf, tf.math.sub(r, Loss.mean(tf, f)))), Loss.mean(tf, softplus(tf, tf.math.neg(tf.math.sub(f, Loss.mean(tf, r)))))));
		});
	}

	/** The discriminator's term of the standard or relativistic loss. */
	static LossTerm discriminator(final boolean relativistic) {
		return new LossTerm((relativistic ? "relativistic" : "adversarial") + "(discriminator)", 1, (tf, t) -> {
			final Operand<TFloat32> r = t.get(REAL), f = t.get(FAKE);
			if (!relativistic) return tf.math.add(Loss.mean(tf, softplus(tf, tf.math.neg(r))), Loss.mean(tf, softplus(tf, f)));
			return half(tf, tf.math.add(Loss.mean(tf, softplus(tf, tf.math.neg(tf.math.sub(r, Loss.mean(tf, f))))), Loss.mean(tf, softplus(tf, tf.math.sub(f, Loss.mean(tf, r))))));
		});
	}

	private static Operand<TFloat32> softplus(final Ops tf, final Operand<TFloat32> x) {
		return tf.math.softplus(x);
	}

	private static Operand<TFloat32> half(final Ops tf, final Operand<TFloat32> x) {
		return tf.math.mul(x, tf.constant(0.5f));
	}
}
