package org.deepsr.io;

import org.deepsr.Prerequisites;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.image.AxisCalibration;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TiffSink's files read back by two independent readers, ImageJ's own TIFF
 * opener and python's tifffile: pixel values, the order of channels, slices
 * and frames, and the calibration, for every pixel type.
 */
class TiffSinkTest {

	@TempDir
	Path dir;

	/** A value per (x, y, c, z, t) that tells every position apart. */
	private static float value(final int x, final int y, final int c, final int z, final int t) {
		return 1000 * t + 100 * z + 10 * c + 3 * y + x;
	}

	private static VolumeInfo info(final PixelType type, final boolean rgb, final long c, final long z,
		final long t)
	{
		final AxisCalibration[] cal = { new AxisCalibration("micron", 0.25, -0.75), new AxisCalibration(
			"micron", 0.25, 0.5), AxisCalibration.NONE, new AxisCalibration("micron", 1.5, 0),
			new AxisCalibration("sec", 2, 0) };
		return new VolumeInfo("test", new long[] { 4, 3, c, z, t }, cal, type, rgb, 0, 5000, c > 1 && !rgb
			? "composite" : null);
	}

	private Path write(final VolumeInfo info, final String name) throws IOException {
		final Path file = dir.resolve(name);
		try (TiffSink sink = TiffSink.create(file, info, false)) {
			for (int t = 0; t < info.frames(); t++)
				for (int z = 0; z < info.slices(); z++)
					for (int c = 0; c < info.channels(); c++) {
						final float[] plane = new float[12];
						for (int y = 0; y < 3; y++)
							for (int x = 0; x < 4; x++)
								plane[y * 4 + x] = value(x, y, c, z, t) / (info.type() == PixelType.UINT8 ? 20f : 1f);
						sink.write(c, z, t, ArrayImgs.floats(plane, 4, 3));
					}
			assertFalse(Files.exists(file), "nothing at the target before finish");
			sink.finish();
		}
		return file;
	}

	@Test
	void imageJReadsHyperstackValuesOrderAndCalibration() throws IOException {
		for (final PixelType type : PixelType.values()) {
			final Path file = write(info(type, false, 2, 3, 2), "hyper-" + type + ".tif");
			final ImagePlus imp = IJ.openImage(file.toString());
			assertEquals(type.bits(), imp.getBitDepth());
			assertEquals(4, imp.getWidth());
			assertEquals(3, imp.getHeight());
			assertEquals(2, imp.getNChannels());
			assertEquals(3, imp.getNSlices());
			assertEquals(2, imp.getNFrames());
			final Calibration cal = imp.getCalibration();
			assertEquals(0.25, cal.pixelWidth, 1e-9);
			assertEquals(0.25, cal.pixelHeight, 1e-9);
			assertEquals(1.5, cal.pixelDepth, 1e-12);
			assertEquals(2, cal.frameInterval, 1e-12);
			assertEquals("micron", cal.getUnit());
			assertEquals(3, cal.xOrigin, 1e-9); // physical -0.75 at 0.25 per pixel
			assertEquals(-2, cal.yOrigin, 1e-9);
			for (int t = 0; t < 2; t++)
				for (int z = 0; z < 3; z++)
					for (int c = 0; c < 2; c++)
						for (int y = 0; y < 3; y++)
							for (int x = 0; x < 4; x++) {
								final float expected = type == PixelType.UINT8 ? Math.round(value(x, y, c, z, t) / 20f)
									: value(x, y, c, z, t);
								assertEquals(expected, ImagePlanes.plane(imp, c + 1, z + 1, t + 1).getAt(x, y).get(),
									type + " at " + x + "," + y + " c" + c + " z" + z + " t" + t);
							}
			// The lazy reader sees the same volume.
			final VolumeSource lazy = TiffSource.open(file);
			assertEquals(ImagePlusSource.info(imp).toString().replace("'" + imp.getTitle() + "'", ""), lazy.info()
				.toString().replace("'" + lazy.info().title() + "'", ""));
			assertEquals(value(3, 2, 1, 2, 1) / (type == PixelType.UINT8 ? 20f : 1f), lazy.plane(1, 2, 1).randomAccess()
				.setPositionAndGet(3, 2).get(), type == PixelType.UINT8 ? 0.5 : 0);
		}
	}

