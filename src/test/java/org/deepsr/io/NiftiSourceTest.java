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
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.Prerequisites;
import org.deepsr.image.Axis;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NiftiSource against nibabel: golden files of every datatype, scaling, transform and byte order, and a real MRI. */
class NiftiSourceTest {

	@TempDir
	Path dir;

	@Test
	void readsNibabelsGoldenFilesAsNibabelDoes() throws IOException {
		final JsonObject expected = NiftiReference.expected();
		assertEquals(10, expected.size());
		for (final Map.Entry<String, com.google.gson.JsonElement> e : expected.entrySet()) {
			final String name = e.getKey();
			final JsonObject nib = e.getValue().getAsJsonObject();
			try (NiftiSource source = NiftiSource.open(NiftiReference.golden(name))) {
				final VolumeInfo info = source.info();
				final JsonArray shape = nib.getAsJsonArray("shape");
				assertEquals(shape.get(0).getAsLong(), info.width(), name);
				assertEquals(shape.get(1).getAsLong(), info.height(), name);
				assertEquals(shape.get(2).getAsLong(), info.slices(), name);
				assertEquals(shape.size() > 3 ? shape.get(3).getAsLong() : 1, info.frames(), name);
				assertEquals(1, info.channels(), name);
				final NiftiHeader h = source.header();
				assertEquals(nib.get("datatype").getAsInt(), h.type().code(), name);
				final String dtype = nib.get("dtype").getAsString();
				final boolean scaled = nib.get("slope").getAsDouble() != 1 || nib.get("inter").getAsDouble() != 0;
				assertEquals(!scaled && dtype.equals("uint8") ? PixelType.UINT8 : !scaled && dtype.equals("uint16")
					? PixelType.UINT16 : PixelType.FLOAT32, info.type(), name);
				assertEquals(nib.get("slope").getAsDouble(), h.slope(), name);
				assertEquals(nib.get("inter").getAsDouble(), h.inter(), name);
				assertEquals(nib.get("big_endian").getAsBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, h
					.order(), name);
				assertEquals(nib.get("vox_offset").getAsLong(), h.voxOffset(), name);
				assertEquals(nib.get("qform_code").getAsInt(), h.qformCode(), name);
				assertEquals(nib.get("sform_code").getAsInt(), h.sformCode(), name);
				assertMatrix(matrix(nib.getAsJsonArray("affine")), h.affine(), 1e-5, name + " affine");
				if (h.qformCode() > 0) assertMatrix(matrix(nib.getAsJsonArray("qform")), h.qform(), 1e-5, name +
					" qform");
				if (h.sformCode() > 0) assertMatrix(matrix(nib.getAsJsonArray("sform")), h.sform(), 1e-6, name +
					" sform");
				final JsonArray pixdim = nib.getAsJsonArray("pixdim");
				assertEquals(pixdim.get(1).getAsDouble(), info.calibration(Axis.X).spacing(), name);
				assertEquals(pixdim.get(2).getAsDouble(), info.calibration(Axis.Y).spacing(), name);
				assertEquals(pixdim.get(3).getAsDouble(), info.calibration(Axis.Z).spacing(), name);
				assertEquals(nib.getAsJsonArray("units").get(0).getAsString(), info.calibration(Axis.X).unit(), name);
				if (info.frames() > 1) {
					assertEquals(pixdim.get(4).getAsDouble(), info.calibration(Axis.T).spacing(), name);
					assertEquals("sec", info.calibration(Axis.T).unit(), name);
				}
				NiftiReference.assertValues(nib.getAsJsonArray("values"), source, name);
			}
		}
	}

	@Test
	void aCompressedFileIsReadAgainFromTheStartForAnEarlierSlice() throws IOException {
		final JsonArray values = NiftiReference.expected().getAsJsonObject("four_d.nii.gz").getAsJsonArray(
			"values");
		try (NiftiSource source = NiftiSource.open(NiftiReference.golden("four_d.nii.gz"))) {
			final float last = source.plane(0, 2, 1).randomAccess().setPositionAndGet(4, 3).get();
			final float first = source.plane(0, 0, 0).randomAccess().setPositionAndGet(1, 2).get();
			final float again = source.plane(0, 2, 1).randomAccess().setPositionAndGet(4, 3).get();
			assertEquals(values.get(1).getAsJsonArray().get(2).getAsJsonArray().get(3).getAsJsonArray().get(4)
				.getAsFloat(), last);
			assertEquals(last, again);
			assertEquals(values.get(0).getAsJsonArray().get(0).getAsJsonArray().get(2).getAsJsonArray().get(1)
				.getAsFloat(), first);
		}
	}

