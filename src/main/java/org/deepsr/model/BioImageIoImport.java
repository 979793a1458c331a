package org.deepsr.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

import org.deepsr.backend.GraphReader;
import org.deepsr.backend.ModelGraph;
import org.deepsr.backend.Sha256;
import org.deepsr.normalise.Normaliser;
import org.deepsr.progress.Progress;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.google.gson.Gson;

/**
 * Imports a bioimage.io model package (a zip or folder with {@code rdf.yaml},
 * format 0.4 or 0.5) with {@code tensorflow_saved_model_bundle} weights as a
 * DeepSR bundle, so that it runs through DeepSR's tiler.
 * <p>
 * The package's preprocessing becomes the bundle's one normalisation
 * ({@link Normaliser}): {@code scale_range} (per sample) is mode
 * "percentile", {@code zero_mean_unit_variance} (per sample) "mean_std",
 * {@code fixed_zero_mean_unit_variance} and a {@code scale_linear} of raw data
 * "linear"; a {@code scale_linear} after one of them sets the value range.
 * DeepSR always maps the network's output back to the input's intensities with
 * the inverse of that map, so the postprocessing must be nothing, that inverse
 * (a {@code scale_linear}, only after a data-independent preprocessing) and/or
 * a {@code clip} to the value range. The input must be {@code byxc} with a
 * size that grows by a step ({@code shape.min}/{@code step}); the output
 * {@code byxc} or {@code bcyx} at an integer scale 2..8; its {@code halo}
 * becomes the input halo (raised to the measured receptive field). The test
 * tensors, pre-processed and with the postprocessing undone, are the bundle's
 * self-test: the weights must reproduce them. Anything else is refused with
 * one line naming the field.
 */
public final class BioImageIoImport {

	/** The package's descriptor file. */
	public static final String RDF = "rdf.yaml";
	private static final int MAX_RDF_BYTES = 1 << 20;
	private static final int MAX_TENSOR_BYTES = 32 << 20;

	private BioImageIoImport() {}

	/** True for a folder holding {@code rdf.yaml} or a zip with an {@code rdf.yaml} entry. */
	public static boolean recognises(final Path source) throws IOException {
		if (Files.isDirectory(source)) return Files.isRegularFile(source.resolve(RDF));
		if (!source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) return false;
		try (ZipFile zip = new ZipFile(source.toFile())) {
			return zip.getEntry(RDF) != null;
		} catch (final IOException e) {
			return false; // not a readable zip: the bundle reader says why
		}
	}

	/** The name to import the package under: DeepSR's own (an exported package) or the rdf's, as a file name. */
	public static String name(final Path source) throws IOException {
		final Map<String, Object> rdf = readRdf(source);
		final ModelDescriptor embedded = embedded(rdf);
		if (embedded != null && embedded.name != null) return embedded.name;
		final Object name = rdf.get("name");
		return name == null ? null : name.toString().trim().replaceAll("[^A-Za-z0-9._-]+", "_");
	}

	/**
	 * Writes the DeepSR bundle of a package.
	 *
	 * @param name the model's name
	 * @param target the bundle to write (zip or folder)
	 * @throws IllegalArgumentException naming the field DeepSR cannot run
	 */
	static Path importPackage(final Path source, final String name, final Path target, final boolean overwrite,
		final TrustedModels trust, final Progress progress) throws IOException
	{
		final Map<String, Object> rdf = readRdf(source);
		final Description p = describe(rdf, name);
		final Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path temp = Files.createTempDirectory(parent, ".bioimageio-");
		try {
			final Path files;
			if (Files.isDirectory(source)) files = source;
			else {
				files = temp.resolve("package");
				final Set<String> wanted = new HashSet<>(List.of(p.weights, p.testInput, p.testOutput));
				SafeZip.extract(source, files, wanted::contains, folder -> {
					for (final String file : wanted)
						if (!Files.isRegularFile(folder.resolve(file))) throw new IOException("bioimage.io package " +
							source.getFileName() + " lacks " + file + ", which its rdf.yaml names");
				});
			}
			final Path weightsZip = file(files, p.weights, "weights.tensorflow_saved_model_bundle.source");
			if (p.weightsSha256 != null && !p.weightsSha256.equalsIgnoreCase(Sha256.of(weightsZip)))
				throw new IOException("bioimage.io package " + source.getFileName() + ": " + p.weights +
					" does not have the sha256 its rdf.yaml gives: it is damaged or was changed; download it again");
			progress.status("Unpacking the SavedModel of " + name);
			final Path savedModel = temp.resolve("saved_model");
			SafeZip.extract(weightsZip, savedModel, entry -> true, folder -> {
				if (!Files.isRegularFile(folder.resolve("saved_model.pb"))) throw new IOException(p.weights +
					" holds no saved_model.pb at its top: not a zipped TensorFlow SavedModel");
			});
			final ModelGraph graph = GraphReader.savedModel(savedModel);
			p.descriptor.input.tensor = signatureKey(graph.signatureInputs(), p.inputName, "inputs[0].name");
			p.descriptor.output.tensor = signatureKey(graph.signatureOutputs(), p.outputName, "outputs[0].name");
			final ModelImporter.GivenTest test = testPair(p, file(files, p.testInput, "test input"), file(files,
				p.testOutput, "test output"));
			return ModelImporter.importWeights(savedModel, "saved_model", p.descriptor, target, overwrite, trust, test,
				progress);
		} finally {
			SafeZip.deleteTree(temp);
		}
	}