	@Test
	void integerPixelsAreRoundedAndClampedAndRgbIsInterleaved() throws IOException {
		final Path file = dir.resolve("rgb.tif");
		final VolumeInfo info = info(PixelType.UINT8, true, 3, 2, 1);
		try (TiffSink sink = TiffSink.create(file, info, false)) {
			for (int z = 0; z < 2; z++)
				for (int c = 0; c < 3; c++) {
					final float[] plane = new float[12];
					for (int i = 0; i < 12; i++)
						plane[i] = c == 0 ? i * 30.2f - 50 : c == 1 ? 7.5f + z : Float.NaN; // clamps, half up, NaN
					sink.write(c, z, 0, ArrayImgs.floats(plane, 4, 3));
				}
			sink.finish();
		}
		final ImagePlus imp = IJ.openImage(file.toString());
		assertEquals(24, imp.getBitDepth());
		assertEquals(2, imp.getStackSize());
		for (int z = 0; z < 2; z++)
			for (int i = 0; i < 12; i++) {
				final int rgb = ((int[]) imp.getStack().getPixels(z + 1))[i];
				assertEquals(Math.max(0, Math.min(255, (int) Math.floor(i * 30.2f - 50 + 0.5))), rgb >> 16 & 255);
				assertEquals(8 + z, rgb >> 8 & 255);
				assertEquals(0, rgb & 255);
			}
	}

