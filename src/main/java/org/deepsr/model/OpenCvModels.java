package org.deepsr.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deepsr.backend.GraphReader;
import org.deepsr.backend.ModelGraph;
import org.deepsr.progress.Progress;

/**
 * The OpenCV {@code dnn_superres} models (ESPCN, FSRCNN, FSRCNN-small,
 * LapSRN), recognised by file name and graph content, with their
 * conventions: input {@code IteratorGetNext} NHWC [1,H,W,1], output
 * {@code NCHW_output} (for LapSRN the final, full-scale one), full-range luma
 * in [0, 1], outputs not clamped.
 */
public final class OpenCvModels {

	private static final Pattern FILE_NAME = Pattern.compile("(ESPCN|FSRCNN|FSRCNN-small|LapSRN)_x([2-8])\\.pb");
	private static final String INPUT = "IteratorGetNext";
	private static final String OUTPUT = "NCHW_output";

	private OpenCvModels() {}

	/** True when the file is named like an OpenCV model and holds its input and output ops. */
	public static boolean recognises(final Path pb) throws IOException {
		if (!FILE_NAME.matcher(pb.getFileName().toString()).matches()) return false;
		return hasInputAndOutput(GraphReader.frozenGraph(pb));
	}

	/**
	 * The metadata of an OpenCV model file, before import (no weights, test or halo yet).
	 *
	 * @throws IllegalArgumentException when the file is not one of the OpenCV models
	 */
	public static ModelDescriptor describe(final Path pb) throws IOException {
		final Matcher m = FILE_NAME.matcher(pb.getFileName().toString());
		if (!m.matches()) {
			throw new IllegalArgumentException(pb.getFileName() + " is not named like an OpenCV dnn_superres " +
				"model (ESPCN_x2.pb, FSRCNN_x3.pb, FSRCNN-small_x4.pb, LapSRN_x8.pb, ...)");
		}
		if (!hasInputAndOutput(GraphReader.frozenGraph(pb))) {
			throw new IllegalArgumentException(pb.getFileName() + " lacks the ops " + INPUT + " and " + OUTPUT +
				" of the OpenCV dnn_superres models: import it as a frozen graph with its own metadata");
		}
		final String family = m.group(1);
		final ModelDescriptor d = new ModelDescriptor();
		d.name = family + "_x" + m.group(2) + "-opencv";
		d.architecture = family.startsWith("FSRCNN") ? "FSRCNN" : family;
		d.description = family + " x" + m.group(2) + " from OpenCV dnn_superres: Y (full-range luma) only, " +
			"chroma upscaled by the pipeline.";
		d.scale = Integer.parseInt(m.group(2));
		d.channels.mode = "y";
		d.channels.ycbcr = "full";
		d.input.tensor = INPUT + ":0";
		d.input.layout = "NHWC";
		d.input.channels = 1;
		d.input.minSize = 8;
		d.input.step = 1;
		// OpenCV runs these networks over the whole image: reproduce that at the image edges.
		d.input.border = "network";
		d.output.tensor = OUTPUT + ":0";
		d.output.layout = "NCHW";
		d.output.channels = 1;
		d.valueRange = new double[] { 0, 1 };
		d.normalisation.mode = "fixed";
		d.clipOutput = false;
		d.provenance.source = source(family);
		d.provenance.license = "Apache-2.0";
		d.provenance.degradation = "bicubic downscale with OpenCV INTER_CUBIC (no antialiasing)";
		d.provenance.notes = "Distributed with OpenCV's dnn_superres module; OpenCV does not clamp the outputs.";
		return d;
	}

	/** Imports an OpenCV model into a bundle (zip or folder) at {@code target}; returns it. */
	public static Path importModel(final Path pb, final Path target, final boolean overwrite,
		final Progress progress) throws IOException
	{
		return ModelImporter.importFrozenGraph(pb, describe(pb), target, overwrite, progress);
	}

	private static String source(final String family) {
		switch (family) {
			case "ESPCN":
				return "https://github.com/fannymonori/TF-ESPCN (via OpenCV dnn_superres)";
			case "LapSRN":
				return "https://github.com/fannymonori/TF-LapSRN (via OpenCV dnn_superres)";
			default:
				return "https://github.com/Saafke/FSRCNN_Tensorflow (via OpenCV dnn_superres)";
		}
	}

	private static boolean hasInputAndOutput(final ModelGraph graph) {
		return graph.op(INPUT) != null && graph.op(OUTPUT) != null;
	}
}
