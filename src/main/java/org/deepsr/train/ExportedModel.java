package org.deepsr.train;

/**
 * A trained network frozen into a TensorFlow GraphDef, with what a model
 * bundle needs to run it: tensor names, scale, channels, halo and step.
 * Input: float {@code [1,H,W,C]} NHWC in [0,1]; output: float
 * {@code [1,s*H,s*W,C]} NHWC, not clamped.
 */
public final class ExportedModel {

	private final byte[] graphDef;
	private final String network;
	private final int scale;
	private final int channels;
	private final int halo;
	private final int inputStep;

	ExportedModel(final byte[] graphDef, final String network, final int scale, final int channels, final int halo, final int inputStep) {
		this.graphDef = graphDef;
		this.network = network;
		this.scale = scale;
		this.channels = channels;
		this.halo = halo;
		this.inputStep = inputStep;
	}

	/** Serialized {@code tensorflow.GraphDef} with the weights as constants. */
	public byte[] graphDef() {
		return graphDef.clone();
	}

	/** Name of the input placeholder op. */
	public String inputName() {
		return ModelExporter.INPUT;
	}

	/** Name of the output op. */
	public String outputName() {
		return ModelExporter.OUTPUT;
	}

	public String network() {
		return network;
	}

	public int scale() {
		return scale;
	}

	public int channels() {
		return channels;
	}

	/** Receptive-field radius in LR pixels: the minimum tile halo. */
	public int halo() {
		return halo;
	}

	/** Input tile sides must be multiples of this. */
	public int inputStep() {
		return inputStep;
	}
}
