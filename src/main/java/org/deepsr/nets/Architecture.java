package org.deepsr.nets;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One super-resolution network. Every architecture keeps a single contract
 * for the tiler and the trainer: low-resolution NHWC {@code [N,H,W,C]} in,
 * high-resolution NHWC {@code [N,s*H,s*W,C']} out (C = {@link NetConfig#channels()},
 * C' = {@link NetConfig#outChannels()}), values nominally in [0,1] (outputs
 * are not clamped). Networks that work on a pre-upsampled image (SRCNN,
 * VDSR) upsample inside the graph. Build the layers on {@code Layer} and
 * {@code Blocks} so that op and parameter names agree.
 */
public interface Architecture {

	/** The name of the primary output in {@link #buildOutputs}. */
	String OUTPUT = "output";

	/** Lower-case registry name, e.g. {@code "espcn"}. */
	String name();

	/** The paper that describes the network, e.g. "Shi et al., CVPR 2016"; empty when there is none. */
	default String paper() {
		return "";
	}

	/**
	 * What the paper's models see: {@link NetConfig.ChannelMode#Y} for the
	 * luma networks of the classic papers, RGB for EDSR and its successors.
	 * {@code deepsr networks} counts parameters for it.
	 */
	default NetConfig.ChannelMode paperChannels() {
		return NetConfig.ChannelMode.Y;
	}

	/**
	 * Adds the graph to {@code tf}'s graph.
	 *
	 * @param input NHWC float {@code [N,H,W,C]} with C = {@code config.channels()}; H and W may be unknown
	 * @param params where weights come from: trainable variables or frozen constants
	 * @return NHWC float {@code [N,s*H,s*W,C']}: the primary output
	 * @throws IllegalArgumentException when the configuration does not fit the network ({@link #check})
	 */
	Operand<TFloat32> build(Ops tf, Operand<TFloat32> input, NetConfig config, Parameters params);

	/**
	 * The graph with every output by name: {@value #OUTPUT} (what
	 * {@link #build} returns) first, then side outputs such as intermediate
	 * predictions (LapSRN's x2 beside x4, DRCN's per-recursion outputs) or, in
	 * {@link NetConfig.Mode#TRAIN}, batch-norm batch statistics
	 * ({@code <layer>/batch_mean}, {@code <layer>/batch_variance}) for the
	 * trainer to fold into the moving averages.
	 */
	default Map<String, Operand<TFloat32>> buildOutputs(final Ops tf, final Operand<TFloat32> input, final NetConfig config, final Parameters params) {
		return Collections.singletonMap(OUTPUT, build(tf, input, config, params));
	}

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

	/** The upscaling factors the network can be built for (all of NetConfig's 1..16 unless it says otherwise). */
	default Set<Integer> scales() {
		return IntStream.rangeClosed(1, 16).boxed().collect(Collectors.toCollection(TreeSet::new));
	}

	/** What its input channels may hold. */
	default Set<NetConfig.ChannelMode> inputModes() {
		return EnumSet.allOf(NetConfig.ChannelMode.class);
	}

	/** What its output channels may hold. */
	default Set<NetConfig.ChannelMode> outputModes() {
		return EnumSet.allOf(NetConfig.ChannelMode.class);
	}

	/**
	 * Refuses a configuration the network cannot be built for, in one line:
	 * a scale outside {@link #scales()}, channel modes outside
	 * {@link #inputModes()}/{@link #outputModes()}, or a bicubic skip between
	 * different channels. Architectures add their own option checks.
	 */
	default void check(final NetConfig config) {
		if (!scales().contains(config.scale())) throw new IllegalArgumentException(name() + " cannot upscale x" + config.scale() + ": it supports x" + new TreeSet<>(scales()).stream().map(String::valueOf).collect(Collectors.joining(", x")) + ".");
		if (!inputModes().contains(config.inMode())) throw new IllegalArgumentException(name() + " does not take " + config.inMode() + " input: it takes " + inputModes() + ".");
		if (!outputModes().contains(config.outMode())) throw new IllegalArgumentException(name() + " does not give " + config.outMode() + " output: it gives " + outputModes() + ".");
		if (config.skip() && (config.inMode() != config.outMode() || config.channels() != config.outChannels())) throw new IllegalArgumentException("The bicubic skip adds the input to the output: it needs the same channels in and out, not " + config.inMode() + " to " + config.outMode() + ".");
	}
}
