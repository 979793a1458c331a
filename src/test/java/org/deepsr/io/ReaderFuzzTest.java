package org.deepsr.io;

import static org.deepsr.Mutations.expect;
import static org.deepsr.Mutations.mutate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.image.AxisCalibration;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated inputs (fixed seeds, bounded iterations) for the NIfTI and TIFF
 * readers: the golden NIfTI files (.nii and .nii.gz) with bit flips,
 * truncations, insertions and header fields (sizeof_hdr, dim, datatype,
 * bitpix, pixdim, vox_offset, scl_slope, magic, ...) set to boundary values,
 * and a small TIFF written by {@link TiffSink}. Each mutant is opened, its
 * header and affine asked for and every slice read: it reads, or fails with
 * an IOException, an IllegalArgumentException or (a slice read lazily) an
 * UncheckedIOException around an IOException, each with a one-line message;
 * never an OutOfMemoryError, a NullPointerException or another unchecked type.
 * OME-Zarr images (metadata and chunks) are mutated the same way.
 */
class ReaderFuzzTest {

	private static final long SEED = 20261203;

	private static final String[] GOLDEN = { "uint8.nii", "uint16.nii", "float32.nii", "big_endian.nii",
		"qform_only.nii", "sform_only.nii", "int16_scaled.nii.gz", "int32.nii.gz", "float64.nii.gz",
		"four_d.nii.gz" };

	/** Header fields as {offset, length}: sizeof_hdr, dim, datatype, bitpix, pixdim, vox_offset, scl_slope, scl_inter, xyzt_units, cal_max/min, toffset, qform/sform codes, quatern and qoffset, srow, magic. */
	private static final int[][] FIELDS = { { 0, 4 }, { 40, 16 }, { 70, 2 }, { 72, 2 }, { 76, 32 }, { 108, 4 },
		{ 112, 4 }, { 116, 4 }, { 123, 1 }, { 124, 8 }, { 136, 4 }, { 252, 4 }, { 256, 24 }, { 280, 48 }, {
			344, 4 } };

	private static final List<Class<?>> DOCUMENTED = List.of(IOException.class, IllegalArgumentException.class,
		UncheckedIOException.class);

	@TempDir
	Path dir;

	@Test
	void niftiReader() throws IOException {
		final Random random = new Random(SEED + 10);
		int opened = 0, n = 0;
		for (final String name : GOLDEN) {
			final boolean gzip = name.endsWith(".gz");
			final byte[] original = Files.readAllBytes(NiftiReference.golden(name));
			final byte[] plain = gzip ? gunzip(original) : original;
			for (int i = 0; i < 40; i++, n++) {
				final byte[] mutated;
				if (gzip && i % 4 == 3) mutated = mutate(original, random); // the compressed stream itself
				else {
					final byte[] m = i % 2 == 0 ? field(plain, random) : mutate(plain, random);
					mutated = gzip ? gzip(m) : m;
				}
				final Path file = Files.write(dir.resolve("fuzz" + n + (gzip ? ".nii.gz" : ".nii")), mutated);
				if (readNifti(file, name + " mutation " + i)) opened++;
				Files.delete(file);
			}
		}
		assertTrue(opened > 0 && opened < n, opened + " of " + n + " mutated NIfTI files read");
	}

	/**
	 * A header that claims 30000^3 voxels over a few hundred bytes of data is
	 * refused when the file is opened, before a slice buffer is allocated:
	 * uncompressed against the file's size, compressed against the most
	 * deflate can expand it (1032 to 1).
	 */
	@Test
	void dimsFarLargerThanTheFileAreRefusedAtOpen() throws IOException {
		final byte[] b = Files.readAllBytes(NiftiReference.golden("uint8.nii"));
		final ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		h.putShort(40, (short) 3);
		for (int i = 1; i <= 3; i++)
			h.putShort(40 + 2 * i, (short) 30000);
		for (final boolean gzip : new boolean[] { false, true }) {
			final Path file = Files.write(dir.resolve("huge" + (gzip ? ".nii.gz" : ".nii")), gzip ? gzip(b) : b);
			final IOException e = assertThrows(IOException.class, () -> NiftiSource.open(file).close());
			expect(e, file.toString(), List.of(IOException.class));
			assertTrue(e.getMessage().contains(file.getFileName().toString()) && e.getMessage().contains(
				"27000000000"), e.getMessage());
		}
	}

