package org.deepsr.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.deepsr.backend.Device;
import org.deepsr.backend.Layout;
import org.deepsr.backend.Network;
import org.deepsr.backend.NetworkOutput;
import org.deepsr.backend.NetworkSpec;
import org.deepsr.backend.Sha256;
import org.deepsr.backend.SessionOptions;
import org.deepsr.progress.Progress;

/**
 * Turns a frozen graph (.pb) or a SavedModel folder plus user metadata into a
 * bundle: it copies the weights, computes their SHA-256, measures the halo,
 * generates a self-test pair and writes the bundle atomically.
 */
public final class ModelImporter {

	/** Test-pair tolerance relative to the value range: room for GPU (TF32) arithmetic. */
	static final double TEST_TOLERANCE = 2e-3;

	private ModelImporter() {}

	/**
	 * Imports a frozen GraphDef.
	 *
	 * @param metadata name, scale, channels, tensors, value range, ... ; weights
	 *          and test are filled in; input.halo is raised to the measured one
	 * @param target bundle to write: a ".zip" file or a folder, which must not
	 *          exist unless {@code overwrite}
	 * @return {@code target}
	 */
	public static Path importFrozenGraph(final Path pb, final ModelDescriptor metadata, final Path target,
		final boolean overwrite, final Progress progress) throws IOException
	{
		return importWeights(pb, "frozen_graph", metadata, target, overwrite, TrustedModels.fromEnvironment(),
			progress);
	}

	/** Imports a SavedModel folder (tag "serve"); tensor names may come from serving_default. */
	public static Path importSavedModel(final Path folder, final ModelDescriptor metadata, final Path target,
		final boolean overwrite, final Progress progress) throws IOException
	{
		return importWeights(folder, "saved_model", metadata, target, overwrite, TrustedModels.fromEnvironment(),
			progress);
	}

	/**
	 * Imports weights of a format ("frozen_graph" or "saved_model"); ops
	 * outside the allow-list run only when {@code trust} trusts them.
	 */
	static Path importWeights(final Path source, final String format, final ModelDescriptor metadata,
		final Path target, final boolean overwrite, final TrustedModels trust, final Progress progress)
		throws IOException
	{
		return importWeights(source, format, metadata, target, overwrite, trust, null, progress);
	}

	/**
	 * A test pair the model came with (network units, row-major [H][W][C]):
	 * the weights must reproduce it (clipped to the value range when the model
	 * clips), and its input becomes the self-test's.
	 */
	static final class GivenTest {

		final float[] input, output;
		final int height, width;
		/** Where the pair came from, for the message when the weights do not reproduce it. */
		final String source;

		GivenTest(final float[] input, final int height, final int width, final float[] output, final String source) {
			this.input = input;
			this.height = height;
			this.width = width;
			this.output = output;
			this.source = source;
		}
	}