	@Test
	void nothingIsOverwrittenOrLeftBehind() throws IOException {
		final Path file = write(info(PixelType.UINT16, false, 1, 2, 1), "once.tif");
		assertThrows(FileAlreadyExistsException.class, () -> TiffSink.create(file, info(PixelType.UINT16,
			false, 1, 2, 1), false));
		final Path partial = dir.resolve("partial.tif");
		try (TiffSink sink = TiffSink.create(partial, info(PixelType.UINT16, false, 1, 2, 1), false)) {
			sink.write(0, 0, 0, ArrayImgs.floats(new float[12], 4, 3));
			assertThrows(IllegalStateException.class, sink::finish);
			assertThrows(IllegalStateException.class, () -> sink.write(0, 0, 0, ArrayImgs.floats(new float[12],
				4, 3)), "planes out of order");
		}
		assertFalse(Files.exists(partial));
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(1, files.count(), "no temporary file left");
		}
	}

	@Test
	void theFileGetsTheUmasksModeNotATemporaryFiles() throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX modes");
		final Path file = write(info(PixelType.UINT8, false, 1, 1, 1), "mode.tif");
		// The reference: a file created the ordinary way under the same umask (Files.createTempFile gives 0600).
		final Path plain = Files.createFile(dir.resolve("plain"));
		assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
	}

	@Test
	void compositeLutsRangesAndLabelsAreKeptAsImageJKeepsThem() throws IOException {
		// The reference: the same hyperstack saved by ImageJ's own writer and read back.
		final ImagePlus source = IJ.createHyperStack("luts", 4, 3, 2, 3, 1, 16);
		for (int i = 1; i <= 6; i++)
			source.getStack().setSliceLabel("plane " + i, i);
		final ij.CompositeImage composite = new ij.CompositeImage(source, ij.CompositeImage.COMPOSITE);
		composite.setChannelLut(ij.process.LUT.createLutFromColor(java.awt.Color.MAGENTA), 1);
		composite.setChannelLut(ij.process.LUT.createLutFromColor(java.awt.Color.CYAN), 2);
		composite.getChannelLut(1).min = 10;
		composite.getChannelLut(1).max = 300;
		composite.getChannelLut(2).min = 5;
		composite.getChannelLut(2).max = 900;
		final Path byImageJ = dir.resolve("imagej.tif");
		assertTrue(new ij.io.FileSaver(composite).saveAsTiff(byImageJ.toString()));
		final ImagePlus reference = IJ.openImage(byImageJ.toString());
		final VolumeSource in = new ImagePlusSource(composite);
		final Path file = dir.resolve("sink.tif");
		try (TiffSink sink = TiffSink.create(file, in.info(), false)) {
			for (int z = 0; z < 3; z++)
				for (int c = 0; c < 2; c++)
					sink.write(c, z, 0, in.plane(c, z, 0));
			sink.finish();
		}
		final ImagePlus ours = IJ.openImage(file.toString());
		assertTrue(ours instanceof ij.CompositeImage && reference instanceof ij.CompositeImage);
		assertEquals(((ij.CompositeImage) reference).getMode(), ((ij.CompositeImage) ours).getMode());
		for (int c = 1; c <= 2; c++) {
			final ij.process.LUT a = ((ij.CompositeImage) reference).getChannelLut(c), b = ((ij.CompositeImage) ours)
				.getChannelLut(c);
			assertEquals(a.min, b.min);
			assertEquals(a.max, b.max);
			assertEquals(a.getRGB(255), b.getRGB(255));
			assertEquals(a.getRGB(100), b.getRGB(100));
		}
		for (int i = 1; i <= 6; i++)
			assertEquals(reference.getStack().getSliceLabel(i), ours.getStack().getSliceLabel(i));
	}

	@Test
	void aPlainMultiChannelImageIsWrittenAsTheGreyCompositeAnUpscaledImagePlusShows() throws IOException {
		final ij.ImageStack stack = new ij.ImageStack(4, 3);
		stack.addSlice(new ij.process.ShortProcessor(4, 3));
		stack.addSlice(new ij.process.ShortProcessor(4, 3));
		final ImagePlus plain = new ImagePlus("plain", stack);
		plain.setDimensions(2, 1, 1);
		plain.setDisplayRange(20, 700);
		assertFalse(plain instanceof ij.CompositeImage);
		final ImagePlus shown = new org.deepsr.image.ImagePlusSink(plain, 1, false).image(); // OutputImage's view of it
		final VolumeSource in = new ImagePlusSource(plain);
		final Path file = dir.resolve("plain.tif");
		try (TiffSink sink = TiffSink.create(file, in.info(), false)) {
			for (int c = 0; c < 2; c++)
				sink.write(c, 0, 0, in.plane(c, 0, 0));
			sink.finish();
		}
		final ij.CompositeImage read = (ij.CompositeImage) IJ.openImage(file.toString());
		assertEquals(((ij.CompositeImage) shown).getMode(), read.getMode());
		for (int c = 1; c <= 2; c++) {
			final ij.process.LUT a = ((ij.CompositeImage) shown).getChannelLut(c), b = read.getChannelLut(c);
			assertEquals(a.min, b.min);
			assertEquals(a.max, b.max);
			assertEquals(a.getRGB(77), b.getRGB(77));
		}
	}

	@Test
	void tifffileReadsPagesAxesValuesAndCalibration() throws Exception {
		Prerequisites.python("tifffile");
		for (final PixelType type : new PixelType[] { PixelType.UINT16, PixelType.FLOAT32 }) {
			final Path file = write(info(type, false, 2, 3, 2), "py-" + type + ".tif");
			final JsonObject json = readWithTifffile(file);
			assertEquals("TZCYX", json.get("axes").getAsString());
			assertEquals("[2,3,2,3,4]", json.get("shape").toString());
			assertEquals(12, json.get("pages").getAsInt(), "one IFD per plane");
			assertEquals(type == PixelType.UINT16 ? "uint16" : "float32", json.get("dtype").getAsString());
			final JsonObject ij = json.getAsJsonObject("imagej");
			assertEquals("micron", ij.get("unit").getAsString());
			assertEquals(1.5, ij.get("spacing").getAsDouble());
			assertEquals(2, ij.get("finterval").getAsDouble());
			assertEquals(4.0, json.get("xresolution").getAsDouble(), 1e-6); // pixels per micron
			int i = 0;
			for (int t = 0; t < 2; t++)
				for (int z = 0; z < 3; z++)
					for (int c = 0; c < 2; c++)
						for (int y = 0; y < 3; y++)
							for (int x = 0; x < 4; x++)
								assertEquals(value(x, y, c, z, t), json.getAsJsonArray("values").get(i++).getAsFloat());
		}
	}

	@Test
	void oddSizedPagesKeepTheirIfdsOnWordBoundaries() throws Exception {
		Prerequisites.python("tifffile");
		final AxisCalibration n = AxisCalibration.NONE;
		final VolumeInfo info = new VolumeInfo("odd", new long[] { 5, 3, 1, 3, 1 }, new AxisCalibration[] { n, n,
			n, n, n }, PixelType.UINT8, false, 0, 255, null);
		final Path file = dir.resolve("odd.tif");
		try (TiffSink sink = TiffSink.create(file, info, false)) {
			for (int z = 0; z < 3; z++) {
				final float[] plane = new float[15];
				for (int i = 0; i < 15; i++)
					plane[i] = 50 * z + i;
				sink.write(0, z, 0, ArrayImgs.floats(plane, 5, 3));
			}
			sink.finish();
		}
		final JsonObject json = readWithTifffile(file);
		assertEquals(3, json.get("pages").getAsInt());
		for (int i = 0; i < 45; i++)
			assertEquals(50 * (i / 15) + i % 15, json.getAsJsonArray("values").get(i).getAsFloat());
	}

	/** What src/test/python/read_tiff.py (tifffile) sees in a file. */
	private static JsonObject readWithTifffile(final Path file) throws Exception {
		final Process p = new ProcessBuilder(Prerequisites.python(), Paths.get("src", "test", "python", "read_tiff.py")
			.toString(), file.toString()).redirectErrorStream(true).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(2, TimeUnit.MINUTES));
		assertEquals(0, p.exitValue(), out);
		return new Gson().fromJson(out, JsonObject.class);
	}
}
