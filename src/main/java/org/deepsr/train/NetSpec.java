package org.deepsr.train;

import java.util.Map;
import java.util.function.Function;

import org.deepsr.nets.Architecture;
import org.deepsr.nets.NetConfig;
import org.deepsr.nets.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The network(s) a {@link Trainer} trains: built from the fed tensors
 * ({@link #INPUT}, the LR batch, and {@link #TARGET}, the HR batch) into named
 * outputs, with the variables of each sub-network in its own group (one
 * group "net" for a plain network; "generator" and "discriminator" for a GAN).
 * The trainer builds it twice on the same variables: in
 * {@link NetConfig.Mode#TRAIN} for the losses, and in
 * {@link NetConfig.Mode#INFERENCE} with only {@link #INPUT} for validation,
 * which reads {@link #OUTPUT}. A spec of several networks builds each in
 * its own sub-scope ({@code tf.withSubScope("discriminator")}), so that layers
 * of the same name keep apart in the graph as their groups keep them apart in checkpoints.
 * A {@linkplain Parameters#statistic statistic} {@code X/moving_Y} of group
 * "net" is updated in every training step from the training-mode output
 * {@code X/batch_Y} (of another group g from {@code g/X/batch_Y}); without that
 * output the trainer refuses the spec.
 */
@FunctionalInterface
public interface NetSpec {

	/** The fed LR batch, NHWC. */
	String INPUT = "input";
	/** The fed HR batch, NHWC (training only). */
	String TARGET = "target";
	/** The super-resolved image: what validation scores and export keeps. */
	String OUTPUT = "output";
	/** The variable group of the exported network. */
	String NET = "net";

	/**
	 * @param inputs {@link #INPUT}, and {@link #TARGET} in training mode
	 * @param variables the parameters of a group by name (made on first use in training mode, the same ones again in inference mode)
	 * @return outputs by name, {@link #OUTPUT} among them
	 */
	Map<String, Operand<TFloat32>> build(Ops tf, Map<String, Operand<TFloat32>> inputs, Function<String, Parameters> variables, NetConfig.Mode mode);

	/**
	 * One network in group {@link #NET}: {@link #INPUT} to {@link #OUTPUT},
	 * with its side outputs ({@link Architecture#buildOutputs}), among them
	 * the batch statistics that the trainer folds into batch norm's moving ones.
	 */
	static NetSpec of(final Architecture architecture, final NetConfig config) {
		return (tf, inputs, variables, mode) -> architecture.buildOutputs(tf, inputs.get(INPUT), config.withMode(mode), variables.apply(NET));
	}
}