	/** The bound for .nii.gz refuses no real file: 256^3 zeros, as compressible as data gets (about 1027 to 1), open and read. */
	@Test
	void theMostCompressibleVolumeStillOpens() throws IOException {
		final byte[] header = Files.readAllBytes(NiftiReference.golden("uint8.nii"));
		final byte[] b = new byte[NiftiHeader.DATA_OFFSET + (1 << 24)];
		System.arraycopy(header, 0, b, 0, NiftiHeader.DATA_OFFSET);
		final ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		h.putShort(40, (short) 3).putFloat(108, NiftiHeader.DATA_OFFSET);
		for (int i = 1; i <= 3; i++)
			h.putShort(40 + 2 * i, (short) 256);
		final byte[] gz = gzip(b);
		assertTrue(b.length > 1000L * gz.length, b.length + " bytes in " + gz.length);
		try (NiftiSource source = NiftiSource.open(Files.write(dir.resolve("zeros.nii.gz"), gz))) {
			assertEquals(256, source.info().slices());
			for (final float v : ImagePlanes.array(source.plane(0, 255, 0)))
				assertEquals(0, v);
		}
	}

	@Test
	void tiffReader() throws IOException {
		final byte[] tiff = Files.readAllBytes(smallTiff());
		final Random random = new Random(SEED + 11);
		int opened = 0;
		for (int i = 0; i < 300; i++) {
			final byte[] mutated = i % 3 == 0 ? structure(tiff, random) : mutate(tiff, random);
			final Path file = Files.write(dir.resolve("fuzz" + i + ".tif"), mutated);
			if (readTiff(file, "TIFF mutation " + i)) opened++;
			Files.delete(file);
		}
		assertTrue(opened > 0 && opened < 300, opened + " of 300 mutated TIFFs read");
	}

	/**
	 * OME-Zarr (NGFF 0.4 gzip and 0.5 zstd, two levels): one file mutated at a
	 * time, the group's attributes, an array's metadata or a chunk; opened and
	 * its first and last planes read, at both levels.
	 */
	@Test
	void omeZarrReader() throws IOException {
		final Random random = new Random(SEED + 12);
		int opened = 0, n = 0;
		for (final int version : new int[] { 2, 3 }) {
			final Path good = dir.resolve("good" + version + ".zarr");
			OmeZarrTest.write(OmeZarrTest.volume(20, 12, 2, 3, 1, PixelType.UINT16), good, new OmeZarrSink.Options()
				.zarrVersion(version).levels(2).chunks(8, 2).compression(version == 2 ? "gzip" : "zstd"));
			final List<Path> files;
			try (java.util.stream.Stream<Path> all = Files.walk(good)) {
				files = all.filter(Files::isRegularFile).sorted().collect(java.util.stream.Collectors.toList());
			}
			for (int i = 0; i < 80; i++, n++) {
				final Path z = dir.resolve("fuzz" + n + ".zarr");
				OmeZarrTest.copy(good, z);
				// metadata half the time, chunks the other half
				final List<Path> meta = files.stream().filter(p -> p.getFileName().toString().startsWith(".z") || p
					.getFileName().toString().equals("zarr.json")).collect(java.util.stream.Collectors.toList());
				final Path pick = i % 2 == 0 ? meta.get(random.nextInt(meta.size())) : files.get(random.nextInt(files
					.size()));
				final Path target = z.resolve(good.relativize(pick).toString());
				Files.write(target, mutate(Files.readAllBytes(target), random));
				if (readZarr(z, "Zarr v" + version + " mutation " + i + " of " + good.relativize(pick))) opened++;
			}
		}
		assertTrue(opened > 0 && opened < n, opened + " of " + n + " mutated OME-Zarr images read");
	}

	private static boolean readZarr(final Path root, final String what) {
		try {
			for (int level = 0; level < 2; level++)
				try (OmeZarrSource s = OmeZarrSource.open(root, level)) {
					final VolumeInfo info = s.info();
					ImagePlanes.array(s.plane(0, 0, 0));
					ImagePlanes.array(s.plane(info.channels() - 1, info.slices() - 1, info.frames() - 1));
				}
			return true;
		}
		catch (final Throwable t) {
			documented(t, what);
			return false;
		}
	}

