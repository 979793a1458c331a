package org.deepsr.model;

/**
 * What {@link ModelManager#importModel} needs besides the file: a name, and
 * for a frozen graph or SavedModel that is not a DeepSR bundle or an OpenCV
 * model, the metadata the weights do not carry.
 */
public final class ImportOptions {

	String name;
	int scale;
	String channels = "y";
	String ycbcr = "full";
	String input;
	String output;
	String outputLayout = "NHWC";
	int halo;
	boolean overwrite;

	/** The model's name in the registry (default: the bundle's or file's own). */
	public ImportOptions name(final String value) {
		name = blankToNull(value);
		return this;
	}

	/** Upscaling factor, 2..8 (required for frozen graphs and SavedModels). */
	public ImportOptions scale(final int value) {
		scale = value;
		return this;
	}

	/** "y" (default), "grey", "per_channel" or "rgb". */
	public ImportOptions channels(final String value) {
		channels = value;
		return this;
	}

	/** For channels "y": "full" (default, OpenCV/JPEG luma) or "studio" (BT.601, MATLAB). */
	public ImportOptions ycbcr(final String value) {
		ycbcr = value;
		return this;
	}

	/** Input and output tensor names ("op" or "op:index"); a SavedModel may leave them null. */
	public ImportOptions tensors(final String inputTensor, final String outputTensor) {
		input = blankToNull(inputTensor);
		output = blankToNull(outputTensor);
		return this;
	}

	/** "NHWC" (default) or "NCHW". */
	public ImportOptions outputLayout(final String value) {
		outputLayout = value;
		return this;
	}

	/** Least halo in input pixels, &gt;= 0 (the measured one is used when larger). */
	public ImportOptions halo(final int value) {
		halo = value;
		return this;
	}

	/** Replace a user model of the same name. */
	public ImportOptions overwrite(final boolean value) {
		overwrite = value;
		return this;
	}

	/** The metadata for a frozen graph or SavedModel named {@code fallbackName}. */
	ModelDescriptor descriptor(final String fallbackName) {
		if (scale == 0) throw new IllegalArgumentException("importing weights without a DeepSR descriptor needs " +
			"the scale (2..8), the channel mode and, for a frozen graph, the input and output tensor names");
		final ModelDescriptor d = new ModelDescriptor();
		d.name = name != null ? name : fallbackName;
		d.architecture = "imported";
		d.scale = scale;
		d.channels.mode = channels;
		d.channels.ycbcr = "y".equals(channels) ? ycbcr : null;
		final int c = "rgb".equals(channels) ? 3 : 1;
		d.input.tensor = input;
		d.input.channels = c;
		d.input.halo = halo;
		d.output.tensor = output;
		d.output.channels = c;
		d.output.layout = outputLayout;
		return d;
	}

	private static String blankToNull(final String value) {
		return value == null || value.trim().isEmpty() ? null : value.trim();
	}
}