	/** What {@link #describe} reads from an rdf. */
	static final class Description {

		final ModelDescriptor descriptor = new ModelDescriptor();
		String inputName, outputName, weights, weightsSha256, testInput, testOutput, inputAxes, outputAxes;
		/** Whether the postprocessing holds the inverse of the preprocessing's linear map. */
		boolean postLinear;
		/** The rdf's own preprocessing as a normalisation (the descriptor may hold DeepSR's equivalent one). */
		ModelDescriptor.Normalisation rdfNormalisation;
		double[] rdfRange;
	}

	/** The descriptor (all but weights, tensors and test) and files of an rdf. */
	static Description describe(final Map<String, Object> rdf, final String name) {
		final Description p = new Description();
		final String format = string(rdf.get("format_version"), "format_version");
		final boolean v5 = format.startsWith("0.5");
		if (!v5 && !format.startsWith("0.4")) throw refuse("format_version", format, "DeepSR reads bioimage.io " +
			"model descriptions of format 0.4 and 0.5");
		final Object type = rdf.get("type");
		if (type != null && !"model".equals(type)) throw refuse("type", type, "only a model can be imported");
		final List<Object> inputs = list(rdf.get("inputs"), "inputs"), outputs = list(rdf.get("outputs"), "outputs");
		if (inputs.size() != 1) throw refuse("inputs", inputs.size() + " tensors", "DeepSR runs models of one input");
		if (outputs.size() != 1) throw refuse("outputs", outputs.size() + " tensors", "DeepSR runs models of one " +
			"output");
		final Map<String, Object> in = map(inputs.get(0), "inputs[0]"), out = map(outputs.get(0), "outputs[0]");
		p.inputName = string(in.get(v5 ? "id" : "name"), "inputs[0]." + (v5 ? "id" : "name"));
		p.outputName = string(out.get(v5 ? "id" : "name"), "outputs[0]." + (v5 ? "id" : "name"));
		final Axes inAxes = Axes.of(in, v5, "inputs[0]"), outAxes = Axes.of(out, v5, "outputs[0]");
		p.inputAxes = inAxes.letters;
		p.outputAxes = outAxes.letters;
		if (!"byxc".equals(inAxes.letters)) throw refuse("inputs[0].axes", inAxes.letters, "DeepSR feeds " +
			"channels-last 2-D inputs (byxc)");
		if (!"byxc".equals(outAxes.letters) && !"bcyx".equals(outAxes.letters)) throw refuse("outputs[0].axes",
			outAxes.letters, "DeepSR reads 2-D outputs byxc or bcyx");
		final Object dataType = in.get(v5 ? null : "data_type");
		if (dataType != null && !"float32".equals(dataType)) throw refuse("inputs[0].data_type", dataType,
			"DeepSR feeds float32");

		final ModelDescriptor d = p.descriptor;
		d.name = name;
		d.architecture = "bioimage.io";
		d.description = rdf.get("description") == null ? null : rdf.get("description").toString();
		final int c = inAxes.channels;
		if (c != 1 && c != 3) throw refuse("inputs[0] channels", c, "DeepSR runs 1-channel (each channel of an " +
			"image in turn) or 3-channel (RGB) models");
		d.channels.mode = c == 3 ? "rgb" : "per_channel";
		d.input.channels = c;
		d.output.channels = outAxes.channels > 0 ? outAxes.channels : c;
		if (d.output.channels != c) throw refuse("outputs[0] channels", d.output.channels, "DeepSR needs as many " +
			"output channels as input channels (" + c + ")");
		d.output.layout = "byxc".equals(outAxes.letters) ? "NHWC" : "NCHW";
		if (inAxes.stepY == 0 || inAxes.stepX == 0) throw refuse("inputs[0] shape", inAxes.minY + "x" + inAxes.minX +
			" fixed (step 0)", "DeepSR's tiles need an input whose size grows by a step");
		d.input.minSize = Math.max(1, Math.max(inAxes.minY, inAxes.minX));
		d.input.step = lcm(inAxes.stepY, inAxes.stepX);
		final double scaleY = outAxes.scale(inAxes, 'y'), scaleX = outAxes.scale(inAxes, 'x');
		if (scaleY != scaleX || scaleY != Math.rint(scaleY) || scaleY < 2 || scaleY > 8) throw refuse(
			"outputs[0] scale", scaleY == scaleX ? fmt(scaleY) : fmt(scaleY) + " (y), " + fmt(scaleX) + " (x)",
			"DeepSR runs super-resolution models of one integer scale 2..8");
		d.scale = (int) scaleY;
		final int halo = (int) Math.ceil((double) Math.max(outAxes.haloY, outAxes.haloX) / d.scale);
		d.input.halo = HaloProbe.roundUp(halo, d.input.step);

		preprocessing(list(in.get("preprocessing"), null), v5, c, p);
		postprocessing(list(out.get("postprocessing"), null), v5, p);

		final Map<String, Object> weights = map(rdf.get("weights"), "weights");
		final Object bundle = weights.get("tensorflow_saved_model_bundle");
		if (bundle == null) throw refuse("weights", String.join(", ", weights.keySet()), "DeepSR runs " +
			"tensorflow_saved_model_bundle weights only; convert the model to a TensorFlow SavedModel");
		final Map<String, Object> w = map(bundle, "weights.tensorflow_saved_model_bundle");
		p.weights = relative(w.get("source"), "weights.tensorflow_saved_model_bundle.source");
		p.weightsSha256 = w.get("sha256") == null ? null : w.get("sha256").toString();
		if (v5) {
			p.testInput = relative(map(in.get("test_tensor"), "inputs[0].test_tensor").get("source"),
				"inputs[0].test_tensor.source");
			p.testOutput = relative(map(out.get("test_tensor"), "outputs[0].test_tensor").get("source"),
				"outputs[0].test_tensor.source");
		} else {
			p.testInput = relative(list(rdf.get("test_inputs"), "test_inputs").get(0), "test_inputs[0]");
			p.testOutput = relative(list(rdf.get("test_outputs"), "test_outputs").get(0), "test_outputs[0]");
		}
		d.provenance.source = citation(rdf);
		d.provenance.license = rdf.get("license") == null ? null : rdf.get("license").toString();
		d.provenance.notes = "imported from a bioimage.io model package (format " + format + ")";
		p.rdfNormalisation = ModelDescriptors.copy(d).normalisation;
		p.rdfRange = d.valueRange.clone();
		adopt(embedded(rdf), d);
		return p;
	}