	/** Opens a NIfTI mutant and reads all of it; true when it read, false when it failed as documented. */
	private static boolean readNifti(final Path file, final String what) {
		try (NiftiSource source = NiftiSource.open(file)) {
			final NiftiHeader h = source.header();
			h.affine();
			h.qform();
			h.sform();
			readAll(source);
			return true;
		}
		catch (final Throwable t) {
			documented(t, what);
			return false;
		}
	}

	private static boolean readTiff(final Path file, final String what) {
		try {
			readAll(TiffSource.open(file));
			return true;
		}
		catch (final Throwable t) {
			documented(t, what);
			return false;
		}
	}

	private static void readAll(final VolumeSource source) {
		final VolumeInfo info = source.info();
		for (long t = 0; t < info.frames(); t++)
			for (long z = 0; z < info.slices(); z++)
				for (long c = 0; c < info.channels(); c++)
					ImagePlanes.array(source.plane(c, z, t));
	}

	/** A documented failure; an unchecked wrapper must carry the IOException its callers rethrow, one line too. */
	private static void documented(final Throwable t, final String what) {
		expect(t, what, DOCUMENTED);
		if (t instanceof UncheckedIOException) expect(t.getCause(), what + " (the cause)", List.of(IOException.class));
	}

	/** One header field set to a boundary value: one byte, a short or a float, mostly in the file's byte order. */
	private static byte[] field(final byte[] original, final Random random) {
		final byte[] b = original.clone();
		final int[] f = FIELDS[random.nextInt(FIELDS.length)];
		final ByteOrder order = (ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == NiftiHeader.SIZE) ==
			random.nextInt(4) > 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
		final ByteBuffer h = ByteBuffer.wrap(b).order(order);
		final int kind = random.nextInt(3);
		if (kind == 0 || f[1] < 2) b[f[0] + random.nextInt(f[1])] = (byte) new int[] { 0, 0xff, 0x7f, 0x80, 0x01 }[random
			.nextInt(5)];
		else if (kind == 1 || f[1] < 4) h.putShort(f[0] + 2 * random.nextInt(f[1] / 2), (short) new int[] { 0, 1, -1,
			0x7fff, 0x8000, 0xff, 0x7f, 0x80, 30000, 2, 8, 16 }[random.nextInt(12)]);
		else h.putFloat(f[0] + 4 * random.nextInt(f[1] / 4), new float[] { Float.NaN, Float.POSITIVE_INFINITY,
			Float.NEGATIVE_INFINITY, 0, -0f, 1e30f, -1, Float.MIN_VALUE, 2147483648f, 352, 1e9f, 0x7fffff }[random
				.nextInt(12)]);
		return b;
	}

	/** An edge value in the TIFF header and first IFD, where sizes, offsets and types live. */
	private static byte[] structure(final byte[] original, final Random random) {
		final byte[] b = original.clone();
		for (int k = 1 + random.nextInt(3); k > 0; k--)
			b[random.nextInt(Math.min(b.length, 512))] = (byte) new int[] { 0, 0xff, 0x7f, 0x80, 0x01 }[random
				.nextInt(5)];
		return b;
	}

	/** 6x4 pixels, 2 channels, 3 slices, 16-bit, calibrated: ImageJ's hyperstack metadata and one IFD per plane. */
	private Path smallTiff() throws IOException {
		final AxisCalibration um = new AxisCalibration("µm", 0.5, 0);
		final VolumeInfo info = new VolumeInfo("fuzz", new long[] { 6, 4, 2, 3, 1 }, new AxisCalibration[] { um, um,
			AxisCalibration.NONE, new AxisCalibration("µm", 2, 0), AxisCalibration.NONE }, PixelType.UINT16, false,
			0, 65535, "composite");
		final Path file = dir.resolve("small.tif");
		try (TiffSink sink = TiffSink.create(file, info, false)) {
			for (int z = 0; z < 3; z++)
				for (int c = 0; c < 2; c++) {
					final float[] plane = new float[24];
					for (int i = 0; i < 24; i++)
						plane[i] = 1000 * c + 100 * z + i;
					sink.write(c, z, 0, ArrayImgs.floats(plane, 6, 4));
				}
			sink.finish();
		}
		return file;
	}

	private static byte[] gunzip(final byte[] b) throws IOException {
		try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
			return in.readAllBytes();
		}
	}

	private static byte[] gzip(final byte[] b) throws IOException {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream z = new GZIPOutputStream(out)) {
			z.write(b);
		}
		return out.toByteArray();
	}
}
