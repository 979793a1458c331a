package org.deepsr.io;

import static org.deepsr.io.NiftiReference.assertMatrix;
import static org.deepsr.io.NiftiReference.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.image.AxisCalibration;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NiftiSink's files as nibabel reads them: values, datatypes, scaling and the affine of a resampled grid. */
class NiftiSinkTest {

	@TempDir
	Path dir;

	private static final String[] GOLDEN = { "uint8.nii", "int16_scaled.nii.gz", "uint16.nii", "int32.nii.gz",
		"float32.nii", "float64.nii.gz", "qform_only.nii", "sform_only.nii", "big_endian.nii", "four_d.nii.gz" };

	@Test
	void copiesOfTheGoldenFilesReadInNibabelAsTheOriginals() throws Exception {
		final JsonObject expected = NiftiReference.expected();
		final List<Path> copies = new ArrayList<>();
		for (int i = 0; i < GOLDEN.length; i++) {
			// .nii to .nii.gz and back, so both writers see every kind of header
			final String name = GOLDEN[i].endsWith(".gz") ? GOLDEN[i].replace(".nii.gz", ".nii") : GOLDEN[i] + ".gz";
			final Path out = dir.resolve("copy-" + name);
			try (NiftiSource source = NiftiSource.open(NiftiReference.golden(GOLDEN[i]))) {
				copy(source, out, source.info(), false);
			}
			copies.add(out);
		}
		final List<JsonObject> views = NiftiReference.nibabel(true, copies.toArray(new Path[0]));
		for (int i = 0; i < GOLDEN.length; i++) {
			final JsonObject original = expected.getAsJsonObject(GOLDEN[i]), copy = views.get(i);
			final String what = copies.get(i).getFileName().toString();
			for (final String key : new String[] { "shape", "datatype", "qform_code", "sform_code", "units", "slope",
				"inter", "descrip" })
				assertEquals(original.get(key), copy.get(key), what + " " + key);
			assertMatrix(matrix(original.getAsJsonArray("affine")), matrix(copy.getAsJsonArray("affine")), 1e-6,
				what + " affine");
			assertEquals(original.getAsJsonArray("pixdim"), copy.getAsJsonArray("pixdim"), what);
			assertFloatValues(original.getAsJsonArray("values"), copy.getAsJsonArray("values"), what);
		}
	}

	@Test
	void anUpscaledGridKeepsTheCornerOfTheFieldOfViewInTheWorld() throws Exception {
		final String[] names = { "qform_only.nii", "sform_only.nii", "float32.nii", "four_d.nii.gz" };
		final Path[] outs = new Path[names.length];
		for (int i = 0; i < names.length; i++) {
			outs[i] = dir.resolve("x3-" + names[i]);
			try (NiftiSource source = NiftiSource.open(NiftiReference.golden(names[i]))) {
				copy(source, outs[i], source.info().upscaled(3, false, "x3"), false);
			}
		}
		final JsonObject expected = NiftiReference.expected();
		final List<JsonObject> views = NiftiReference.nibabel(false, outs);
		for (int i = 0; i < names.length; i++) {
			final JsonObject original = expected.getAsJsonObject(names[i]), up = views.get(i);
			final JsonArray shape = original.getAsJsonArray("shape"), upShape = up.getAsJsonArray("shape");
			final double nx = shape.get(0).getAsDouble(), ny = shape.get(1).getAsDouble(), nz = shape.get(2)
				.getAsDouble();
			assertEquals(3 * nx, upShape.get(0).getAsDouble(), names[i]);
			assertEquals(3 * ny, upShape.get(1).getAsDouble(), names[i]);
			assertEquals(nz, upShape.get(2).getAsDouble(), names[i]);
			for (final String form : new String[] { "affine", "qform", "sform" }) {
				if (up.get(form).isJsonNull()) {
					assertTrue(original.get(form).isJsonNull(), names[i] + " " + form);
					continue;
				}
				final double[][] before = matrix(original.getAsJsonArray(form)), after = matrix(up.getAsJsonArray(
					form));
				// The outer corners of the first and the last voxel, old and new indices.
				assertPoint(world(before, -0.5, -0.5, -0.5), world(after, -0.5, -0.5, -0.5), names[i] + " " + form +
					" first corner");
				assertPoint(world(before, nx - 0.5, ny - 0.5, nz - 0.5), world(after, 3 * nx - 0.5, 3 * ny - 0.5, nz -
					0.5), names[i] + " " + form + " last corner");
			}
			final JsonArray pixdim = original.getAsJsonArray("pixdim"), upPixdim = up.getAsJsonArray("pixdim");
			assertEquals(pixdim.get(1).getAsDouble() / 3, upPixdim.get(1).getAsDouble(), 1e-7, names[i]);
			assertEquals(pixdim.get(2).getAsDouble() / 3, upPixdim.get(2).getAsDouble(), 1e-7, names[i]);
			assertEquals(pixdim.get(3).getAsDouble(), upPixdim.get(3).getAsDouble(), names[i]);
			assertEquals(pixdim.get(4).getAsDouble(), upPixdim.get(4).getAsDouble(), names[i]);
		}
	}