	/** A DeepSR-exported package keeps DeepSR's own description of the model where the rdf agrees with it. */
	private static void adopt(final ModelDescriptor own, final ModelDescriptor d) {
		if (own == null) return;
		d.architecture = own.architecture;
		d.description = own.description;
		d.channels.mode = own.channels.mode;
		d.channels.ycbcr = own.channels.ycbcr;
		d.input.border = own.input.border;
		d.provenance = own.provenance;
		d.scores = own.scores;
		if (sameMap(own, d)) {
			d.normalisation = own.normalisation;
			d.valueRange = own.valueRange.clone();
		}
	}

	/** Whether DeepSR's descriptor normalises as the rdf's preprocessing does. */
	private static boolean sameMap(final ModelDescriptor own, final ModelDescriptor d) {
		final ModelDescriptor.Normalisation a = own.normalisation, b = d.normalisation;
		if (own.valueRange == null || own.valueRange.length != 2) return false;
		final double lo = own.valueRange[0], hi = own.valueRange[1];
		if ("fixed".equals(a.mode)) { // exported as scale_linear from 0..255 (exact for 8-bit and RGB data)
			final ModelDescriptor eight = ModelDescriptors.copy(own);
			eight.normalisation.mode = "linear";
			eight.normalisation.low = 0d;
			eight.normalisation.high = 255d;
			return sameMap(eight, d);
		}
		if ("linear".equals(a.mode)) {
			if (!"linear".equals(b.mode) || a.low == null || a.high == null) return false;
			final double gainA = (hi - lo) / (a.high - a.low), gainB = (d.valueRange[1] - d.valueRange[0]) / (b.high -
				b.low);
			return close(gainA, gainB) && close(lo - a.low * gainA, d.valueRange[0] - b.low * gainB);
		}
		final boolean sameRange = close(lo, d.valueRange[0]) && close(hi, d.valueRange[1]);
		if ("percentile".equals(a.mode)) return "percentile".equals(b.mode) && sameRange && a.low != null && a.low
			.equals(b.low) && a.high != null && a.high.equals(b.high);
		return "mean_std".equals(a.mode) && "mean_std".equals(b.mode) && sameRange;
	}

