package org.deepsr.model;

import java.util.Arrays;
import java.util.List;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** Reads, writes and checks {@code deepsr.json} descriptors; the one place that parses them. */
public final class ModelDescriptors {

	private static final Gson GSON = new GsonBuilder()
		.setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
		.setPrettyPrinting().create();

	private static final List<String> CHANNEL_MODES = Arrays.asList("y", "grey", "per_channel", "rgb");

	private ModelDescriptors() {}

	/**
	 * Parses and validates a descriptor.
	 *
	 * @param bundle the bundle's name for error messages
	 * @throws IllegalArgumentException naming the bad field
	 */
	public static ModelDescriptor parse(final String json, final String bundle) {
		final ModelDescriptor descriptor;
		try {
			descriptor = GSON.fromJson(json, ModelDescriptor.class);
		} catch (final RuntimeException e) {
			// Gson's failures: JsonParseException, NumberFormatException, and a bare IllegalArgumentException for
			// a null in a number array; its messages quote the input, which may span lines.
			throw new IllegalArgumentException("model bundle " + bundle + ": deepsr.json is not valid JSON: " + (e
				.getMessage() == null ? "a value of the wrong type" : e.getMessage().replaceAll("\\s+", " ")
					.replaceAll("[^\\x20-\\x7e]", "?")), e);
		}
		if (descriptor == null) throw new IllegalArgumentException("model bundle " + bundle + ": deepsr.json is empty");
		validate(descriptor, bundle);
		return descriptor;
	}

	public static String toJson(final ModelDescriptor descriptor) {
		return GSON.toJson(descriptor);
	}

	/** A deep copy (through JSON). */
	public static ModelDescriptor copy(final ModelDescriptor descriptor) {
		return GSON.fromJson(GSON.toJson(descriptor), ModelDescriptor.class);
	}

	/** The top-level keys {@link #withMetadata} may set. */
	private static final List<String> METADATA_KEYS = List.of("conserve", "trained_on", "description");

