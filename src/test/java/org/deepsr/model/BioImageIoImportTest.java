package org.deepsr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.deepsr.backend.Device;
import org.deepsr.backend.Sha256;
import org.deepsr.backend.TinyNet;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/**
 * bioimage.io packages written here from the model specification (0.4 and
 * 0.5): a {@link TinyNet} SavedModel (x2, 3x3 convolution with known weights,
 * pixel shuffle, then a tanh, so that the normalisation matters) zipped as {@code tensorflow_saved_model_bundle}, test tensors
 * computed here from the rdf's pre/post-processing with plain loops
 * ({@link TinyNet#reference}, percentiles, mean and standard deviation
 * computed by sorting and summing in this test). Each package is imported
 * through {@link ModelManager} (which runs the self-test), then an image
 * (not the test tensor) is upscaled through the tiler and compared with the
 * same independent computation away from the image border (DeepSR mirrors the
 * image there, the reference pads with zeros).
 */
@ExtendWith(TemporaryModelCache.class)
class BioImageIoImportTest {

	private static final int H = 20, W = 20, S = 2;

	/** Raw 32-bit data far from 0..1, so that the preprocessing matters. */
	private static float[] image(final int h, final int w, final int seed) {
		final java.util.Random random = new java.util.Random(seed);
		final float[] v = new float[h * w];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				v[y * w + x] = (float) (800 + 600 * Math.sin(0.4 * x + 0.25 * y + seed) + 90 * random.nextGaussian());
		v[3] = 9000; // an outlier the percentiles ignore
		return v;
	}