	private static ModelDescriptor embedded(final Map<String, Object> rdf) {
		final Object config = rdf.get("config");
		if (!(config instanceof Map)) return null;
		final Object deepsr = ((Map<?, ?>) config).get("deepsr");
		if (!(deepsr instanceof Map)) return null;
		final Object descriptor = ((Map<?, ?>) deepsr).get("descriptor");
		if (!(descriptor instanceof Map)) return null;
		try {
			return ModelDescriptors.parse(new Gson().toJson(descriptor), "config.deepsr.descriptor");
		} catch (final RuntimeException e) {
			return null; // not DeepSR's: read the rdf alone
		}
	}

	/** The preprocessing chain as one linear normalisation: mode, low/high and value range. */
	private static void preprocessing(final List<Object> steps, final boolean v5, final int channels,
		final Description p)
	{
		final ModelDescriptor.Normalisation n = p.descriptor.normalisation;
		n.mode = null;
		double lo = 0, hi = 1; // the image values low/high (or statistics) map to [lo, hi]
		for (int i = 0; i < steps.size(); i++) {
			final String at = "inputs[0].preprocessing[" + i + "]";
			final Map<String, Object> step = map(steps.get(i), at);
			final String name = string(step.get(v5 ? "id" : "name"), at + (v5 ? ".id" : ".name"));
			final Map<String, Object> kwargs = step.get("kwargs") == null ? Map.of() : map(step.get("kwargs"), at +
				".kwargs");
			switch (name) {
				case "scale_range":
				case "zero_mean_unit_variance":
				case "fixed_zero_mean_unit_variance": {
					if (n.mode != null) throw refuse(at, name, "DeepSR normalises once: " + name +
						" must come first (a scale_linear may follow)");
					final Object mode = kwargs.get("mode");
					final boolean fixedMode = "fixed_zero_mean_unit_variance".equals(name) || "fixed".equals(mode);
					if (mode != null && !"per_sample".equals(mode) && !"fixed".equals(mode)) throw refuse(at +
						".kwargs.mode", mode, "DeepSR takes statistics per image (per_sample)");
					if (!fixedMode) requireAllAxes(kwargs.get("axes"), channels, at + ".kwargs.axes");
					if (kwargs.get("reference_tensor") != null && !kwargs.get("reference_tensor").equals(p.inputName))
						throw refuse(at + ".kwargs.reference_tensor", kwargs.get("reference_tensor"),
							"the input normalises with its own statistics");
					if ("scale_range".equals(name)) {
						if ("fixed".equals(mode)) throw refuse(at + ".kwargs.mode", mode, "scale_range is per_sample");
						n.mode = Normaliser.PERCENTILE;
						n.low = number(kwargs.getOrDefault("min_percentile", 0), at + ".kwargs.min_percentile");
						n.high = number(kwargs.getOrDefault("max_percentile", 100), at + ".kwargs.max_percentile");
						if (!(n.low >= 0 && n.low < n.high && n.high <= 100)) throw refuse(at + ".kwargs",
							n.low + ".." + n.high, "percentiles must be 0 <= min < max <= 100");
					} else if (fixedMode) {
						final double mean = scalar(kwargs.get("mean"), at + ".kwargs.mean");
						final double std = scalar(kwargs.get("std"), at + ".kwargs.std");
						if (!(std > 0)) throw refuse(at + ".kwargs.std", std, "it must be > 0");
						n.mode = Normaliser.LINEAR;
						n.low = mean - std;
						n.high = mean + std;
					} else n.mode = Normaliser.MEAN_STD;
					if (!Normaliser.PERCENTILE.equals(n.mode)) {
						lo = -1;
						hi = 1;
					}
					break;
				}
				case "scale_linear": {
					final double gain = scalar(kwargs.getOrDefault("gain", 1), at + ".kwargs.gain");
					final double offset = scalar(kwargs.getOrDefault("offset", 0), at + ".kwargs.offset");
					if (!(gain > 0)) throw refuse(at + ".kwargs.gain", gain, "DeepSR needs a positive gain");
					if (n.mode == null) {
						n.mode = Normaliser.LINEAR;
						n.low = 0d;
						n.high = 1d;
					}
					lo = gain * lo + offset;
					hi = gain * hi + offset;
					break;
				}
				case "ensure_dtype":
					if (!"float32".equals(kwargs.get("dtype"))) throw refuse(at + ".kwargs.dtype", kwargs.get("dtype"),
						"DeepSR feeds float32");
					break;
				default:
					throw refuse(at, name, "DeepSR's input normalisation is one linear map (scale_range, " +
						"zero_mean_unit_variance, fixed_zero_mean_unit_variance, scale_linear)");
			}
		}
		if (n.mode == null) { // raw values go in as they are
			n.mode = Normaliser.LINEAR;
			n.low = 0d;
			n.high = 1d;
		}
		p.descriptor.valueRange = new double[] { lo, hi };
	}