	@Test
	void aRealT1MatchesNibabelsHeaderAndSliceSums() throws IOException, InterruptedException {
		final Path file = Prerequisites.need(Prerequisites.sharedData().resolve("mri").resolve(
			"niivue_chris_t1.nii.gz"));
		final JsonObject nib = NiftiReference.nibabel(file, false);
		try (NiftiSource source = NiftiSource.open(file)) {
			final VolumeInfo info = source.info();
			final JsonArray shape = nib.getAsJsonArray("shape");
			assertEquals(Arrays.asList(shape.get(0).getAsLong(), shape.get(1).getAsLong(), shape.get(2)
				.getAsLong()), Arrays.asList(info.width(), info.height(), info.slices()));
			assertEquals(nib.get("datatype").getAsInt(), source.header().type().code());
			assertEquals(nib.get("qform_code").getAsInt(), source.header().qformCode());
			assertEquals(nib.get("sform_code").getAsInt(), source.header().sformCode());
			assertMatrix(matrix(nib.getAsJsonArray("affine")), source.header().affine(), 1e-5, "affine");
			assertMatrix(matrix(nib.getAsJsonArray("qform")), source.header().qform(), 1e-5, "qform");
			assertEquals(nib.getAsJsonArray("pixdim").get(1).getAsDouble(), info.calibration(Axis.X).spacing());
			assertEquals("mm", info.calibration(Axis.X).unit());
			final JsonArray sums = nib.getAsJsonArray("slice_sums").get(0).getAsJsonArray();
			for (int z = 0; z < info.slices(); z++) {
				double sum = 0;
				for (final FloatType v : source.plane(0, z, 0))
					sum += v.get();
				assertEquals(sums.get(z).getAsDouble(), sum, "slice " + z);
			}
		}
	}

	@Test
	void aTruncatedFileIsNamedInOneLine() throws IOException {
		final byte[] nii = Files.readAllBytes(NiftiReference.golden("uint16.nii"));
		final Path cut = Files.write(dir.resolve("cut.nii"), Arrays.copyOf(nii, nii.length - 7));
		assertOneLine(assertThrows(IOException.class, () -> NiftiSource.open(cut)), "cut.nii", "truncated");
		final Path header = Files.write(dir.resolve("short.nii"), Arrays.copyOf(nii, 200));
		assertOneLine(assertThrows(IOException.class, () -> NiftiSource.open(header)), "short.nii", "truncated");
		// A gzip file cut in its data: the header reads, the missing slices do not.
		final byte[] gz = Files.readAllBytes(NiftiReference.golden("int32.nii.gz"));
		final Path cutGz = Files.write(dir.resolve("cut.nii.gz"), Arrays.copyOf(gz, gz.length - 40));
		try (NiftiSource source = NiftiSource.open(cutGz)) {
			final UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> source.plane(0, 2, 0));
			assertOneLine(e.getCause(), "cut.nii.gz", "truncated");
			assertEquals(e.getCause().getMessage(), e.getMessage(), "the unchecked wrapper's own message");
		}
	}

	@Test
	void wrongMagicAndUnsupportedDatatypesAreNamedInOneLine() throws IOException {
		final byte[] nii = Files.readAllBytes(NiftiReference.golden("uint8.nii"));
		final byte[] magic = nii.clone();
		magic[344] = 'x';
		final Path notNifti = Files.write(dir.resolve("magic.nii"), magic);
		assertOneLine(assertThrows(IOException.class, () -> NiftiSource.open(notNifti)), "magic.nii",
			"not a NIfTI-1 file");
		final Path text = Files.writeString(dir.resolve("text.nii"), "not a volume at all");
		assertOneLine(assertThrows(IOException.class, () -> NiftiSource.open(text)), "text.nii", "truncated");
		final byte[] rgb = nii.clone();
		rgb[70] = (byte) 128; // DT_RGB24, little-endian
		final Path colour = Files.write(dir.resolve("rgb.nii"), rgb);
		assertOneLine(assertThrows(IOException.class, () -> NiftiSource.open(colour)), "rgb.nii",
			"datatype 128");
		final Path gz = Files.writeString(dir.resolve("plain.nii.gz"), "not gzip");
		assertOneLine(assertThrows(IOException.class, () -> NiftiSource.open(gz)), "plain.nii.gz", "gzip");
		assertThrows(IOException.class, () -> NiftiSource.open(dir.resolve("missing.nii")));
	}

	private static void assertOneLine(final Throwable e, final String file, final String what) {
		final String m = e.getMessage();
		assertTrue(m.contains(file) && m.contains(what), m);
		assertFalse(m.contains("\n"), m);
	}
}