	/** numpy.percentile (linear) of all values. */
	private static double percentile(final float[] values, final double p) {
		final float[] sorted = values.clone();
		Arrays.sort(sorted);
		final double rank = p / 100 * (sorted.length - 1);
		final int i = (int) Math.floor(rank);
		return i + 1 < sorted.length ? sorted[i] + (rank - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
	}

	/** The network's input from the raw values, as the rdf's preprocessing says (an affine map per image). */
	interface Pre {

		DoubleUnaryOperator of(float[] raw);
	}

	@Test
	void format04ScaleRangeThenScaleLinear(@TempDir final Path dir) throws IOException {
		final String processing = "    preprocessing:\n" +
			"      - name: scale_range\n        kwargs: {mode: per_sample, axes: xyc, min_percentile: 1, max_percentile: 99.5}\n" +
			"      - name: scale_linear\n        kwargs: {gain: 2, offset: -1, axes: xyc}\n";
		final Pre pre = raw -> {
			final double lo = percentile(raw, 1), hi = percentile(raw, 99.5);
			return x -> 2 * (x - lo) / (hi - lo) - 1;
		};
		final ModelEntry entry = importAndRun(dir, v04(processing, ""), pre, false, false, false);
		final ModelDescriptor d = new ModelManager(new ModelRegistry(null, dir.resolve("user"))).describe(entry.path()
			.toString());
		assertEquals("percentile", d.normalisation.mode);
		assertEquals(1.0, d.normalisation.low);
		assertEquals(99.5, d.normalisation.high);
		assertArrayEquals(new double[] { -1, 1 }, d.valueRange, 1e-12);
		assertEquals(2, d.scale);
		assertEquals(4, d.input.step); // shape.step
		assertEquals(8, d.input.minSize); // shape.min
		assertTrue(d.input.halo >= 4 && d.input.halo % 4 == 0, "halo " + d.input.halo); // 2 output px, step 4
		assertEquals("per_channel", d.channels.mode);
	}

	@Test
	void format04ScaleLinearWithItsInverseAndClipAfter(@TempDir final Path dir) throws IOException {
		// raw -> x / 1000 + 0.1; back: 1000 y - 100; then clipped to 0..1000 (the value range 0.1..1.1)
		final String pre = "    preprocessing:\n      - name: scale_linear\n        kwargs: {gain: 0.001, offset: 0.1}\n";
		final String post = "    postprocessing:\n      - name: scale_linear\n        kwargs: {gain: 1000, offset: -100}\n" +
			"      - name: clip\n        kwargs: {min: 0, max: 1000}\n";
		final ModelEntry entry = importAndRun(dir, v04(pre, post), raw -> x -> x / 1000 + 0.1, true, true,
			false);
		final ModelDescriptor d = new ModelManager(new ModelRegistry(null, dir.resolve("user"))).describe(entry.path()
			.toString());
		assertEquals("linear", d.normalisation.mode);
		assertTrue(d.clipOutput);
		assertArrayEquals(new double[] { 0.1, 1.1 }, d.valueRange, 1e-12);
	}

	@Test
	void format05ZeroMeanUnitVariance(@TempDir final Path dir) throws IOException {
		final Pre pre = raw -> {
			double sum = 0;
			for (final float v : raw) sum += v;
			final double mean = sum / raw.length;
			double squares = 0;
			for (final float v : raw) squares += (v - mean) * (v - mean);
			final double std = Math.sqrt(squares / raw.length);
			return x -> (x - mean) / std;
		};
		final ModelEntry entry = importAndRun(dir, v05(), pre, false, false, true);
		final ModelDescriptor d = new ModelManager(new ModelRegistry(null, dir.resolve("user"))).describe(entry.path()
			.toString());
		assertEquals("mean_std", d.normalisation.mode);
		assertArrayEquals(new double[] { -1, 1 }, d.valueRange, 1e-12);
		assertEquals(1, d.input.step);
		assertEquals(2, d.input.halo); // halo 3 output px -> 2 input px
	}

	/**
	 * Writes the package (SavedModel zip, test tensors from {@code pre}, the
	 * network and, when {@code postInverse}, the inverse of {@code pre} plus
	 * the clip), imports it (the zip, or the folder), upscales another image
	 * and checks it.
	 */
	private static ModelEntry importAndRun(final Path dir, final String rdf, final Pre pre, final boolean postInverse,
		final boolean clip, final boolean folder) throws IOException
	{
		final TinyNet net = new TinyNet(1, S, 3);
		final Path pkg = Files.createDirectories(dir.resolve("package"));
		tanhSavedModel(net, dir.resolve("saved_model"));
		SafeZip.zip(dir.resolve("saved_model"), pkg.resolve("tf_weights.zip"));
		final float[] raw = image(H, W, 1);
		NpyFiles.write(pkg.resolve("in.npy"), raw, 1, H, W, 1);
		NpyFiles.write(pkg.resolve("out.npy"), reference(net, raw, H, W, pre, postInverse, clip, true), 1, S * H, S * W,
			1);
		Files.write(pkg.resolve("rdf.yaml"), rdf.replace("SHA", Sha256.of(pkg.resolve("tf_weights.zip"))).getBytes(
			StandardCharsets.UTF_8));
		final Path zip = dir.resolve("tiny.bioimageio.zip");
		SafeZip.zip(pkg, zip);

		final ModelManager manager = new ModelManager(new ModelRegistry(null, dir.resolve("user")));
		final ModelEntry entry = manager.importModel(folder ? pkg : zip, new ImportOptions(), Progress.NONE);
		assertEquals("Tiny_SR_model", entry.name());

		// another image, 37 x 29, tiled in 16 x 16 tiles
		final int h = 29, w = 37;
		final float[] other = image(h, w, 7);
		final ImagePlus out;
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method(entry.path().toString()).device(Device.CPU)
			.float32(true).tile(16), new ModelRegistry(null, dir.resolve("user")), Progress.NONE))
		{
			out = up.upscale(new ImagePlus("other", new FloatProcessor(w, h, other)), Progress.NONE);
		}
		final float[] got = (float[]) out.getProcessor().getPixels();
		// DeepSR writes the input's intensities: the preprocessing's inverse after the network
		final float[] expected = reference(net, other, h, w, pre, true, clip, false);
		final DoubleUnaryOperator forward = pre.of(other);
		final double unit = Math.abs(forward.applyAsDouble(1) - forward.applyAsDouble(0)); // network units per value
		int compared = 0;
		double spread = 0;
		for (int y = 2 * S; y < S * h - 2 * S; y++)
			for (int x = 2 * S; x < S * w - 2 * S; x++) {
				final int i = y * S * w + x;
				assertEquals(expected[i], got[i], 1e-4 / unit, "at " + x + "," + y);
				spread = Math.max(spread, Math.abs(expected[i] - other[(y / S) * w + x / S]));
				compared++;
			}
		assertTrue(compared > 3000);
		assertTrue(spread > 100, "the network changes the image: " + spread);
		return entry;
	}

	/**
	 * The network with a tanh after it ("lr" -> "sr"): through a linear (or
	 * ReLU) network the normalisation's scale would cancel out in the output,
	 * and a wrong standard deviation or percentile would go unnoticed.
	 */
	@SuppressWarnings("unchecked")
	private static void tanhSavedModel(final TinyNet net, final Path folder) throws IOException {
		try (Graph graph = new Graph(); Session session = new Session(graph)) {
			final Operand<?>[] io = net.build(graph, false);
			final Operand<TFloat32> tanh = Ops.create(graph).withName("tanh").math.tanh((Operand<TFloat32>) io[1]);
			TinyNet.exportSavedModel(folder, session, io[0], tanh);
		}
	}

	/** pre -> TinyNet (zero padding) -> tanh -> [clip to the value range] -> [inverse of pre]; network units when not inverted. */
	private static float[] reference(final TinyNet net, final float[] raw, final int h, final int w, final Pre pre,
		final boolean inverse, final boolean clip, final boolean asPackage)
	{
		final DoubleUnaryOperator forward = pre.of(raw);
		final double b = forward.applyAsDouble(0), a = forward.applyAsDouble(1) - b;
		final float[] in = new float[raw.length];
		for (int i = 0; i < raw.length; i++) in[i] = (float) forward.applyAsDouble(raw[i]);
		final float[] out = net.reference(in, h, w);
		for (int i = 0; i < out.length; i++) {
			double y = Math.tanh(out[i]);
			if (clip) y = Math.max(0.1, Math.min(1.1, y));
			if (inverse) y = (y - b) / a;
			out[i] = (float) y;
		}
		return out;
	}

	static String v04(final String pre, final String post) {
		return "format_version: 0.4.10\ntype: model\nname: Tiny SR model\ndescription: written by hand from the spec\n" +
			"authors: [{name: test}]\ncite: [{text: DeepSR tests, url: 'https://deepsr.org'}]\nlicense: MIT\n" +
			"documentation: README.md\ntags: [super-resolution]\ntimestamp: 2026-01-02T03:04:05\n" +
			"test_inputs: [in.npy]\ntest_outputs: [out.npy]\n" +
			"inputs:\n  - name: lr\n    axes: byxc\n    data_type: float32\n" +
			"    shape: {min: [1, 8, 8, 1], step: [0, 4, 4, 0]}\n" + pre +
			"outputs:\n  - name: sr\n    axes: byxc\n    data_type: float32\n" +
			"    shape: {reference_tensor: lr, scale: [1, 2, 2, 1], offset: [0, 0, 0, 0]}\n" +
			"    halo: [0, 2, 2, 0]\n" + post +
			"weights:\n  tensorflow_saved_model_bundle:\n    source: tf_weights.zip\n    sha256: SHA\n" +
			"    tensorflow_version: '2.18'\n";
	}

	private static String v05() {
		return "format_version: 0.5.3\ntype: model\nname: Tiny SR model\ndescription: written by hand from the spec\n" +
			"authors: [{name: test}]\ncite: [{text: DeepSR tests, doi: 10.0000/test}]\nlicense: MIT\n" +
			"documentation: README.md\n" +
			"inputs:\n  - id: lr\n    axes:\n      - {type: batch}\n" +
			"      - {type: space, id: y, size: {min: 8, step: 1}}\n" +
			"      - {type: space, id: x, size: {min: 8, step: 1}}\n" +
			"      - {type: channel, channel_names: [grey]}\n" +
			"    test_tensor: {source: in.npy}\n" +
			"    preprocessing:\n      - id: ensure_dtype\n        kwargs: {dtype: float32}\n" +
			"      - id: zero_mean_unit_variance\n        kwargs: {axes: [x, y, channel]}\n" +
			"outputs:\n  - id: sr\n    axes:\n      - {type: batch}\n" +
			"      - {type: space, id: y, size: {tensor_id: lr, axis_id: y}, scale: 0.5, halo: 3}\n" +
			"      - {type: space, id: x, size: {tensor_id: lr, axis_id: x}, scale: 0.5, halo: 3}\n" +
			"      - {type: channel, channel_names: [grey]}\n" +
			"    test_tensor: {source: out.npy}\n" +
			"weights:\n  tensorflow_saved_model_bundle:\n    source: tf_weights.zip\n    sha256: SHA\n" +
			"    tensorflow_version: '2.18'\n";
	}

	/**
	 * Three channels in, channels first out: the package's bcyx test output
	 * (written here by transposing the plain-loop reference) must be read back
	 * channel by channel for the self-test to pass.
	 */
	@Test
	void rgbWithChannelsFirstOutput(@TempDir final Path dir) throws IOException {
		final TinyNet net = new TinyNet(3, S, 3);
		final Path pkg = Files.createDirectories(dir.resolve("package"));
		try (Graph graph = new Graph(); Session session = new Session(graph)) {
			final Operand<?>[] io = net.build(graph, true);
			TinyNet.exportSavedModel(dir.resolve("saved_model"), session, io[0], io[1]);
		}
		SafeZip.zip(dir.resolve("saved_model"), pkg.resolve("tf_weights.zip"));
		final int h = 10, w = 12, c = 3;
		final float[] raw = new float[h * w * c];
		for (int i = 0; i < raw.length; i++) raw[i] = (float) (100 + 80 * Math.sin(0.37 * i) + (i % 3) * 40);
		final double lo = percentile(raw, 0.5), hi = percentile(raw, 99.5);
		final float[] in = new float[raw.length];
		for (int i = 0; i < raw.length; i++) in[i] = (float) ((raw[i] - lo) / (hi - lo));
		final float[] hwc = net.reference(in, h, w);
		final int pixels = S * h * S * w;
		final float[] chw = new float[hwc.length];
		for (int p = 0; p < pixels; p++)
			for (int ch = 0; ch < c; ch++)
				chw[ch * pixels + p] = hwc[p * c + ch];
		NpyFiles.write(pkg.resolve("in.npy"), raw, 1, h, w, c);
		NpyFiles.write(pkg.resolve("out.npy"), chw, 1, c, S * h, S * w);
		final String rdf = v04("    preprocessing:\n      - name: scale_range\n        kwargs: {mode: per_sample, axes: xyc, " +
			"min_percentile: 0.5, max_percentile: 99.5}\n", "").replace("[1, 8, 8, 1]", "[1, 8, 8, 3]").replace(
				"    axes: byxc\n    data_type: float32\n    shape: {reference_tensor", "    axes: bcyx\n    data_type: float32\n" +
					"    shape: {reference_tensor").replace("scale: [1, 2, 2, 1]", "scale: [1, 1, 2, 2]").replace(
						"halo: [0, 2, 2, 0]", "halo: [0, 0, 2, 2]");
		Files.writeString(pkg.resolve("rdf.yaml"), rdf.replace("SHA", Sha256.of(pkg.resolve("tf_weights.zip"))));
		final ModelManager manager = new ModelManager(new ModelRegistry(null, dir.resolve("user")));
		final ModelEntry entry = manager.importModel(pkg, new ImportOptions(), Progress.NONE);
		final ModelDescriptor d = manager.describe(entry.path().toString());
		assertEquals("rgb", d.channels.mode);
		assertEquals(3, d.input.channels);
		assertEquals(3, d.output.channels);
		assertEquals("NCHW", d.output.layout);
		// the channels-last values under the bcyx shape: the self-test must see them misplaced
		NpyFiles.write(pkg.resolve("out.npy"), hwc, 1, c, S * h, S * w);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> manager.importModel(pkg,
			new ImportOptions().name("wrong"), Progress.NONE));
		assertTrue(e.getMessage().contains("do not reproduce the package's test tensors"), e.getMessage());
	}

	@Test
	void whatDeepSrCannotRunIsRefusedNamingTheField() {
		final String base = v04("    preprocessing:\n      - name: scale_range\n        kwargs: {mode: per_sample, axes: xyc}\n",
			"");
		refused(base.replace("tensorflow_saved_model_bundle", "pytorch_state_dict"), "weights is pytorch_state_dict");
		refused(base.replace("name: scale_range", "name: binarize"), "inputs[0].preprocessing[0] is binarize");
		refused(base.replace("mode: per_sample", "mode: per_dataset"), "inputs[0].preprocessing[0].kwargs.mode is " +
			"per_dataset");
		refused(base.replace("axes: byxc\n    data_type: float32\n    shape: {min",
			"axes: bcyx\n    data_type: float32\n    shape: {min"), "inputs[0].axes is bcyx");
		refused(base.replace("step: [0, 4, 4, 0]", "step: [0, 0, 0, 0]"), "inputs[0] shape is 8x8 fixed");
		refused(base.replace("scale: [1, 2, 2, 1]", "scale: [1, 1, 1, 1]"), "outputs[0] scale is 1");
		refused(base.replace("format_version: 0.4.10", "format_version: 0.3.2"), "format_version is 0.3.2");
		refused(v04("", "    postprocessing:\n      - name: scale_range\n        kwargs: {reference_tensor: lr}\n"),
			"outputs[0].postprocessing[0] is scale_range");
		refused(v04("    preprocessing:\n      - name: scale_linear\n        kwargs: {gain: 2, offset: 0}\n",
			"    postprocessing:\n      - name: scale_linear\n        kwargs: {gain: 2, offset: 0}\n"),
			"outputs[0].postprocessing[0].kwargs is gain 2, offset 0");
		refused(base.replace("source: tf_weights.zip", "source: 'https://zenodo.org/x.zip'"),
			"weights.tensorflow_saved_model_bundle.source is https://zenodo.org/x.zip");
	}

	private static void refused(final String rdf, final String message) {
		final Map<String, Object> map = new Yaml().load(rdf);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BioImageIoImport
			.describe(map, "m"));
		assertTrue(e.getMessage().contains(message), e.getMessage());
		assertTrue(e.getMessage().startsWith("cannot import this bioimage.io model: "), e.getMessage());
		assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
	}

	@Test
	void exportThenImportRoundTrips(@TempDir final Path dir) throws IOException {
		final ModelManager manager = new ModelManager(new ModelRegistry(null, dir.resolve("user")));
		final TinyNet net = new TinyNet(1, S, 3);
		for (final String mode : new String[] { "fixed", "percentile", "linear", "mean_std" }) {
			final ModelDescriptor d = new ModelDescriptor();
			d.name = "rt-" + mode.replace('_', '-');
			d.architecture = "TinyNet";
			d.scale = S;
			d.channels.mode = "grey";
			d.input.tensor = "input";
			d.output.tensor = "output";
			d.normalisation.mode = mode;
			if (mode.equals("percentile")) {
				d.normalisation.low = 2.0;
				d.normalisation.high = 98.0;
			}
			if (mode.equals("linear")) {
				d.normalisation.low = 100.0;
				d.normalisation.high = 2100.0;
			}
			d.valueRange = new double[] { -0.5, 1.5 };
			final Path pb = dir.resolve(d.name + ".pb");
			Files.write(pb, net.graphDef(false));
			final Path original = ModelImporter.importFrozenGraph(pb, d, dir.resolve(d.name + ".zip"), false,
				Progress.NONE);
			final Path exported = BioImageIoExport.write(original, dir.resolve(d.name + ".bioimageio.zip"), false,
				Instant.parse("2026-01-02T03:04:05Z"), Progress.NONE);
			final ModelEntry imported = manager.importModel(exported, new ImportOptions().name(d.name + "-back"),
				Progress.NONE);
			final ModelDescriptor back = manager.describe(imported.path().toString());
			assertEquals(mode, back.normalisation.mode, mode);
			assertEquals(d.normalisation.low, back.normalisation.low, mode);
			assertEquals(d.normalisation.high, back.normalisation.high, mode);
			assertArrayEquals(d.valueRange, back.valueRange, 1e-9, mode);
			assertEquals("grey", back.channels.mode, mode);
			assertEquals("TinyNet", back.architecture, mode);
			assertEquals("saved_model", back.weights.format, mode);
			// the same pixels from both, through the same tiler
			final int h = 23, w = 31;
			final float[] v = image(h, w, 5);
			for (int i = 0; i < v.length; i++) v[i] = Math.max(0, Math.min(255, v[i] / 40)); // 0..255 for "fixed"
			final float[] a = run(original, dir, v, h, w), b = run(imported.path(), dir, v, h, w);
			assertArrayEquals(a, b, 1e-4f, mode);
		}
	}

	private static float[] run(final Path model, final Path dir, final float[] v, final int h, final int w)
		throws IOException
	{
		try (Upscaler up = Upscaler.open(new UpscaleSettings().method(model.toString()).device(Device.CPU).float32(
			true), new ModelRegistry(null, dir.resolve("user")), Progress.NONE))
		{
			return (float[]) up.upscale(new ImagePlus("rt", new FloatProcessor(w, h, v.clone())), Progress.NONE)
				.getProcessor().getPixels();
		}
	}
}
