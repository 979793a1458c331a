package org.deepsr.macro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ShortProcessor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every macro of the project's macros/ folder headless, in a fresh JVM
 * as Fiji's {@code --headless -macro} would, with the exact
 * {@code run("<menu leaf>", "<field>=<value> ...")} strings imagej-legacy
 * accepts, and checks the files they write.
 */
class MacrosTest {

	private static final Path MACROS = Paths.get("macros");
	private static final Set<String> EXERCISED = new TreeSet<>();

	@TempDir
	Path tmp;

	@Test
	void upscaleImageWritesTheUpscaledImage() throws Exception {
		final Path out = tmp.resolve("astronaut-x2.tif");
		final Result r = run("upscale-image.ijm", "input=" + Paths.get("samples", "astronaut.png")
			.toAbsolutePath() + " output=" + out + " model=bicubic scale=2 device=cpu");
		assertEquals(0, r.code, r.output);
		assertTrue(!r.output.contains("Ignoring unsupported output"), "SciJava's display warning is gone:\n" + r.output);
		final ImagePlus written = IJ.openImage(out.toString());
		final ImagePlus input = IJ.openImage(Paths.get("samples", "astronaut.png").toString());
		assertEquals(1024, written.getWidth());
		assertEquals(1024, written.getHeight());
		assertEquals(24, written.getBitDepth(), "RGB in, RGB out");
		// Reference: the same upscaling through the Java API, in this JVM.
		try (org.deepsr.upscale.Upscaler up = org.deepsr.upscale.Upscaler.open(
			new org.deepsr.upscale.UpscaleSettings().method("bicubic").scale(2), org.deepsr.model.ModelRegistry
				.fromEnvironment(), org.deepsr.progress.Progress.NONE))
		{
			final ImagePlus expected = up.upscale(input, org.deepsr.progress.Progress.NONE);
			assertArrayEquals(rgb((int[]) expected.getProcessor().getPixels()), rgb((int[]) written
				.getProcessor().getPixels()));
		}
	}

	@Test
	void upscaleImageNamesTheInputThatDidNotOpen() throws Exception {
		final Path missing = tmp.resolve("missing.tif");
		final Result none = run("upscale-image.ijm", "input=" + missing + " output=" + tmp.resolve("a.tif"));
		assertNotEquals(0, none.code, none.output);
		assertTrue(none.output.contains("cannot read input " + missing + ": no such file"), none.output);
		assertTrue(!none.output.contains("no images open"), none.output);
		final Path damaged = Files.write(tmp.resolve("damaged.png"), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
		final Result bad = run("upscale-image.ijm", "input=" + damaged + " output=" + tmp.resolve("b.tif"));
		assertNotEquals(0, bad.code, bad.output);
		assertTrue(bad.output.contains("ImageJ could not open input " + damaged), bad.output);
		assertTrue(!bad.output.contains("no images open"), bad.output);
	}

	@Test
	void upscaleImageFailsClearlyOnAMissingModel() throws Exception {
		final Path out = tmp.resolve("never.tif");
		final Result r = run("upscale-image.ijm", "input=" + Paths.get("samples", "astronaut.png")
			.toAbsolutePath() + " output=" + out + " model=no-such-model");
		assertNotEquals(0, r.code, r.output);
		assertTrue(r.output.contains("no-such-model"), r.output);
		assertTrue(!Files.exists(out), "nothing written after a failure");
	}

	@Test
	void upscaleFolderWritesEveryImageAndNeverOverwrites() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final Path out = tmp.resolve("out");
		final ShortProcessor sp = new ShortProcessor(20, 12);
		for (int i = 0; i < 20 * 12; i++)
			sp.set(i, 1000 + 37 * i);
		final ImagePlus grey16 = new ImagePlus("a", sp);
		grey16.getCalibration().pixelWidth = 0.5;
		grey16.getCalibration().pixelHeight = 0.5;
		grey16.getCalibration().setUnit("micron");
		IJ.saveAsTiff(grey16, in.resolve("a.tif").toString());
		IJ.saveAsTiff(new ImagePlus("b", sp.convertToByte(true)), in.resolve("b.tif").toString());
		Files.write(in.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));