	@Test
	void valuesAreRoundedAndClampedIntoTheInputsTypeOrKeptAsFloat32() throws Exception {
		final float[] in = { 40000, -40000, 2.5f, -2.5f, Float.NaN, 0.3f, 299.6f, -0.6f };
		final String[] templates = { "qform_only.nii", "uint8.nii", "int16_scaled.nii.gz", "uint16.nii" };
		final double[][] expected = { { 32767, -32768, 3, -2, 0, 0, 300, -1 }, { 255, 0, 3, 0, 0, 0, 255, 0 }, {
			16373.5, -16394, 2.5, -2.5, -10, 0.5, 299.5, -0.5 }, { 40000, 0, 3, 0, 0, 0, 300, 0 } };
		final Path[] outs = new Path[templates.length + 1];
		final VolumeInfo info = new VolumeInfo("v", new long[] { in.length, 1, 1, 1, 1 }, new AxisCalibration[] {
			AxisCalibration.NONE, AxisCalibration.NONE, AxisCalibration.NONE, AxisCalibration.NONE,
			AxisCalibration.NONE }, PixelType.FLOAT32, false, 0, 1, null);
		for (int i = 0; i <= templates.length; i++) {
			outs[i] = dir.resolve("values" + i + ".nii");
			try (NiftiSource template = NiftiSource.open(NiftiReference.golden(templates[Math.min(i, templates.length -
				1)])); NiftiSink sink = NiftiSink.create(outs[i], info, template.header(), i ==
				templates.length, false))
			{
				sink.write(0, 0, 0, ArrayImgs.floats(in.clone(), in.length, 1));
				sink.finish();
			}
		}
		final List<JsonObject> views = NiftiReference.nibabel(true, outs);
		for (int i = 0; i <= templates.length; i++) {
			final JsonArray row = views.get(i).getAsJsonArray("values").get(0).getAsJsonArray().get(0)
				.getAsJsonArray().get(0).getAsJsonArray();
			for (int x = 0; x < in.length; x++)
				if (i == templates.length) assertEquals(in[x], row.get(x).isJsonNull() ? Float.NaN : row.get(x)
					.getAsFloat(), "float32 " + x);
				else assertEquals(expected[i][x], row.get(x).getAsDouble(), templates[i] + " " + x);
		}
		assertEquals(16, views.get(templates.length).get("datatype").getAsInt());
		assertEquals(4, views.get(0).get("datatype").getAsInt());
	}

