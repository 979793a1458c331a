package org.deepsr.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deepsr.backend.Device;
import org.deepsr.backend.SessionOptions;
import org.deepsr.backend.SavedModels;
import org.deepsr.backend.Sha256;
import org.deepsr.normalise.Normaliser;
import org.deepsr.normalise.Percentiles;
import org.deepsr.progress.Progress;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Exports a bundle as a bioimage.io model package (rdf.yaml, format 0.4.10):
 * a zip with {@code rdf.yaml}, the weights as a zipped SavedModel (frozen
 * graphs are converted, since bioimage.io has no frozen-graph format), the
 * test tensors as {@code .npy} and DeepSR's own {@code deepsr.json}.
 * <p>
 * Tensors: input "input" with axes {@code byxc}; output "output" with axes
 * {@code byxc}, or {@code bcyx} for NCHW models. The raw input is 8-bit-like
 * data (0..255) for normalisation "fixed" and any data for "percentile".
 */
public final class BioImageIoExport {

	static final String FORMAT_VERSION = "0.4.10";
	static final String WEIGHTS = "saved_model.zip";
	/** bioimage.io's default eps for scale_range. */
	private static final double SCALE_RANGE_EPS = 1e-6;

	private BioImageIoExport() {}

	/**
	 * Writes the package zip. Loads the model (which runs its self-test) to
	 * compute the test output from the documented pre- and postprocessing.
	 *
	 * @param bundle a DeepSR bundle (zip or folder)
	 * @param target the package zip; must not exist unless {@code overwrite}
	 * @param timestamp the rdf's creation time
	 */
	public static Path write(final Path bundle, final Path target, final boolean overwrite, final Instant timestamp,
		final Progress progress) throws IOException
	{
		return write(ModelBundle.open(bundle), target, overwrite, timestamp, progress);
	}

	/** {@link #write(Path, Path, boolean, Instant, Progress)} of an opened bundle. */
	static Path write(final ModelBundle opened, final Path target, final boolean overwrite, final Instant timestamp,
		final Progress progress) throws IOException
	{
		if (Files.exists(target) && !overwrite) throw new IOException(target + " already exists: choose another " +
			"file or allow overwriting");
		final ModelDescriptor d = opened.descriptor();
		final Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path temp = Files.createTempDirectory(parent, ".export-");
		try {
			final Path folder = Files.createDirectories(temp.resolve("package"));
			progress.status("Writing the SavedModel of " + d.name);
			writeWeights(opened, temp.resolve("saved_model"), folder.resolve(WEIGHTS));
			writeTestTensors(opened, folder, progress);
			Files.write(folder.resolve(ModelBundle.DESCRIPTOR), ModelDescriptors.toJson(d).getBytes(
				StandardCharsets.UTF_8));
			Files.write(folder.resolve("README.md"), readme(d).getBytes(StandardCharsets.UTF_8));
			final Map<String, String> hashes = new LinkedHashMap<>();
			for (final String file : new String[] { WEIGHTS, "test_input.npy", "test_output.npy",
				ModelBundle.DESCRIPTOR, "README.md" }) hashes.put(file, Sha256.of(folder.resolve(file)));
			Files.write(folder.resolve("rdf.yaml"), YamlWriter.write(rdf(d, hashes, timestamp)).getBytes(
				StandardCharsets.UTF_8));
			final Path zip = temp.resolve("package.zip");
			SafeZip.zip(folder, zip);
			if (overwrite) SafeZip.deleteTree(target);
			SafeZip.move(zip, target);
		} finally {
			SafeZip.deleteTree(temp);
		}
		progress.log("Exported " + d.name + " as a bioimage.io package: " + target);
		return target;
	}

	private static void writeWeights(final ModelBundle bundle, final Path savedModel, final Path zip)
		throws IOException
	{
		final ModelDescriptor d = bundle.descriptor();
		if ("saved_model".equals(d.weights.format)) {
			SafeZip.zip(bundle.weights(), zip);
			return;
		}
		SavedModels.fromFrozenGraph(bundle.graph(), d.input.tensor, d.output.tensor, "input",
			"output", savedModel);
		SafeZip.zip(savedModel, zip);
	}