	/** Accepts what DeepSR does anyway: the inverse of the preprocessing's map, and a clip to the value range. */
	private static void postprocessing(final List<Object> steps, final boolean v5, final Description p) {
		final ModelDescriptor d = p.descriptor;
		for (int i = 0; i < steps.size(); i++) {
			final double lo = d.valueRange[0], hi = d.valueRange[1];
			final String at = "outputs[0].postprocessing[" + i + "]";
			final Map<String, Object> step = map(steps.get(i), at);
			final String name = string(step.get(v5 ? "id" : "name"), at + (v5 ? ".id" : ".name"));
			final Map<String, Object> kwargs = step.get("kwargs") == null ? Map.of() : map(step.get("kwargs"), at +
				".kwargs");
			if ("scale_linear".equals(name)) {
				if (!Normaliser.LINEAR.equals(d.normalisation.mode) || p.postLinear) throw refuse(at, name,
					"DeepSR maps the output back to the input's intensities with the inverse of the " +
						"preprocessing; a scale_linear is accepted only as that inverse, after a fixed preprocessing");
				final double gain = scalar(kwargs.getOrDefault("gain", 1), at + ".kwargs.gain");
				final double offset = scalar(kwargs.getOrDefault("offset", 0), at + ".kwargs.offset");
				final double a = (hi - lo) / (d.normalisation.high - d.normalisation.low);
				final double b = lo - d.normalisation.low * a;
				if (!close(gain, 1 / a) || !close(offset * a, -b)) throw refuse(at + ".kwargs", "gain " + fmt(gain) +
					", offset " + fmt(offset), "DeepSR maps the output back with the inverse of the preprocessing " +
						"(gain " + fmt(1 / a) + ", offset " + fmt(-b / a) + ")");
				p.postLinear = true;
			} else if ("clip".equals(name)) {
				double min = number(kwargs.get("min"), at + ".kwargs.min"), max = number(kwargs.get("max"), at +
					".kwargs.max");
				if (p.postLinear) { // in image units: back to the network's
					final double a = (hi - lo) / (d.normalisation.high - d.normalisation.low);
					min = (min - d.normalisation.low) * a + lo;
					max = (max - d.normalisation.low) * a + lo;
				}
				if (Normaliser.LINEAR.equals(d.normalisation.mode) && max > min) {
					// a fixed map: its value range may be any two points on it, so take the clip's
					final double a = (hi - lo) / (d.normalisation.high - d.normalisation.low);
					d.normalisation.low = d.normalisation.low + (min - lo) / a;
					d.normalisation.high = d.normalisation.low + (max - min) / a;
					d.valueRange = new double[] { min, max };
				} else if (!close(min, lo) || !close(max, hi)) throw refuse(at + ".kwargs", fmt(min) + ".." + fmt(max) +
					" in the network's units", "DeepSR clips the output only to the network's value range " + fmt(lo) +
						".." + fmt(hi));
				d.clipOutput = true;
			} else if (!"ensure_dtype".equals(name)) {
				throw refuse(at, name, "DeepSR maps the output back to the input's intensities with the inverse " +
					"of the preprocessing; only that scale_linear and a clip to the value range can follow");
			}
		}
	}