		final String args = "input=" + in + " output=" + out + " pattern=*.tif model=nearest scale=3";
		final Result r = run("upscale-folder.ijm", args);
		assertEquals(0, r.code, r.output);
		final ImagePlus a = IJ.openImage(out.resolve("a-x3.tif").toString());
		assertEquals(60, a.getWidth());
		assertEquals(36, a.getHeight());
		assertEquals(16, a.getBitDepth(), "the input's bit depth is kept");
		assertEquals(0.5 / 3, a.getCalibration().pixelWidth, 1e-12, "pixel size divided by the scale");
		assertEquals("micron", a.getCalibration().getUnit());
		// Nearest-neighbour x3: every output pixel repeats its source pixel (a physical invariant).
		for (int y = 0; y < 36; y++)
			for (int x = 0; x < 60; x++)
				assertEquals(sp.get(x / 3, y / 3), a.getProcessor().get(x, y));
		assertEquals(8, IJ.openImage(out.resolve("b-x3.tif").toString()).getBitDepth());
		assertEquals(2, Files.list(out).count(), "only the .tif files matched");

		// A second run must not overwrite the outputs unless asked.
		final long before = Files.getLastModifiedTime(out.resolve("a-x3.tif")).toMillis();
		Files.write(out.resolve("a-x3.tif"), new byte[] { 1, 2, 3 });
		assertEquals(0, run("upscale-folder.ijm", args).code);
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(out.resolve("a-x3.tif")));
		assertEquals(0, run("upscale-folder.ijm", args + " overwrite=true").code);
		assertEquals(60, IJ.openImage(out.resolve("a-x3.tif").toString()).getWidth());
		assertTrue(before > 0);
	}

	@Test
	void modelsImportsAFileAndListsItAsCsv() throws Exception {
		final Path pb = tmp.resolve("tiny_x2.pb");
		Files.write(pb, new org.deepsr.backend.TinyNet(1, 2, 3).graphDef(false));
		// A frozen graph without metadata: the macro passes none, so import must fail clearly.
		final Path csv = tmp.resolve("models.csv");
		final Result bare = run("models.ijm", "file=" + pb + " csv=" + csv, tmp.resolve("user"));
		assertNotEquals(0, bare.code, bare.output);
		assertTrue(bare.output.contains("scale"), bare.output);
		// A DeepSR bundle carries its metadata: import, then list.
		final Path bundle = org.deepsr.model.ModelImporter.importFrozenGraph(pb, tinyDescriptor(), tmp.resolve(
			"tiny.zip"), false, org.deepsr.progress.Progress.NONE);
		final Result r = run("models.ijm", "file=" + bundle + " csv=" + csv, tmp.resolve("user"));
		assertEquals(0, r.code, r.output);
		assertTrue(Files.isRegularFile(tmp.resolve("user").resolve("tiny.zip")), "imported into the user folder");
		final List<String> lines = Files.readAllLines(csv);
		assertEquals(2, lines.size(), String.join("\n", lines));
		final List<String> header = Arrays.asList(lines.get(0).split(","));
		final List<String> row = Arrays.asList(lines.get(1).split(","));
		assertEquals("tiny", row.get(header.indexOf("name")));
		assertEquals("2", row.get(header.indexOf("scale")));
		assertEquals("TinyNet", row.get(header.indexOf("architecture")));
		assertEquals("y", row.get(header.indexOf("channels")));
		assertEquals("user", row.get(header.indexOf("source")));
	}

	private static org.deepsr.model.ModelDescriptor tinyDescriptor() {
		final org.deepsr.model.ModelDescriptor d = new org.deepsr.model.ModelDescriptor();
		d.name = "tiny";
		d.architecture = "TinyNet";
		d.scale = 2;
		d.channels.mode = "y";
		d.channels.ycbcr = "full";
		d.input.tensor = "input";
		d.output.tensor = "output";
		return d;
	}

	/**
	 * make-pairs.ijm then train.ijm, headless, on six generated 48x48 images.
	 * References: the layout and sizes the brief fixes (floor(n/s)), the bit
	 * depth of the input, and the bundle's descriptor (scale, mode, steps).
	 */
	@Test
	void makePairsThenTrainWriteDataAndABundle() throws Exception {
		final Path hr = Files.createDirectories(tmp.resolve("hr"));
		final java.util.Random random = new java.util.Random(3);
		for (int i = 0; i < 6; i++) {
			final ij.process.ByteProcessor bp = new ij.process.ByteProcessor(49, 48);
			for (int y = 0; y < 48; y++)
				for (int x = 0; x < 49; x++)
					bp.set(x, y, (int) (128 + 60 * Math.sin(0.3 * x + i) * Math.cos(0.2 * y) + 20 * random.nextGaussian()) & 0xff);
			IJ.saveAsTiff(new ImagePlus("i" + i, bp), hr.resolve("img" + i + ".tif").toString());
		}
		final Path pairs = tmp.resolve("pairs");
		final Result made = run("make-pairs.ijm", "hr=" + hr + " out=" + pairs + " scale=2 degradation=gaussian-blur:1.0+decimate+gaussian-noise:0.01");
		assertEquals(0, made.code, made.output);
		final ImagePlus lr = IJ.openImage(pairs.resolve("X2/img0x2.tif").toString());
		assertEquals(24, lr.getWidth());
		assertEquals(24, lr.getHeight());
		assertEquals(8, lr.getBitDepth());
		assertEquals(48, IJ.openImage(pairs.resolve("HR/img5.tif").toString()).getWidth(), "HR modcropped to a multiple of 2");

		final Path model = tmp.resolve("tiny.zip");
		final Result trained = run("train.ijm", "hr=" + hr + " out=" + model + " steps=150 batch=4 patch=12 channels=grey");
		assertEquals(0, trained.code, trained.output);
		assertTrue(Files.isRegularFile(model), trained.output);
		try (org.deepsr.model.LoadedModel m = org.deepsr.model.Models.load(model, org.deepsr.backend.Device.CPU, org.deepsr.progress.Progress.NONE)) {
			assertEquals(2, m.descriptor().scale);
			assertEquals("grey", m.descriptor().channels.mode);
			assertEquals(150L, m.descriptor().provenance.steps);
			assertEquals("tiny", m.descriptor().name);
		}
		// fine-tuning that bundle, scoring the loss away from the patch edge
		final Path tuned = tmp.resolve("tuned.zip");
		final Result again = run("train.ijm", "hr=" + hr + " out=" + tuned + " steps=20 batch=4 patch=12 border=3 skip=true channels=grey init=" + model);
		assertEquals(0, again.code, again.output);
		try (org.deepsr.model.LoadedModel m = org.deepsr.model.Models.load(tuned, org.deepsr.backend.Device.CPU, org.deepsr.progress.Progress.NONE)) {
			final String notes = m.descriptor().provenance.notes;
			assertTrue(notes.contains("started from " + model) && notes.contains("loss border 3") && notes.contains("bicubic skip"), notes);
		}
	}

	@Test
	void benchmarkWritesOneCsvRowPerImageAndTheMean() throws Exception {
		// LR files = HR blocks + 2 (org.deepsr.benchmark.BlockData): nearest x2 gives SR = HR + 2 grey levels,
		// i.e. 2 * 219/255 in studio Y for RGB image a and 2 for grey image b: PSNR = 20 log10(255 / error).
		final Path data = org.deepsr.benchmark.BlockData.write(tmp.resolve("set"), 2, 1, 2);
		final Path csv = tmp.resolve("bench.csv");
		final Result r = run("benchmark.ijm", "model=nearest data=" + data.resolve("HR") + " scale=2 csv=" + csv);
		// HR/ alone: the macro makes MATLAB-bicubic LR, so rows exist but values are not the closed form.
		assertEquals(0, r.code, r.output);
		List<String> lines = Files.readAllLines(csv);
		assertEquals("label,psnr,ssim,msssim,nrmse,mae", lines.get(0));
		assertEquals(List.of("a", "b", "mean"), lines.subList(1, 4).stream().map(l -> l.split(",")[0]).collect(
			Collectors.toList()));
		assertTrue(r.output.contains("DeepSR benchmark: nearest x2"), r.output);
		// The LR_bicubic/X2 files beside HR/ through the command's lrsource=folder: closed-form values.
		final Path macro = tmp.resolve("bench-folder.ijm");
		Files.write(macro, ("run(\"Benchmark SR\", \"model=nearest scale=2 data=[" + data + "] lrsource=folder csv=[" +
			csv + "] overwrite\");\nprint(\"rows=\" + nResults + \" mean=\" + d2s(getResult(\"PSNR\", 2), 6));\n")
			.getBytes(StandardCharsets.UTF_8));
		final Result f = run(macro.toString(), "");
		assertEquals(0, f.code, f.output);
		final double a = 20 * Math.log10(255 / (2 * 219.0 / 255)), b = 20 * Math.log10(255 / 2.0);
		assertTrue(f.output.contains("rows=3 mean=" + String.format(java.util.Locale.ROOT, "%.6f", (a + b) / 2)),
			f.output);
		lines = Files.readAllLines(csv);
		assertEquals(a, Double.parseDouble(lines.get(1).split(",")[1]), 1e-5);
		assertEquals(b, Double.parseDouble(lines.get(2).split(",")[1]), 1e-5);
	}

	@Test
	void measureQualityAndRateImagesFillTheResultsTableHeadless() throws Exception {
		// Two 8-bit images differing by 3 everywhere: PSNR = 20 log10(255/3) = 38.588379 dB, MAE 3 (closed form).
		// Ratings: scipy's mean and t.ppf(0.975, 2) * std(ddof=1) / sqrt(3) of [2, 3, 4]: 3 +- 2.484138.
		final Path ratings = tmp.resolve("ratings.csv");
		Files.write(ratings, "rater,image,method,score\nann,x,espcn,2\nann,y,espcn,3\nbob,x,espcn,4\n".getBytes(
			StandardCharsets.UTF_8));
		final Path macro = tmp.resolve("quality.ijm");
		Files.write(macro, String.join("\n", "newImage(\"a\", \"8-bit ramp\", 64, 48, 1);",
			"run(\"Duplicate...\", \"title=b\");", "run(\"Add...\", \"value=3\");",
			"selectImage(\"a\"); run(\"Min...\", \"value=10\"); run(\"Max...\", \"value=240\");",
			"selectImage(\"b\"); run(\"Min...\", \"value=13\"); run(\"Max...\", \"value=243\");",
			"run(\"Measure Quality\", \"test=a reference=b channels=y shave=2\");",
			"print(\"rows=\" + nResults + \" label=\" + getResultLabel(nResults-1) + \" psnr=\" + d2s(getResult(\"PSNR\", nResults-1), 6) + \" mae=\" + d2s(getResult(\"MAE\", 0), 6));",
			"print(\"convention=\" + getResultString(\"Convention\", nResults-1));",
			"saveAs(\"Results\", \"" + tmp.resolve("quality.csv") + "\");",
			"run(\"Rate Images\", \"ratings=[" + ratings + "]\");",
			"print(\"mos \" + getResultLabel(0) + \" n=\" + getResult(\"N\", 0) + \" mos=\" + d2s(getResult(\"MOS\", 0), 6) + \" high=\" + d2s(getResult(\"CI high\", 0), 6));",
			"").getBytes(StandardCharsets.UTF_8));
		final Result r = run(macro.toString(), "");
		assertEquals(0, r.code, r.output);
		assertTrue(r.output.contains("rows=2 label=Mean psnr=38.588379 mae=3.000000"), r.output);
		assertTrue(r.output.contains("convention=PSNR/SSIM on the grey values (a single channel is its own Y), border 2 px " +
			"shaved, data range 255 (8-bit)"), r.output);
		assertTrue(Files.readString(tmp.resolve("quality.csv")).contains("PSNR"), "saveAs(\"Results\") wrote the table");
		assertTrue(r.output.contains("mos espcn n=3 mos=3.000000 high=5.484138"), r.output);
	}

	@Test
	void niftiImportUpscaleExportHeadlessKeepsTheFieldOfView() throws Exception {
		final Path in = Paths.get(MacrosTest.class.getResource("/org/deepsr/io/nifti/four_d.nii.gz").toURI());
		final Path out = tmp.resolve("t1-x2.nii.gz"), saved = tmp.resolve("saved-x2.nii"), macro = tmp.resolve(
			"nifti.ijm");
		Files.write(macro, String.join("\n", "setBatchMode(true);", "run(\"NIfTI...\", \"file=[" + in + "]\");",
			"print(\"imported \" + getWidth() + \"x\" + getHeight() + \" \" + bitDepth());",
			"run(\"Upscale\", \"model=bicubic scale=2 tile=0 device=auto save=[" + saved + "]\");",
			"run(\"NIfTI (.nii, .nii.gz)...\", \"file=[" + out + "]\");", "").getBytes(StandardCharsets.UTF_8));
		final Result r = run(macro.toString(), "");
		assertEquals(0, r.code, r.output);
		assertTrue(r.output.contains("imported 5x4 32"), r.output);
		try (org.deepsr.io.NiftiSource source = org.deepsr.io.NiftiSource.open(in);
			org.deepsr.io.NiftiSource result = org.deepsr.io.NiftiSource.open(out))
		{
			assertEquals(10, result.info().width());
			assertEquals(3, result.info().slices());
			assertEquals(2, result.info().frames());
			assertEquals(source.header().type(), result.header().type(), "int16 in, int16 out");
			final double[][] a = source.header().affine(), b = result.header().affine();
			for (int row = 0; row < 3; row++)
				assertEquals(a[row][3] - (a[row][0] + a[row][1] + a[row][2]) / 2, b[row][3] - (b[row][0] + b[row][1] +
					b[row][2]) / 2, 1e-5, "corner of the field of view, coordinate " + row);
		}
		// Upscale's own 'Save to' writes the same NIfTI as the export command
		try (org.deepsr.io.NiftiSource exported = org.deepsr.io.NiftiSource.open(out);
			org.deepsr.io.NiftiSource direct = org.deepsr.io.NiftiSource.open(saved))
		{
			assertEquals(exported.info().planes(), direct.info().planes());
			for (int row = 0; row < 3; row++)
				assertArrayEquals(exported.header().affine()[row], direct.header().affine()[row], 1e-9);
			for (long z = 0; z < 3; z++) {
				final java.util.Iterator<net.imglib2.type.numeric.real.FloatType> e = exported.plane(0, z, 1).iterator();
				for (final net.imglib2.type.numeric.real.FloatType v : direct.plane(0, z, 1))
					assertEquals(e.next().get(), v.get(), 0, "slice " + z);
			}
		}
	}

	/**
	 * mri-isotropic.ijm on a small synthetic NIfTI volume (random spheres,
	 * 1 x 1 x 2.5 mm): the z factor from the voxel sizes, the output on the
	 * node grid (floor(5 * 2.5) + 1 slices, the first slice's centre and the
	 * in-plane columns of both transforms kept, the k column / 2.5).
	 */
	@Test
	void mriIsotropicMakesASyntheticVolumeIsotropic() throws Exception {
		final int nx = 28, ny = 24, nz = 6;
		final org.deepsr.image.VolumeInfo info = new org.deepsr.image.VolumeInfo("thick", new long[] { nx, ny, 1, nz,
			1 }, new org.deepsr.image.AxisCalibration[] { new org.deepsr.image.AxisCalibration("mm", 1, 0),
				new org.deepsr.image.AxisCalibration("mm", 1, 0), org.deepsr.image.AxisCalibration.NONE,
				new org.deepsr.image.AxisCalibration("mm", 2.5, 0), org.deepsr.image.AxisCalibration.NONE },
			org.deepsr.image.PixelType.UINT16, false, 0, 65535, null);
		final Path in = tmp.resolve("thick.nii.gz"), out = tmp.resolve("iso.nii.gz");
		final java.util.Random random = new java.util.Random(5);
		final float[][] v = new float[nz][nx * ny];
		for (int s = 0; s < 8; s++) {
			final double cx = random.nextDouble() * nx, cy = random.nextDouble() * ny, cz = random.nextDouble() * nz,
				r = 3 + 4 * random.nextDouble(), value = 500 + 3000 * random.nextDouble();
			for (int z = 0; z < nz; z++)
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++)
						if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + 6.25 * (z - cz) * (z - cz) <= r * r) v[z][x + nx * y] =
							(float) value;
		}
		try (org.deepsr.io.NiftiSink sink = org.deepsr.io.NiftiSink.create(in, info, null, false, false)) {
			for (int z = 0; z < nz; z++)
				sink.write(0, z, 0, net.imglib2.img.array.ArrayImgs.floats(v[z], nx, ny));
			sink.finish();
		}
		final Result r = run("mri-isotropic.ijm", "input=[" + in + "] output=[" + out + "] steps=10");
		assertEquals(0, r.code, r.output);
		assertTrue(r.output.contains("(28x24x13)"), r.output);
		try (org.deepsr.io.NiftiSource thick = org.deepsr.io.NiftiSource.open(in);
			org.deepsr.io.NiftiSource iso = org.deepsr.io.NiftiSource.open(out))
		{
			assertEquals(13, iso.info().slices());
			assertEquals(1, iso.header().pixdim(3), 1e-6, "z voxel 2.5 mm / 2.5");
			assertEquals(thick.header().type(), iso.header().type(), "uint16 in, uint16 out");
			final double[][] a = thick.header().affine(), b = iso.header().affine();
			for (int row = 0; row < 3; row++) {
				assertEquals(a[row][3], b[row][3], 1e-5, "first voxel's centre, coordinate " + row);
				assertEquals(a[row][0], b[row][0], 1e-6);
				assertEquals(a[row][2] / 2.5, b[row][2], 1e-6);
			}
		}
	}

	@Test
	void omeZarrImportUpscaleExportHeadlessKeepsTheScale() throws Exception {
		final Path in = tmp.resolve("in.ome.zarr"), out = tmp.resolve("out.ome.zarr"), macro = tmp.resolve("zarr.ijm");
		final org.deepsr.image.AxisCalibration xy = new org.deepsr.image.AxisCalibration("µm", 0.5, 0);
		final org.deepsr.image.VolumeInfo info = new org.deepsr.image.VolumeInfo("in", new long[] { 20, 16, 2, 3, 1 },
			new org.deepsr.image.AxisCalibration[] { xy, xy, org.deepsr.image.AxisCalibration.NONE,
				new org.deepsr.image.AxisCalibration("µm", 2, 0), org.deepsr.image.AxisCalibration.NONE },
			org.deepsr.image.PixelType.UINT16, false, 0, 65535, null);
		try (org.deepsr.io.OmeZarrSink sink = org.deepsr.io.OmeZarrSink.create(in, info,
			new org.deepsr.io.OmeZarrSink.Options().chunks(8, 2)))
		{
			for (int z = 0; z < 3; z++)
				for (int c = 0; c < 2; c++) {
					final float[] v = new float[20 * 16];
					for (int i = 0; i < v.length; i++)
						v[i] = 100 * c + 10 * z + i % 20 + i / 20;
					sink.write(c, z, 0, net.imglib2.img.array.ArrayImgs.floats(v, 20, 16));
				}
			sink.finish();
		}
		Files.write(macro, String.join("\n", "setBatchMode(true);", "run(\"OME-Zarr...\", \"folder=[" + in +
			"] level=0\");", "getDimensions(w, h, c, z, t);", "getVoxelSize(pw, ph, pd, unit);",
			"print(\"imported \" + w + \"x\" + h + \" c=\" + c + \" z=\" + z + \" \" + bitDepth() + \" \" + pw + \" \" + pd);",
			"run(\"Upscale\", \"model=bicubic scale=2 tile=0 device=auto save=[" + tmp.resolve("saved.zarr") + "]\");",
			"run(\"OME-Zarr (.zarr)...\", \"folder=[" + out + "] version=[0.5 (Zarr v3)] levels=2 compression=zstd\");",
			"").getBytes(StandardCharsets.UTF_8));
		final Result r = run(macro.toString(), "");
		assertEquals(0, r.code, r.output);
		assertTrue(r.output.contains("imported 20x16 c=2 z=3 16 0.5 2"), r.output);
		try (org.deepsr.io.OmeZarrSource result = org.deepsr.io.OmeZarrSource.open(out)) {
			assertArrayEquals(new long[] { 40, 32, 2, 3, 1 }, result.info().dims());
			assertEquals(3, result.zarrVersion());
			assertEquals(2, result.levels());
			assertEquals(0.25, result.info().calibration(org.deepsr.image.Axis.X).spacing(), 1e-12);
			assertEquals(2, result.info().calibration(org.deepsr.image.Axis.Z).spacing(), 1e-12);
			assertEquals(org.deepsr.image.PixelType.UINT16, result.info().type());
			// Upscale's own 'Save to' a .zarr writes the same planes
			try (org.deepsr.io.OmeZarrSource saved = org.deepsr.io.OmeZarrSource.open(tmp.resolve("saved.zarr"))) {
				assertArrayEquals(result.info().dims(), saved.info().dims());
				for (int c = 0; c < 2; c++)
					for (int z = 0; z < 3; z++)
						assertArrayEquals(org.deepsr.image.ImagePlanes.array(result.plane(c, z, 0)), org.deepsr.image.ImagePlanes
							.array(saved.plane(c, z, 0)));
			}
		}
	}

	/** Packed RGB without the alpha byte, which readers set differently. */
	private static int[] rgb(final int[] pixels) {
		return Arrays.stream(pixels).map(p -> p & 0xffffff).toArray();
	}

	/** Every macro in macros/ must be exercised by a test of this class. */
	/**
	 * microscopy-stack.ijm on a synthetic 16-bit C=2, Z=4 stack with a model for
	 * channel 1 and bicubic for channel 2: the file it writes equals the Java
	 * API's result (each channel as when upscaled alone is {@code upscale.HyperstackTest}),
	 * with the dimensions and calibration; a missing input is named.
	 */
	@Test
	void microscopyStackUpscalesEachChannelWithItsModel() throws Exception {
		final int w = 16, h = 12, c = 2, z = 4;
		final ImagePlus stack = IJ.createHyperStack("cells", w, h, c, z, 1, 16);
		final java.util.Random random = new java.util.Random(8);
		for (int i = 1; i <= c * z; i++) {
			final ShortProcessor sp = (ShortProcessor) stack.getStack().getProcessor(i);
			for (int p = 0; p < w * h; p++)
				sp.set(p, (i % 2 == 1 ? 200 : 20000) + random.nextInt(i % 2 == 1 ? 3000 : 20000));
		}
		stack.getCalibration().pixelWidth = 0.1;
		stack.getCalibration().pixelHeight = 0.1;
		stack.getCalibration().pixelDepth = 0.5;
		stack.getCalibration().setUnit("micron");
		final Path in = tmp.resolve("cells.tif"), out = tmp.resolve("cells-x2.tif");
		IJ.saveAsTiff(stack, in.toString());
		final Path model = org.deepsr.upscale.TinyBundle.bundle(tmp, org.deepsr.upscale.TinyBundle.descriptor(
			"doubler", 2, "grey"), new double[][] { { 2 } });
		final String channels = "C1=" + model + ",C2=bicubic";
		final Result r = run("microscopy-stack.ijm", "input=" + in + " output=" + out + " channelmodels=[" + channels +
			"] device=cpu", tmp.resolve("user"));
		assertEquals(0, r.code, r.output);
		assertTrue(r.output.contains("DeepSR: " + in + " (16x12, 2 channel(s), 4 slice(s), 1 frame(s), 16-bit) -> " +
			out + " (32x24, 16-bit)"), r.output);
		final ImagePlus written = IJ.openImage(out.toString());
		assertArrayEquals(new int[] { c, z, 1 }, new int[] { written.getNChannels(), written.getNSlices(), written
			.getNFrames() });
		assertEquals(16, written.getBitDepth());
		assertEquals(0.05, written.getCalibration().pixelWidth, 1e-9, "x/y scaled");
		assertEquals(0.5, written.getCalibration().pixelDepth, 1e-9, "z kept");
		try (org.deepsr.upscale.Upscaler up = org.deepsr.upscale.Upscaler.open(new org.deepsr.upscale.UpscaleSettings()
			.methods(channels).device(org.deepsr.backend.Device.CPU), org.deepsr.model.ModelRegistry.fromEnvironment(),
			org.deepsr.progress.Progress.NONE))
		{
			final ImagePlus expected = up.upscale(stack, org.deepsr.progress.Progress.NONE);
			for (int i = 1; i <= c * z; i++)
				assertArrayEquals((short[]) expected.getStack().getPixels(i), (short[]) written.getStack().getPixels(i),
					"plane " + i);
		}
		// never replaced unless asked; a missing input named
		final Result again = run("microscopy-stack.ijm", "input=" + in + " output=" + out + " model=bicubic",
			tmp.resolve("user"));
		assertNotEquals(0, again.code, again.output);
		assertTrue(again.output.contains("exists"), again.output);
		final Path missing = tmp.resolve("no-such-stack.tif");
		final Result none = run("microscopy-stack.ijm", "input=" + missing + " output=" + tmp.resolve("x.tif"));
		assertNotEquals(0, none.code, none.output);
		assertTrue(none.output.contains("no such input file: " + missing), none.output);
	}

	@AfterAll
	static void everyMacroIsExercised() throws IOException {
		try (Stream<Path> files = Files.list(MACROS)) {
			final Set<String> all = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ijm"))
				.collect(Collectors.toCollection(TreeSet::new));
			all.removeAll(EXERCISED);
			assertTrue(all.isEmpty(), "macros without a test: " + all);
		}
	}

	static final class Result {

		final int code;
		final String output;

		Result(final int code, final String output) {
			this.code = code;
			this.output = output;
		}
	}

	/** Runs a macro of macros/ in a fresh headless JVM, as fiji --headless -macro would. */
	static Result run(final String macro, final String argument) throws Exception {
		return run(macro, argument, null);
	}

	/**
	 * As {@link #run(String, String)}, with the user model folder (deepsr.user.models) when not
	 * null, and then no bundled models.
	 */
	static Result run(final String macro, final String argument, final Path userModels) throws Exception {
		EXERCISED.add(macro);
		final List<String> options = new ArrayList<>();
		// The models of this test only: an empty bundled folder, a temporary user folder and cache.
		if (userModels != null) options.addAll(Arrays.asList("-Ddeepsr.user.models=" + userModels, "-Ddeepsr.cache=" +
			userModels.resolveSibling("cache"), "-Ddeepsr.models=" + userModels.resolveSibling("no-bundled-models")));
		final List<String> cmd = HeadlessMacro.command(MACROS.resolve(macro), argument, options);
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "macro timed out");
		return new Result(p.exitValue(), macro + " " + argument + File.separator + "\n" + output);
	}
}