	/**
	 * The descriptor with a metadata file's keys ({@code conserve},
	 * {@code trained_on}, {@code description}; snake_case JSON) put over its own,
	 * validated: how a recipe's {@code metadata} file and the bundled models'
	 * descriptors say what a model was trained on.
	 *
	 * @param source the metadata file's name for messages
	 * @throws IllegalArgumentException for invalid JSON, another key, or an invalid result
	 */
	public static ModelDescriptor withMetadata(final ModelDescriptor d, final String json, final String source) {
		final com.google.gson.JsonObject patch;
		try {
			patch = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
		} catch (final RuntimeException e) {
			throw bad("model metadata " + source + " is not a JSON object: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
		}
		final com.google.gson.JsonObject whole = GSON.toJsonTree(d).getAsJsonObject();
		for (final String key : patch.keySet()) {
			if (!METADATA_KEYS.contains(key)) throw bad("model metadata " + source + ": '" + key + "' cannot be set there (only " + METADATA_KEYS + ")");
			whole.add(key, patch.get(key));
		}
		final ModelDescriptor out = GSON.fromJson(whole, ModelDescriptor.class);
		validate(out, d.name + " (with " + source + ")");
		return out;
	}

	/** Checks every field; the message names the bundle, the field and the value. */
	public static void validate(final ModelDescriptor d, final String bundle) {
		final String at = "model bundle " + bundle + ": ";
		if (d.formatVersion < 1 || d.formatVersion > ModelDescriptor.CURRENT_FORMAT_VERSION) {
			throw bad(at + "format_version must be 1.." + ModelDescriptor.CURRENT_FORMAT_VERSION + ", got " +
				d.formatVersion + (d.formatVersion > 1 ? " (made by a newer DeepSR: update DeepSR)" : ""));
		}
		if (d.name == null || !d.name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
			throw bad(at + "name must be 1..100 letters, digits, '.', '_' or '-', got " + quote(d.name));
		}
		// 1: a refining (restoration) network, e.g. isotropic reconstruction's, run on interpolated input
		if (d.scale < 1 || d.scale > 8) throw bad(at + "scale must be 1..8, got " + d.scale);
		require(d.channels != null, at + "channels is missing");
		if (!CHANNEL_MODES.contains(d.channels.mode)) {
			throw bad(at + "channels.mode must be one of " + CHANNEL_MODES + ", got " + quote(d.channels.mode));
		}
		if ("y".equals(d.channels.mode) && !"full".equals(d.channels.ycbcr) && !"studio".equals(d.channels.ycbcr)) {
			throw bad(at + "channels.ycbcr must be \"full\" or \"studio\" for mode y (the luma the model was " +
				"trained on), got " + quote(d.channels.ycbcr));
		}
		validateTensors(d, at);
		require(d.valueRange != null && d.valueRange.length == 2 && Double.isFinite(d.valueRange[0]) &&
			Double.isFinite(d.valueRange[1]) && d.valueRange[0] < d.valueRange[1],
			at + "value_range must be [lo, hi] with lo < hi, got " + Arrays.toString(d.valueRange));
		validateNormalisation(d.normalisation, at);
		validateWeights(d.weights, at);
		validateTest(d.test, d.input.channels, at);
		if (d.conserve != null) {
			require("flux".equals(d.conserve), at + "conserve must be \"flux\" or absent, got " + quote(d.conserve));
			require("grey".equals(d.channels.mode) || "per_channel".equals(d.channels.mode), at +
				"conserve \"flux\" needs channel mode grey or per_channel, got " + quote(d.channels.mode));
		}
		if (d.trainedOn != null) {
			require(d.trainedOn.modality != null && d.trainedOn.modality.matches("[a-z][a-z0-9-]{0,39}"), at +
				"trained_on.modality must be a lower-case word such as natural-images, fluorescence or mri, got " +
				quote(d.trainedOn.modality));
			require(d.trainedOn.noise == null || d.trainedOn.noise.length == 2 && d.trainedOn.noise[0] >= 0 &&
				d.trainedOn.noise[0] <= d.trainedOn.noise[1] && Double.isFinite(d.trainedOn.noise[1]), at +
				"trained_on.noise must be [lo, hi] with 0 <= lo <= hi, got " + Arrays.toString(d.trainedOn.noise));
			require(d.trainedOn.pixelSize == null || d.trainedOn.pixelSize > 0 && Double.isFinite(d.trainedOn.pixelSize),
				at + "trained_on.pixel_size must be > 0, got " + d.trainedOn.pixelSize);
		}
		if (d.scores != null) {
			for (final ModelDescriptor.Score score : d.scores) {
				require(score != null && score.dataset != null && !score.dataset.isEmpty() && score.scale >= 1,
					at + "each score needs a dataset and a scale");
			}
		}
	}

	private static void validateTensors(final ModelDescriptor d, final String at) {
		require(d.input != null, at + "input is missing");
		require(d.output != null, at + "output is missing");
		final boolean savedModel = d.weights != null && "saved_model".equals(d.weights.format);
		if (!savedModel) {
			require(d.input.tensor != null && !d.input.tensor.isEmpty(), at + "input.tensor is missing (a frozen " +
				"graph needs its input tensor name)");
			require(d.output.tensor != null && !d.output.tensor.isEmpty(), at + "output.tensor is missing (a frozen " +
				"graph needs its output tensor name)");
		}
		require("NHWC".equals(d.input.layout), at + "input.layout must be NHWC, got " + quote(d.input.layout));
		require("NHWC".equals(d.output.layout) || "NCHW".equals(d.output.layout),
			at + "output.layout must be NHWC or NCHW, got " + quote(d.output.layout));
		final int expected = "rgb".equals(d.channels.mode) ? 3 : 1;
		require(d.input.channels == expected, at + "input.channels must be " + expected + " for channel mode " +
			d.channels.mode + ", got " + d.input.channels);
		require(d.output.channels == expected, at + "output.channels must be " + expected + " for channel mode " +
			d.channels.mode + ", got " + d.output.channels);
		require(d.input.minSize >= 1, at + "input.min_size must be >= 1, got " + d.input.minSize);
		require("mirror".equals(d.input.border) || "network".equals(d.input.border), at +
			"input.border must be \"mirror\" or \"network\", got " + d.input.border);
		require(d.input.step >= 1, at + "input.step must be >= 1, got " + d.input.step);
		require(d.input.halo >= 0 && d.input.halo % d.input.step == 0, at + "input.halo must be >= 0 and a " +
			"multiple of input.step (" + d.input.step + "), got " + d.input.halo);
	}

	private static void validateNormalisation(final ModelDescriptor.Normalisation n, final String at) {
		require(n != null, at + "normalisation is missing");
		if ("percentile".equals(n.mode)) {
			require(n.low != null && n.high != null && n.low >= 0 && n.low < n.high && n.high <= 100,
				at + "normalisation low and high must be percentiles with 0 <= low < high <= 100, got " + n.low +
					", " + n.high);
		} else if ("linear".equals(n.mode)) {
			require(n.low != null && n.high != null && Double.isFinite(n.low) && Double.isFinite(n.high) &&
				n.low < n.high, at + "normalisation low and high must be image values with low < high in mode " +
					"\"linear\", got " + n.low + ", " + n.high);
		} else {
			require("fixed".equals(n.mode) || "mean_std".equals(n.mode), at + "normalisation.mode must be " +
				"\"fixed\", \"percentile\", \"linear\" or \"mean_std\", got " + quote(n.mode));
		}
	}

	private static void validateWeights(final ModelDescriptor.Weights w, final String at) {
		require(w != null, at + "weights is missing");
		require("frozen_graph".equals(w.format) || "saved_model".equals(w.format),
			at + "weights.format must be \"frozen_graph\" or \"saved_model\", got " + quote(w.format));
		requireRelative(w.file, "weights.file", at);
		require(w.sha256 != null && w.sha256.matches("[0-9a-f]{64}"),
			at + "weights.sha256 must be 64 lower-case hex digits, got " + quote(w.sha256));
	}

	private static void validateTest(final ModelDescriptor.Test t, final int channels, final String at) {
		require(t != null, at + "test is missing (a self-test input and output)");
		requireRelative(t.input, "test.input", at);
		requireRelative(t.output, "test.output", at);
		require(t.shape != null && (t.shape.length == 2 || t.shape.length == 3 && t.shape[2] == channels) &&
			t.shape[0] >= 1 && t.shape[1] >= 1, at + "test.shape must be [H, W] or [H, W, " + channels + "], got " +
				Arrays.toString(t.shape));
		require(t.tolerance > 0 && Double.isFinite(t.tolerance), at + "test.tolerance must be > 0, got " +
			t.tolerance);
	}

	/** Bundle paths are relative, '/'-separated and stay inside the bundle. */
	private static void requireRelative(final String path, final String field, final String at) {
		require(path != null && !path.isEmpty(), at + field + " is missing");
		require(SafeZip.isSafeEntryName(path), at + field + " must be a relative path inside the bundle, got " +
			quote(path));
	}

	private static void require(final boolean ok, final String message) {
		if (!ok) throw bad(message);
	}

	/** The message on one line: the values it quotes come from the file and may hold line breaks. */
	private static IllegalArgumentException bad(final String message) {
		return new IllegalArgumentException(message.replaceAll("\\p{Cntrl}", "?"));
	}

	private static String quote(final String value) {
		return value == null ? "nothing" : "\"" + value + "\"";
	}
}