	/** The package's test tensors as DeepSR's self-test: network input and output, row-major [H][W][C]. */
	private static ModelImporter.GivenTest testPair(final Description p, final Path input, final Path output)
		throws IOException
	{
		final ModelDescriptor d = p.descriptor;
		final NpyFiles.Array in = NpyFiles.read(readLimited(input), p.testInput);
		final NpyFiles.Array out = NpyFiles.read(readLimited(output), p.testOutput);
		if (in.shape.length != 4 || in.shape[0] != 1 || in.shape[3] != d.input.channels) throw refuse(
			"test input " + p.testInput, java.util.Arrays.toString(in.shape), "it must be [1, H, W, " +
				d.input.channels + "] (byxc)");
		final int h = in.shape[1], w = in.shape[2], s = d.scale, c = d.output.channels;
		final int[] expected = "NHWC".equals(d.output.layout) ? new int[] { 1, s * h, s * w, c } : new int[] { 1, c, s *
			h, s * w };
		if (!java.util.Arrays.equals(out.shape, expected)) throw refuse("test output " + p.testOutput, java.util.Arrays
			.toString(out.shape), "the input " + h + "x" + w + " at scale " + s + " needs " + java.util.Arrays.toString(
				expected));
		final float[] network = in.values.clone();
		final Normaliser normaliser = Normaliser.of(p.rdfNormalisation.mode, p.rdfNormalisation.low,
			p.rdfNormalisation.high, false, List.of(in.values), p.rdfRange);
		normaliser.forward(network);
		float[] target = out.values.clone();
		if ("NCHW".equals(d.output.layout)) {
			final int pixels = s * h * s * w;
			final float[] hwc = new float[target.length];
			for (int ch = 0; ch < c; ch++)
				for (int i = 0; i < pixels; i++)
					hwc[i * c + ch] = target[ch * pixels + i];
			target = hwc;
		}
		// the postprocessing undone: its scale_linear was the normaliser's inverse
		if (p.postLinear) normaliser.forward(target);
		return new ModelImporter.GivenTest(network, h, w, target, "the package's test tensors " + p.testInput + " -> " +
			p.testOutput);
	}

	/** The axes of a tensor description, its channel count, input size rules, output scale and halo. */
	private static final class Axes {

		String letters = "";
		int channels = -1, minY, minX, stepY, stepX, haloY, haloX;
		final Map<Character, Double> scale = new LinkedHashMap<>(), physical = new LinkedHashMap<>();