	@Test
	void aVolumeWithoutHeaderGetsTheAffineOfItsCalibration() throws Exception {
		final VolumeInfo info = new VolumeInfo("tiff", new long[] { 3, 2, 1, 2, 1 }, new AxisCalibration[] {
			new AxisCalibration("mm", 0.5, -4), new AxisCalibration("mm", 0.25, 7), AxisCalibration.NONE,
			new AxisCalibration("mm", 2, 1.5), AxisCalibration.NONE }, PixelType.UINT16, false, 0, 65535, null);
		final Path out = dir.resolve("from-tiff.nii.gz");
		try (NiftiSink sink = NiftiSink.create(out, info, null, false, false)) {
			for (int z = 0; z < 2; z++)
				sink.write(0, z, 0, ArrayImgs.floats(new float[] { z, 1, 2, 3, 4, 65535 }, 3, 2));
			sink.finish();
		}
		final JsonObject nib = NiftiReference.nibabel(out, true);
		assertMatrix(new double[][] { { 0.5, 0, 0, -4 }, { 0, 0.25, 0, 7 }, { 0, 0, 2, 1.5 } }, matrix(nib
			.getAsJsonArray("affine")), 0, "affine");
		assertEquals(512, nib.get("datatype").getAsInt());
		assertEquals("mm", nib.getAsJsonArray("units").get(0).getAsString());
		assertEquals(65535, nib.getAsJsonArray("values").get(0).getAsJsonArray().get(1).getAsJsonArray().get(1)
			.getAsJsonArray().get(2).getAsDouble());
	}

	@Test
	void nothingAppearsBeforeFinishAndNoFileIsReplacedUnasked() throws IOException {
		final Path out = dir.resolve("partial.nii.gz");
		try (NiftiSource source = NiftiSource.open(NiftiReference.golden("uint8.nii"));
			NiftiSink sink = NiftiSink.create(out, source.info(), source.header(), false, false))
		{
			sink.write(0, 0, 0, source.plane(0, 0, 0));
			assertFalse(Files.exists(out));
			assertThrows(IllegalStateException.class, sink::finish);
		}
		try (Stream<Path> left = Files.list(dir)) {
			assertEquals(0, left.count(), "the temporary file is removed");
		}
		final Path existing = Files.writeString(dir.resolve("existing.nii"), "keep");
		try (NiftiSource source = NiftiSource.open(NiftiReference.golden("uint8.nii"))) {
			assertThrows(FileAlreadyExistsException.class, () -> NiftiSink.create(existing, source.info(), source
				.header(), false, false));
		}
		assertEquals("keep", Files.readString(existing));
	}

	/** Writes every plane of {@code source} (nearest-neighbour upscaled when {@code info} is larger). */
	private static void copy(final NiftiSource source, final Path out, final VolumeInfo info,
		final boolean float32) throws IOException
	{
		final int s = (int) (info.width() / source.info().width());
		try (NiftiSink sink = NiftiSink.create(out, info, source.header(), float32, false)) {
			for (long t = 0; t < info.frames(); t++)
				for (long z = 0; z < info.slices(); z++) {
					final float[] plane = org.deepsr.image.ImagePlanes.array(source.plane(0, z, t));
					final int w = (int) source.info().width();
					final float[] up = new float[(int) info.planePixels()];
					for (int i = 0; i < up.length; i++)
						up[i] = plane[(int) (i / info.width() / s) * w + (int) (i % info.width()) / s];
					sink.write(0, z, t, ArrayImgs.floats(up, info.width(), info.height()));
				}
			sink.finish();
		}
	}

	private static double[] world(final double[][] m, final double i, final double j, final double k) {
		final double[] p = new double[3];
		for (int r = 0; r < 3; r++)
			p[r] = m[r][0] * i + m[r][1] * j + m[r][2] * k + m[r][3];
		return p;
	}

	private static void assertPoint(final double[] expected, final double[] actual, final String what) {
		for (int r = 0; r < 3; r++)
			assertEquals(expected[r], actual[r], 1e-4, what + " coordinate " + r);
	}

	private static void assertFloatValues(final JsonArray expected, final JsonArray actual, final String what) {
		assertEquals(expected.size(), actual.size(), what);
		for (int i = 0; i < expected.size(); i++)
			if (expected.get(i).isJsonArray()) assertFloatValues(expected.get(i).getAsJsonArray(), actual.get(i)
				.getAsJsonArray(), what);
			else assertEquals((float) expected.get(i).getAsDouble(), (float) actual.get(i).getAsDouble(), what);
	}
}