	/** Raw test input -> documented preprocessing -> network -> documented postprocessing. */
	private static void writeTestTensors(final ModelBundle bundle, final Path folder, final Progress progress)
		throws IOException
	{
		final ModelDescriptor d = bundle.descriptor();
		final int h = d.test.shape[0], w = d.test.shape[1], c = d.input.channels, s = d.scale;
		final float[] raw = Float32Files.read(bundle.folder().resolve(d.test.input));
		final double lo = d.valueRange[0], hi = d.valueRange[1];
		final String mode = d.normalisation.mode;
		final boolean fixed = "fixed".equals(mode), linear = "linear".equals(mode);
		final float[] network = raw.clone();
		if (fixed) {
			// The bundle's test input is in value_range; the package's raw input is on the 0..255 scale.
			for (int i = 0; i < raw.length; i++) raw[i] = (float) ((raw[i] - lo) * 255 / (hi - lo));
			for (int i = 0; i < raw.length; i++) network[i] = (float) (raw[i] * ((hi - lo) / 255) + lo);
		} else if (linear) {
			// The bundle's test input is in value_range; the package's raw input in the image values low..high.
			final Normaliser n = Normaliser.of(mode, d.normalisation.low, d.normalisation.high, false, List.of(),
				d.valueRange);
			n.inverse(raw);
			System.arraycopy(raw, 0, network, 0, raw.length);
			n.forward(network);
		} else if ("mean_std".equals(mode)) {
			Normaliser.of(mode, null, null, false, List.of(raw), d.valueRange).forward(network);
		} else {
			final float[] scaled = scaleRange(raw, d.normalisation.low, d.normalisation.high);
			for (int i = 0; i < raw.length; i++) network[i] = (float) (scaled[i] * (hi - lo) + lo);
		}
		final float[] out;
		try (LoadedModel model = Models.load(bundle, SessionOptions.of(Device.CPU), progress)) {
			out = model.tileFunction().apply(network, h, w);
		}
		if (fixed) for (int i = 0; i < out.length; i++) out[i] = (float) ((out[i] - lo) * (255 / (hi - lo)));
		if (linear) Normaliser.of(mode, d.normalisation.low, d.normalisation.high, false, List.of(), d.valueRange)
			.inverse(out);
		NpyFiles.write(folder.resolve("test_input.npy"), raw, 1, h, w, c);
		final int oc = d.output.channels;
		if ("NCHW".equals(d.output.layout)) {
			NpyFiles.write(folder.resolve("test_output.npy"), toChannelsFirst(out, s * h * s * w, oc), 1, oc, s * h,
				s * w);
		} else {
			NpyFiles.write(folder.resolve("test_output.npy"), out, 1, s * h, s * w, oc);
		}
	}

	/**
	 * bioimage.io's scale_range as its reference implementation computes it:
	 * (x - p_low) / (p_high - p_low + eps), percentiles as numpy's.
	 */
	private static float[] scaleRange(final float[] values, final double low, final double high) {
		final double[] p = Percentiles.of(List.of(values), low, high);
		final float[] out = new float[values.length];
		for (int i = 0; i < values.length; i++) out[i] = (float) ((values[i] - p[0]) / (p[1] - p[0] + SCALE_RANGE_EPS));
		return out;
	}

	private static float[] toChannelsFirst(final float[] hwc, final int pixels, final int channels) {
		final float[] chw = new float[hwc.length];
		for (int p = 0; p < pixels; p++) for (int c = 0; c < channels; c++) chw[c * pixels + p] = hwc[p * channels + c];
		return chw;
	}

