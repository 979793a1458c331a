package org.deepsr.backend;

/**
 * Which tensors of a graph are the image input and output, and the output's
 * axis order. The input is always NHWC float32 {@code [1,H,W,C]}.
 */
public final class NetworkSpec {

	private final String input;
	private final String output;
	private final Layout outputLayout;

	/**
	 * @param input tensor name ("op" or "op:index"), or null to take it from a
	 *          SavedModel's {@code serving_default} signature
	 * @param output tensor name, or null as for {@code input}
	 * @param outputLayout NHWC or NCHW
	 */
	public NetworkSpec(final String input, final String output, final Layout outputLayout) {
		if (outputLayout == null) throw new IllegalArgumentException("output layout must be NHWC or NCHW");
		this.input = blankToNull(input);
		this.output = blankToNull(output);
		this.outputLayout = outputLayout;
	}

	public String input() {
		return input;
	}

	public String output() {
		return output;
	}

	public Layout outputLayout() {
		return outputLayout;
	}

	private static String blankToNull(final String name) {
		return name == null || name.trim().isEmpty() ? null : name.trim();
	}
}