		static Axes of(final Map<String, Object> tensor, final boolean v5, final String at) {
			final Axes a = new Axes();
			if (v5) {
				final List<Object> axes = list(tensor.get("axes"), at + ".axes");
				for (int i = 0; i < axes.size(); i++) {
					final Map<String, Object> axis = map(axes.get(i), at + ".axes[" + i + "]");
					final String type = string(axis.get("type"), at + ".axes[" + i + "].type");
					final char letter;
					switch (type) {
						case "batch": letter = 'b'; break;
						case "channel": letter = 'c'; break;
						case "space": letter = string(axis.getOrDefault("id", "?"), at + ".axes[" + i + "].id").charAt(0);
							break;
						case "time": letter = 't'; break;
						default: letter = 'i';
					}
					a.letters += letter;
					if (letter == 'c') {
						final Object names = axis.get("channel_names");
						a.channels = names instanceof List ? ((List<?>) names).size() : (int) number(axis.getOrDefault(
							"size", 1), at + ".axes[" + i + "].size");
					}
					if (letter == 'x' || letter == 'y') {
						final Object size = axis.get("size");
						int min = 0, step = 0;
						if (size instanceof Number) min = ((Number) size).intValue();
						else if (size instanceof Map && ((Map<?, ?>) size).containsKey("min")) {
							min = (int) number(((Map<?, ?>) size).get("min"), at + ".axes[" + i + "].size.min");
							step = ((Map<?, ?>) size).get("step") == null ? 0 : (int) number(((Map<?, ?>) size).get(
								"step"), at + ".axes[" + i + "].size.step");
						}
						final int halo = axis.get("halo") == null ? 0 : (int) number(axis.get("halo"), at + ".axes[" + i +
							"].halo");
						final double physical = axis.get("scale") == null ? 1 : number(axis.get("scale"), at + ".axes[" + i +
							"].scale");
						a.physical.put(letter, physical);
						if (letter == 'y') {
							a.minY = min;
							a.stepY = step;
							a.haloY = halo;
						} else {
							a.minX = min;
							a.stepX = step;
							a.haloX = halo;
						}
					}
				}
				return a;
			}
			a.letters = string(tensor.get("axes"), at + ".axes");
			final Object shape = tensor.get("shape");
			final int y = a.letters.indexOf('y'), x = a.letters.indexOf('x'), c = a.letters.indexOf('c');
			if (shape instanceof List) { // explicit: a fixed size
				final List<Object> dims = list(shape, at + ".shape");
				if (dims.size() != a.letters.length()) throw refuse(at + ".shape", dims, "one size per axis");
				if (y >= 0) a.minY = (int) number(dims.get(y), at + ".shape");
				if (x >= 0) a.minX = (int) number(dims.get(x), at + ".shape");
				if (c >= 0) a.channels = (int) number(dims.get(c), at + ".shape");
			} else if (shape instanceof Map && ((Map<?, ?>) shape).containsKey("min")) {
				final List<Object> min = list(((Map<?, ?>) shape).get("min"), at + ".shape.min");
				final List<Object> step = list(((Map<?, ?>) shape).get("step"), at + ".shape.step");
				if (min.size() != a.letters.length() || step.size() != a.letters.length()) throw refuse(at + ".shape",
					shape, "min and step need one entry per axis");
				if (y >= 0) {
					a.minY = (int) number(min.get(y), at + ".shape.min");
					a.stepY = (int) number(step.get(y), at + ".shape.step");
				}
				if (x >= 0) {
					a.minX = (int) number(min.get(x), at + ".shape.min");
					a.stepX = (int) number(step.get(x), at + ".shape.step");
				}
				if (c >= 0) a.channels = (int) number(min.get(c), at + ".shape.min");
			} else if (shape instanceof Map && ((Map<?, ?>) shape).containsKey("scale")) {
				final List<Object> scale = list(((Map<?, ?>) shape).get("scale"), at + ".shape.scale");
				final Object offsets = ((Map<?, ?>) shape).get("offset");
				final List<Object> offset = offsets == null ? null : list(offsets, at + ".shape.offset");
				if (scale.size() != a.letters.length()) throw refuse(at + ".shape.scale", scale, "one entry per axis");
				for (int i = 0; i < scale.size(); i++) {
					final char letter = a.letters.charAt(i);
					if (letter != 'y' && letter != 'x') continue;
					if (offset != null && number(offset.get(i), at + ".shape.offset") != 0) throw refuse(at +
						".shape.offset", offset, "DeepSR's output is exactly scale times the input");
					a.scale.put(letter, number(scale.get(i), at + ".shape.scale"));
				}
			} else throw refuse(at + ".shape", shape, "expected sizes, min/step or reference_tensor/scale/offset");
			final Object halo = tensor.get("halo");
			if (halo != null) {
				final List<Object> h = list(halo, at + ".halo");
				if (y >= 0 && y < h.size()) a.haloY = (int) number(h.get(y), at + ".halo");
				if (x >= 0 && x < h.size()) a.haloX = (int) number(h.get(x), at + ".halo");
			}
			return a;
		}

		/** The upscaling factor along an axis of this output over {@code input}. */
		double scale(final Axes input, final char axis) {
			if (scale.containsKey(axis)) return scale.get(axis);
			// 0.5: out size = in size * in scale / out scale (the axes' physical pixel sizes)
			final double out = physical.getOrDefault(axis, 1d), in = input.physical.getOrDefault(axis, 1d);
			return in / out;
		}
	}

	// ---- reading the rdf

	static Map<String, Object> readRdf(final Path source) throws IOException {
		final byte[] bytes;
		if (Files.isDirectory(source)) {
			final Path rdf = source.resolve(RDF);
			if (Files.size(rdf) > MAX_RDF_BYTES) throw new IOException(rdf + " is larger than 1 MiB: not a model " +
				"description");
			bytes = Files.readAllBytes(rdf);
		} else {
			bytes = SafeZip.readEntry(source, RDF, MAX_RDF_BYTES);
			if (bytes == null) throw new IOException(source + " holds no " + RDF + ": not a bioimage.io package");
		}
		final LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(20);
		options.setCodePointLimit(MAX_RDF_BYTES);
		final Object yaml;
		try {
			yaml = new Yaml(new SafeConstructor(options)).load(new String(bytes, StandardCharsets.UTF_8));
		} catch (final RuntimeException e) {
			throw new IOException(source.getFileName() + ": " + RDF + " is not readable YAML (" + String.valueOf(e
				.getMessage()).replaceAll("\\s+", " ") + ")", e);
		}
		if (!(yaml instanceof Map)) throw new IOException(source.getFileName() + ": " + RDF + " is not a YAML mapping");
		@SuppressWarnings("unchecked")
		final Map<String, Object> map = (Map<String, Object>) yaml;
		return map;
	}

	private static byte[] readLimited(final Path file) throws IOException {
		if (Files.size(file) > MAX_TENSOR_BYTES) throw new IOException(file.getFileName() + " is larger than " +
			(MAX_TENSOR_BYTES >> 20) + " MiB: too large for a test tensor");
		return Files.readAllBytes(file);
	}

