package org.deepsr.nets;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One super-resolution network. Every architecture keeps a single contract
 * for the tiler and the trainer: low-resolution NHWC {@code [N,H,W,C]} in,
 * high-resolution NHWC {@code [N,s*H,s*W,C]} out, values nominally in [0,1]
 * (outputs are not clamped). Networks that work on a pre-upsampled image
 * (SRCNN, VDSR) upsample inside the graph.
 */
public interface Architecture {

	/** Lower-case registry name, e.g. {@code "espcn"}. */
	String name();

	/**
	 * Adds the inference graph to {@code tf}'s graph.
	 *
	 * @param input NHWC float {@code [N,H,W,C]} with C = {@code config.channels()}; H and W may be unknown
	 * @param params where weights come from: trainable variables or frozen constants
	 * @return NHWC float {@code [N,s*H,s*W,C]}
	 */
	Operand<TFloat32> build(Ops tf, Operand<TFloat32> input, NetConfig config, Parameters params);

	/**
	 * Receptive-field radius in low-resolution pixels: the output block of LR
	 * pixel (y,x) depends only on input pixels within this Chebyshev distance.
	 * A tiler's halo must be at least this.
	 */
	int receptiveRadius(NetConfig config);

	/** Input tile sides must be a multiple of this (1: any size). */
	default int inputStep(final NetConfig config) {
		return 1;
	}
}