	/** The rdf as a JSON tree in the order the YAML shows it. */
	static JsonObject rdf(final ModelDescriptor d, final Map<String, String> hashes, final Instant timestamp) {
		final boolean nchw = "NCHW".equals(d.output.layout);
		final int c = d.input.channels, s = d.scale, halo = s * d.input.halo;
		final JsonObject rdf = new JsonObject();
		rdf.addProperty("format_version", FORMAT_VERSION);
		rdf.addProperty("type", "model");
		rdf.addProperty("name", d.name);
		rdf.addProperty("description", d.description != null ? d.description : d.architecture + " x" + s +
			" super-resolution, exported from DeepSR");
		rdf.add("authors", array(object("name", "unknown (see cite)")));
		rdf.add("cite", array(cite(d.provenance.source)));
		rdf.addProperty("license", d.provenance.license != null ? d.provenance.license : "unknown");
		rdf.addProperty("documentation", "README.md");
		rdf.add("tags", array("super-resolution", "deepsr", d.architecture.toLowerCase(java.util.Locale.ROOT), "x" +
			s, "2d"));
		rdf.addProperty("timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());

		final JsonObject input = object("name", "input");
		input.addProperty("description", channelText(d));
		input.addProperty("axes", "byxc");
		input.addProperty("data_type", "float32");
		final JsonObject shape = new JsonObject();
		final int min = HaloProbe.roundUp(Math.max(d.input.minSize, d.input.step), d.input.step);
		shape.add("min", ints(1, min, min, c));
		shape.add("step", ints(0, d.input.step, d.input.step, 0));
		input.add("shape", shape);
		input.add("preprocessing", preprocessing(d));
		rdf.add("inputs", array(input));

		final JsonObject output = object("name", "output");
		output.addProperty("axes", nchw ? "bcyx" : "byxc");
		output.addProperty("data_type", "float32");
		final JsonObject outShape = object("reference_tensor", "input");
		outShape.add("scale", nchw ? ints(1, 1, s, s) : ints(1, s, s, 1));
		outShape.add("offset", ints(0, 0, 0, 0));
		output.add("shape", outShape);
		output.add("halo", nchw ? ints(0, 0, halo, halo) : ints(0, halo, halo, 0));
		final JsonArray post = postprocessing(d);
		if (post.size() > 0) output.add("postprocessing", post);
		rdf.add("outputs", array(output));

		rdf.add("test_inputs", array("test_input.npy"));
		rdf.add("test_outputs", array("test_output.npy"));
		final JsonObject bundle = object("source", WEIGHTS);
		bundle.addProperty("sha256", hashes.get(WEIGHTS));
		bundle.addProperty("tensorflow_version", "2.18");
		final JsonObject weights = new JsonObject();
		weights.add("tensorflow_saved_model_bundle", bundle);
		rdf.add("weights", weights);

		final JsonObject deepsr = new JsonObject();
		deepsr.add("descriptor", JsonParser.parseString(ModelDescriptors.toJson(d)));
		final JsonObject files = new JsonObject();
		hashes.forEach(files::addProperty);
		deepsr.add("sha256", files);
		final JsonObject config = new JsonObject();
		config.add("deepsr", deepsr);
		rdf.add("config", config);
		return rdf;
	}

	private static JsonArray preprocessing(final ModelDescriptor d) {
		final double lo = d.valueRange[0], hi = d.valueRange[1];
		final JsonArray steps = new JsonArray();
		if ("percentile".equals(d.normalisation.mode)) {
			final JsonObject kwargs = object("mode", "per_sample");
			kwargs.addProperty("axes", "xyc");
			kwargs.addProperty("min_percentile", d.normalisation.low);
			kwargs.addProperty("max_percentile", d.normalisation.high);
			steps.add(step("scale_range", kwargs));
			if (lo != 0 || hi != 1) steps.add(step("scale_linear", linear(hi - lo, lo)));
		} else if ("mean_std".equals(d.normalisation.mode)) {
			final JsonObject kwargs = object("mode", "per_sample");
			kwargs.addProperty("axes", "xyc");
			steps.add(step("zero_mean_unit_variance", kwargs));
			if (lo != -1 || hi != 1) steps.add(step("scale_linear", linear((hi - lo) / 2, (hi + lo) / 2)));
		} else if ("linear".equals(d.normalisation.mode)) {
			final double gain = (hi - lo) / (d.normalisation.high - d.normalisation.low);
			steps.add(step("scale_linear", linear(gain, lo - d.normalisation.low * gain)));
		} else {
			steps.add(step("scale_linear", linear((hi - lo) / 255, lo)));
		}
		return steps;
	}

	private static JsonArray postprocessing(final ModelDescriptor d) {
		final double lo = d.valueRange[0], hi = d.valueRange[1];
		final JsonArray steps = new JsonArray();
		if (d.clipOutput) {
			final JsonObject kwargs = new JsonObject();
			kwargs.addProperty("min", lo);
			kwargs.addProperty("max", hi);
			steps.add(step("clip", kwargs));
		}
		if ("fixed".equals(d.normalisation.mode)) steps.add(step("scale_linear", linear(255 / (hi - lo), (0 - lo) *
			255 / (hi - lo))));
		if ("linear".equals(d.normalisation.mode)) {
			final double gain = (hi - lo) / (d.normalisation.high - d.normalisation.low);
			steps.add(step("scale_linear", linear(1 / gain, -(lo - d.normalisation.low * gain) / gain)));
		}
		return steps;
	}

	private static JsonObject linear(final double gain, final double offset) {
		final JsonObject kwargs = new JsonObject();
		kwargs.addProperty("gain", gain);
		kwargs.addProperty("offset", offset);
		return kwargs;
	}

	private static JsonObject step(final String name, final JsonObject kwargs) {
		final JsonObject step = object("name", name);
		step.add("kwargs", kwargs);
		return step;
	}

	private static JsonObject cite(final String source) {
		final String text = source != null ? source : "unknown source";
		final JsonObject cite = object("text", text);
		final String first = text.split("\\s+")[0];
		if (first.startsWith("https://") || first.startsWith("http://")) cite.addProperty("url", first);
		return cite;
	}

	private static String channelText(final ModelDescriptor d) {
		switch (d.channels.mode) {
			case "y":
				return "luma Y (" + d.channels.ycbcr + "-range YCbCr) of an RGB image, or a greyscale image";
			case "rgb":
				return "RGB image";
			case "per_channel":
				return "one channel at a time";
			default:
				return "greyscale image";
		}
	}

	private static String readme(final ModelDescriptor d) {
		return "# " + d.name + "\n\n" + (d.description != null ? d.description + "\n\n" : "") + "Exported from " +
			"DeepSR. " + d.architecture + ", x" + d.scale + ", input: " + channelText(d) + ".\n\n" +
			"Source: " + (d.provenance.source != null ? d.provenance.source : "unknown") + "\n" +
			"License: " + (d.provenance.license != null ? d.provenance.license : "unknown") + "\n\n" +
			"The DeepSR descriptor is in deepsr.json and under config.deepsr in rdf.yaml.\n";
	}

	private static JsonObject object(final String key, final String value) {
		final JsonObject o = new JsonObject();
		o.addProperty(key, value);
		return o;
	}

	private static JsonArray array(final Object... items) {
		final JsonArray a = new JsonArray();
		for (final Object item : items) {
			if (item instanceof JsonObject) a.add((JsonObject) item);
			else a.add(item.toString());
		}
		return a;
	}

	private static JsonArray ints(final int... values) {
		final JsonArray a = new JsonArray();
		for (final int v : values) a.add(v);
		return a;
	}
}