	private static Path file(final Path folder, final String relative, final String field) throws IOException {
		final Path file = folder.resolve(relative).normalize();
		if (!file.startsWith(folder.normalize())) throw refuse(field, relative, "it must stay inside the package");
		if (!Files.isRegularFile(file)) throw new IOException("bioimage.io package lacks " + relative + " (" + field +
			")");
		return file;
	}

	private static String signatureKey(final Map<String, String> signature, final String name, final String field) {
		if (signature == null || signature.isEmpty() || signature.containsKey(name)) return name;
		if (signature.size() == 1) return null; // the only one
		throw refuse(field, name, "the SavedModel's serving_default signature has " + signature.keySet());
	}

	private static void requireAllAxes(final Object axes, final int channels, final String field) {
		if (axes == null) return; // default: all axes
		final String letters;
		if (axes instanceof List) {
			final StringBuilder b = new StringBuilder();
			for (final Object a : (List<?>) axes) b.append("channel".equals(a) ? "c" : "batch".equals(a) ? "b" : String
				.valueOf(a));
			letters = b.toString();
		} else letters = axes.toString();
		if (letters.indexOf('x') < 0 || letters.indexOf('y') < 0 || channels > 1 && letters.indexOf('c') < 0)
			throw refuse(field, axes, "DeepSR takes statistics over the whole image (x, y" + (channels > 1 ? " and c"
				: "") + ")");
	}

	private static String citation(final Map<String, Object> rdf) {
		final Object cite = rdf.get("cite");
		if (cite instanceof List && !((List<?>) cite).isEmpty() && ((List<?>) cite).get(0) instanceof Map) {
			final Map<?, ?> first = (Map<?, ?>) ((List<?>) cite).get(0);
			final Object text = first.get("text"), url = first.get("url") != null ? first.get("url") : first.get("doi");
			return (text == null ? "" : text.toString()) + (url == null ? "" : " " + url);
		}
		return rdf.get("name") == null ? null : "bioimage.io: " + rdf.get("name");
	}

	private static String relative(final Object value, final String field) {
		final String s = string(value, field);
		if (s.contains("://")) throw refuse(field, s, "DeepSR imports packages with their files; download the " +
			"package (zip) instead");
		if (!SafeZip.isSafeEntryName(s)) throw refuse(field, s, "it must be a relative path inside the package");
		return s;
	}

	private static String string(final Object value, final String field) {
		if (value == null) throw new IllegalArgumentException("rdf.yaml: " + field + " is missing");
		return value.toString();
	}

	private static double number(final Object value, final String field) {
		if (value instanceof Number) return ((Number) value).doubleValue();
		throw refuse(field, value, "a number is needed");
	}

	/** A number, or a list of equal numbers (one per channel). */
	private static double scalar(final Object value, final String field) {
		if (value instanceof List) {
			final List<?> values = (List<?>) value;
			if (values.isEmpty()) throw refuse(field, value, "a number is needed");
			final double first = number(values.get(0), field);
			for (final Object v : values)
				if (number(v, field) != first) throw refuse(field, value, "DeepSR normalises all channels alike");
			return first;
		}
		return number(value, field);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(final Object value, final String field) {
		if (value instanceof Map) return (Map<String, Object>) value;
		if (value == null) throw new IllegalArgumentException("rdf.yaml: " + field + " is missing");
		throw refuse(field, value, "a mapping is needed");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(final Object value, final String field) {
		if (value == null && field == null) return new ArrayList<>();
		if (value instanceof List) {
			if (((List<?>) value).isEmpty() && field != null) throw refuse(field, "[]", "it is empty");
			return (List<Object>) value;
		}
		if (value == null) throw new IllegalArgumentException("rdf.yaml: " + field + " is missing");
		throw refuse(field == null ? "processing" : field, value, "a list is needed");
	}

	private static IllegalArgumentException refuse(final String field, final Object value, final String why) {
		String text = String.valueOf(value).replaceAll("\\s+", " ");
		if (text.length() > 80) text = text.substring(0, 77) + "...";
		return new IllegalArgumentException("cannot import this bioimage.io model: " + field + " is " + text + "; " +
			why);
	}

	private static boolean close(final double a, final double b) {
		return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
	}

	private static int lcm(final int a, final int b) {
		int x = a, y = b;
		while (y != 0) {
			final int t = x % y;
			x = y;
			y = t;
		}
		return a / x * b;
	}

	private static String fmt(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}
}