	/**
	 * {@link #importWeights(Path, String, ModelDescriptor, Path, boolean, TrustedModels, Progress)}
	 * with the model's own test pair when {@code given} is not null: the
	 * weights must reproduce it within the tolerance, and it becomes the
	 * bundle's self-test.
	 */
	static Path importWeights(final Path source, final String format, final ModelDescriptor metadata,
		final Path target, final boolean overwrite, final TrustedModels trust, final GivenTest given,
		final Progress progress) throws IOException
	{
		final String file = "saved_model".equals(format) ? "saved_model" : "model.pb";
		if (!Files.exists(source)) throw new IOException("cannot import " + source + ": no such file or folder");
		if (Files.exists(target) && !overwrite) {
			throw new IOException("model bundle " + target + " already exists: choose another name or allow " +
				"overwriting");
		}
		final ModelDescriptor d = ModelDescriptors.copy(metadata);
		d.weights.format = format;
		d.weights.file = file;
		progress.status("Hashing " + source.getFileName());
		d.weights.sha256 = Sha256.of(source);
		d.test.input = "test_input.f32";
		d.test.output = "test_output.f32";
		d.test.shape = new int[] { 1, 1 };
		d.test.tolerance = TEST_TOLERANCE * (d.valueRange[1] - d.valueRange[0]);
		if (given != null) { // the package's own outputs may spread wider than the value range
			float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
			for (final float v : given.output) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			if (max > min) d.test.tolerance = Math.max(d.test.tolerance, TEST_TOLERANCE * (max - min));
		}
		final String name = target.getFileName().toString();
		// Everything but the measured fields must be valid before the network runs.
		ModelDescriptors.validate(d, name);

		final NetworkSpec spec = new NetworkSpec(d.input.tensor, d.output.tensor, Layout.parse(d.output.layout));
		final SessionOptions cpu = SessionOptions.of(Device.CPU);
		try (Network network = Network.load(ModelBundle.readGraph(format, source, trust.trusts(
			d.weights.sha256)), spec, cpu))
		{
			progress.status("Measuring the receptive field of " + d.name);
			d.input.halo = Math.max(d.input.halo, HaloProbe.roundUp(HaloProbe.radius(network, d), d.input.step));
			progress.log("Model " + d.name + ": halo " + d.input.halo + " input pixels");
			final int n = HaloProbe.roundUp(Math.max(d.input.minSize, 24), d.input.step);
			final int h = given != null ? given.height : n, w = given != null ? given.width : n;
			d.test.shape = new int[] { h, w };
			final float[] input = given != null ? given.input : testImage(n, d.input.channels, d.valueRange);
			final NetworkOutput output = network.run(input, h, w, d.input.channels);
			if (output.height() != d.scale * h || output.width() != d.scale * w ||
				output.channels() != d.output.channels)
			{
				throw new IllegalArgumentException("model " + d.name + ": a " + h + "x" + w + " input gave a " +
					output.height() + "x" + output.width() + "x" + output.channels() + " output, but the metadata " +
					"says scale " + d.scale + " and " + d.output.channels + " output channel(s)");
			}
			if (given != null) {
				double worst = 0;
				final float[] computed = output.data();
				// a clipped package output is compared clipped; the bundle keeps the network's own output
				final double lo = d.clipOutput ? d.valueRange[0] : Double.NEGATIVE_INFINITY;
				final double hi = d.clipOutput ? d.valueRange[1] : Double.POSITIVE_INFINITY;
				for (int i = 0; i < computed.length; i++)
					worst = Math.max(worst, Math.abs(Math.max(lo, Math.min(hi, computed[i])) - given.output[i]));
				if (!(worst <= d.test.tolerance)) throw new IllegalArgumentException("model " + d.name + ": the " +
					"weights do not reproduce " + given.source + " (largest difference " + (float) worst + ", allowed " +
					(float) d.test.tolerance + " in the network's units): the package is inconsistent or its " +
					"pre/post-processing is not what its rdf.yaml says");
			}
			ModelDescriptors.validate(d, name);
			write(d, source, input, output.data(), target, overwrite);
		}
		progress.log("Imported " + d.name + " into " + target);
		return target;
	}

	/** A smooth ramp plus deterministic noise, spanning the value range. */
	static float[] testImage(final int n, final int channels, final double[] range) {
		final java.util.Random random = new java.util.Random(42);
		final float[] image = new float[n * n * channels];
		for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) for (int c = 0; c < channels; c++) {
			final double t = 0.5 + 0.35 * Math.sin(0.3 * x + 0.2 * y + c) + 0.15 * (random.nextDouble() - 0.5);
			image[(y * n + x) * channels + c] = (float) (range[0] + (range[1] - range[0]) * t);
		}
		return image;
	}

	/** Builds the bundle in a temporary sibling, then moves it into place. */
	static void write(final ModelDescriptor d, final Path weights, final float[] testInput,
		final float[] testOutput, final Path target, final boolean overwrite) throws IOException
	{
		install(target, overwrite, folder -> {
			copy(weights, folder.resolve(d.weights.file));
			Float32Files.write(folder.resolve(d.test.input), testInput);
			Float32Files.write(folder.resolve(d.test.output), testOutput);
			Files.write(folder.resolve(ModelBundle.DESCRIPTOR), ModelDescriptors.toJson(d).getBytes(
				java.nio.charset.StandardCharsets.UTF_8));
		});
	}

	/** Writes a bundle's files into a folder it is given. */
	interface Contents {

		void writeTo(Path folder) throws IOException;
	}

	/**
	 * Builds a bundle in a temporary sibling of the target, zipped when the
	 * target ends in .zip, then moves it into place, so that a failure never
	 * leaves a half-written model.
	 */
	static void install(final Path target, final boolean overwrite, final Contents contents)
		throws IOException
	{
		final Path parent = target.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path temp = Files.createTempDirectory(parent, ".import-");
		try {
			final Path folder = temp.resolve("bundle");
			Files.createDirectories(folder);
			contents.writeTo(folder);
			Path built = folder;
			if (target.getFileName().toString().toLowerCase().endsWith(".zip")) {
				built = temp.resolve("bundle.zip");
				SafeZip.zip(folder, built);
			}
			if (overwrite) SafeZip.deleteTree(target);
			SafeZip.move(built, target);
		} finally {
			SafeZip.deleteTree(temp);
		}
	}

	/** Copies a file, or a folder with everything in it. */
	static void copy(final Path from, final Path to) throws IOException {
		if (!Files.isDirectory(from)) {
			Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
			return;
		}
		try (Stream<Path> walk = Files.walk(from)) {
			for (final Path p : (Iterable<Path>) walk::iterator) {
				final Path out = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(out);
				else Files.copy(p, out);
			}
		}
	}
}
