package org.deepsr.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.Prerequisites;
import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OME-Zarr against zarr-python (Debian's python3-zarr, Zarr v2 / NGFF 0.4):
 * what DeepSR writes opens there with its shape, dtype, chunks, compressor,
 * scale and values (and a 2x2-mean second level); what zarr-python writes
 * (blosc-lz4) reads here with its values and calibration. Zarr v3 (NGFF 0.5)
 * round-trips with its metadata checked against the specification's keys.
 * Malformed arrays fail in one line naming the file.
 */
class OmeZarrTest {

	@TempDir
	Path dir;

	/** A (c, z, t) volume of w x h planes, values a known function of the position. */
	static VolumeSource volume(final int w, final int h, final int nc, final int nz, final int nt,
		final PixelType type)
	{
		final AxisCalibration xy = new AxisCalibration("µm", 0.25, 0), z = new AxisCalibration("µm", 1.5, 3);
		final VolumeInfo info = new VolumeInfo("vol", new long[] { w, h, nc, nz, nt }, new AxisCalibration[] { xy, xy,
			AxisCalibration.NONE, z, new AxisCalibration("sec", 2, 0) }, type, false, 0, 255, null);
		return new VolumeSource() {

			@Override
			public VolumeInfo info() {
				return info;
			}

			@Override
			public RandomAccessibleInterval<FloatType> plane(final long c, final long zz, final long t) {
				final float[] v = new float[w * h];
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						v[y * w + x] = value(x, y, c, zz, t, type);
				return ArrayImgs.floats(v, w, h);
			}
		};
	}

	static float value(final int x, final int y, final long c, final long z, final long t, final PixelType type) {
		final double v = 7 * x + 3 * y + 50 * c + 20 * z + 100 * t + Math.sin(x * y * 0.1) * 5;
		return type == PixelType.FLOAT32 ? (float) (v / 7) : (float) Math.round(v) % (type == PixelType.UINT8 ? 256
			: 65536);
	}

	static void write(final VolumeSource source, final Path out, final OmeZarrSink.Options o) throws IOException {
		final VolumeInfo info = source.info();
		try (OmeZarrSink sink = OmeZarrSink.create(out, info, o)) {
			for (long t = 0; t < info.frames(); t++)
				for (long z = 0; z < info.slices(); z++)
					for (long c = 0; c < info.channels(); c++)
						sink.write(c, z, t, source.plane(c, z, t));
			sink.finish();
		}
	}

	static JsonObject python(final String... args) throws IOException, InterruptedException {
		Prerequisites.python("zarr", "numcodecs");
		final String[] cmd = new String[args.length + 2];
		cmd[0] = Prerequisites.python();
		cmd[1] = Paths.get("src", "test", "python", "zarr_reference.py").toString();
		System.arraycopy(args, 0, cmd, 2, args.length);
		final Path err = Files.createTempFile("zarr_reference", ".err");
		final Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(2, TimeUnit.MINUTES));
		final String errors = Files.readString(err);
		Files.delete(err);
		assertEquals(0, p.exitValue(), errors);
		return out.isBlank() ? null : JsonParser.parseString(out).getAsJsonObject();
	}

	@Test
	void writtenByDeepSrOpensInZarrPythonWithShapeDtypeChunksScaleAndValues() throws Exception {
		final String[][] cases = { { "UINT16", "gzip" }, { "UINT8", "blosc" }, { "FLOAT32", "zstd" }, { "UINT16",
			"zlib" }, { "FLOAT32", "none" } };
		for (final String[] k : cases) {
			final PixelType type = PixelType.valueOf(k[0]);
			final VolumeSource src = volume(30, 20, 2, 5, 1, type);
			final Path out = dir.resolve(k[0] + "-" + k[1] + ".ome.zarr");
			write(src, out, new OmeZarrSink.Options().levels(2).chunks(16, 2).compression(k[1]));
			final JsonObject r = python("read", out.toString());
			final String what = k[0] + " " + k[1];
			final JsonObject ms = r.getAsJsonObject("multiscales");
			assertEquals("0.4", ms.get("version").getAsString());
			assertEquals("[\"c\",\"z\",\"y\",\"x\"]", names(ms.getAsJsonArray("axes")), what);
			assertEquals("micrometer", ms.getAsJsonArray("axes").get(3).getAsJsonObject().get("unit").getAsString());
			final JsonArray levels = r.getAsJsonArray("levels");
			assertEquals(2, levels.size());
			final JsonObject l0 = levels.get(0).getAsJsonObject(), l1 = levels.get(1).getAsJsonObject();
			assertEquals("[2,5,20,30]", l0.get("shape").toString(), what);
			assertEquals(type == PixelType.UINT8 ? "uint8" : type == PixelType.UINT16 ? "uint16" : "float32", l0.get(
				"dtype").getAsString(), what);
			assertEquals("[1,2,16,16]", l0.get("chunks").toString(), what);
			assertEquals(k[1].equals("none") ? "null" : "\"" + k[1] + "\"", l0.get("compressor").toString(), what);
			assertEquals("[2,5,10,15]", l1.get("shape").toString(), what);
			final JsonArray ds = ms.getAsJsonArray("datasets");
			assertEquals("[1.0,1.5,0.25,0.25]", transform(ds, 0, "scale"), what);
			assertEquals("[0.0,3.0,0.0,0.0]", transform(ds, 0, "translation"), what);
			assertEquals("[1.0,1.5,0.5,0.5]", transform(ds, 1, "scale"), what);
			// a 2x2 mean's pixel centre is half a full-resolution pixel further
			assertEquals("[0.0,3.0,0.125,0.125]", transform(ds, 1, "translation"), what);
			final JsonArray v0 = l0.getAsJsonArray("values"), v1 = l1.getAsJsonArray("values");
			int i = 0, j = 0;
			for (int c = 0; c < 2; c++)
				for (int z = 0; z < 5; z++) {
					for (int y = 0; y < 20; y++)
						for (int x = 0; x < 30; x++)
							assertEquals(value(x, y, c, z, 0, type), v0.get(i++).getAsDouble(), 1e-6, what);
					for (int y = 0; y < 10; y++)
						for (int x = 0; x < 15; x++) {
							final double m = (value(2 * x, 2 * y, c, z, 0, type) + value(2 * x + 1, 2 * y, c, z, 0, type) + value(2 *
								x, 2 * y + 1, c, z, 0, type) + value(2 * x + 1, 2 * y + 1, c, z, 0, type)) / 4;
							assertEquals(type == PixelType.FLOAT32 ? m : Math.floor(m + 0.5), v1.get(j++).getAsDouble(), 1e-5,
								what + " level 1");
						}
				}
			// and DeepSR reads its own level 1 back with the doubled spacing
			try (OmeZarrSource back = OmeZarrSource.open(out, 1)) {
				assertEquals(0.5, back.info().calibration(Axis.X).spacing(), 1e-12);
				assertEquals("µm", back.info().calibration(Axis.X).unit());
			}
		}
	}

	@Test
	void writtenByZarrPythonReadsInDeepSrAsTheTiffOfTheSameVolume() throws Exception {
		final Path zarr = dir.resolve("ref.zarr"), tiff = dir.resolve("ref.tif");
		python("write", zarr.toString(), tiff.toString());
		final JsonArray values = python("read", zarr.toString()).getAsJsonArray("levels").get(0).getAsJsonObject()
			.getAsJsonArray("values");
		try (OmeZarrSource z = OmeZarrSource.open(zarr)) {
			final VolumeInfo info = z.info();
			assertArrayEquals(new long[] { 24, 20, 2, 5, 1 }, info.dims());
			assertEquals(PixelType.UINT16, info.type());
			assertEquals(2.0, info.calibration(Axis.Z).spacing(), 1e-12);
			assertEquals(0.5, info.calibration(Axis.X).spacing(), 1e-12);
			assertEquals("µm", info.calibration(Axis.Y).unit());
			assertArrayEquals(new int[] { 8, 8, 1, 2, 1 }, z.chunks());
			final VolumeSource t = TiffSource.open(tiff);
			assertArrayEquals(info.dims(), t.info().dims());
			int i = 0;
			for (int c = 0; c < 2; c++)
				for (int zz = 0; zz < 5; zz++) {
					final float[] a = ImagePlanes.array(z.plane(c, zz, 0)), b = ImagePlanes.array(t.plane(c, zz, 0));
					assertArrayEquals(b, a, "c " + c + " z " + zz);
					for (final float v : a)
						assertEquals(values.get(i++).getAsDouble(), v, 0);
				}
		}
	}

	@Test
	void zarrV3RoundTripsWithNgff05Metadata() throws IOException {
		for (final String comp : new String[] { "zstd", "blosc", "gzip" }) {
			final VolumeSource src = volume(20, 12, 1, 3, 2, PixelType.UINT16);
			final Path out = dir.resolve("v3-" + comp + ".zarr");
			write(src, out, new OmeZarrSink.Options().zarrVersion(3).chunks(8, 2).compression(comp));
			final JsonObject g = JsonParser.parseString(Files.readString(out.resolve("zarr.json"))).getAsJsonObject();
			assertEquals(3, g.get("zarr_format").getAsInt());
			assertEquals("group", g.get("node_type").getAsString());
			final JsonObject ome = g.getAsJsonObject("attributes").getAsJsonObject("ome");
			assertEquals("0.5", ome.get("version").getAsString());
			assertFalse(ome.getAsJsonArray("multiscales").get(0).getAsJsonObject().has("version"));
			final JsonObject a = JsonParser.parseString(Files.readString(out.resolve("0/zarr.json"))).getAsJsonObject();
			assertEquals("array", a.get("node_type").getAsString());
			assertEquals("uint16", a.get("data_type").getAsString());
			assertEquals("[\"t\",\"z\",\"y\",\"x\"]", a.get("dimension_names").toString());
			assertEquals("[1,2,8,8]", a.getAsJsonObject("chunk_grid").getAsJsonObject("configuration").get(
				"chunk_shape").toString());
			assertTrue(Files.isRegularFile(out.resolve("0/c/1/1/1/2")), "default chunk keys c/t/z/y/x");
			try (OmeZarrSource back = OmeZarrSource.open(out)) {
				assertEquals(3, back.zarrVersion());
				assertArrayEquals(new long[] { 20, 12, 1, 3, 2 }, back.info().dims());
				assertEquals(2.0, back.info().calibration(Axis.T).spacing(), 0);
				assertEquals(3.0, back.info().calibration(Axis.Z).origin(), 0);
				for (int t = 0; t < 2; t++)
					for (int z = 0; z < 3; z++)
						assertArrayEquals(ImagePlanes.array(src.plane(0, z, t)), ImagePlanes.array(back.plane(0, z, t)), comp);
			}
		}
	}

	@Test
	void anExistingOutputIsKeptUnlessOverwritingAndAFailedWriteLeavesNothing() throws IOException {
		final Path out = dir.resolve("kept.zarr");
		final VolumeSource src = volume(10, 10, 1, 2, 1, PixelType.UINT8);
		write(src, out, new OmeZarrSink.Options());
		final byte[] before = Files.readAllBytes(out.resolve(".zattrs"));
		assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> write(src, out,
			new OmeZarrSink.Options()));
		try (OmeZarrSink sink = OmeZarrSink.create(out, src.info(), new OmeZarrSink.Options().overwrite(true))) {
			sink.write(0, 0, 0, src.plane(0, 0, 0)); // no finish: discarded
		}
		assertArrayEquals(before, Files.readAllBytes(out.resolve(".zattrs")));
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			assertEquals(1, s.count(), "no staged folder left");
		}
		write(volume(10, 10, 1, 3, 1, PixelType.UINT8), out, new OmeZarrSink.Options().overwrite(true));
		try (OmeZarrSource back = OmeZarrSource.open(out)) {
			assertEquals(3, back.info().slices());
		}
	}

	/** Missing or corrupt metadata, a chunk of the wrong size, a truncated chunk: one line naming the file. */
	@Test
	void malformedZarrFailsInOneLine() throws IOException {
		final Path good = dir.resolve("good.zarr");
		write(volume(20, 20, 1, 2, 1, PixelType.UINT16), good, new OmeZarrSink.Options().chunks(16, 1));
		final String[] cases = { "no .zarray", "corrupt .zarray", "corrupt .zattrs", "bad dtype", "chunk of wrong size",
			"truncated chunk", "uncompressed chunk too short", "no .zattrs", "chunks of 0", "sharded v3" };
		for (int k = 0; k < cases.length; k++) {
			final Path z = dir.resolve("bad" + k + ".zarr");
			copy(good, z);
			final Path chunk = z.resolve("0/0/0/0");
			switch (k) {
				case 0:
					Files.delete(z.resolve("0/.zarray"));
					break;
				case 1:
					Files.writeString(z.resolve("0/.zarray"), "{\"zarr_format\": 2, \"shape\": [2, 20");
					break;
				case 2:
					Files.writeString(z.resolve(".zattrs"), "not json");
					break;
				case 3:
					replace(z.resolve("0/.zarray"), "<u2", "<c16");
					break;
				case 4:
					Files.write(chunk, gzip(new byte[100]));
					break;
				case 5:
					final byte[] c = Files.readAllBytes(chunk);
					Files.write(chunk, java.util.Arrays.copyOf(c, c.length / 2));
					break;
				case 6:
					replace(z.resolve("0/.zarray"), "\"compressor\": {\n    \"id\": \"gzip\",\n    \"level\": 5\n  }",
						"\"compressor\": null");
					Files.write(chunk, new byte[10]);
					break;
				case 7:
					Files.delete(z.resolve(".zattrs"));
					break;
				case 8:
					replace(z.resolve("0/.zarray"), "\"chunks\": [\n    1,", "\"chunks\": [\n    0,");
					break;
				default:
					Files.delete(z.resolve(".zattrs"));
					Files.delete(z.resolve(".zgroup"));
					Files.delete(z.resolve("0/.zarray"));
					Files.writeString(z.resolve("zarr.json"), "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[20,20]," +
						"\"data_type\":\"uint16\",\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[20,20]}}," +
						"\"codecs\":[{\"name\":\"sharding_indexed\",\"configuration\":{}}],\"fill_value\":0}");
			}
			final String message = failure(z);
			assertNotNull(message, cases[k] + " was read");
			assertFalse(message.contains("\n"), cases[k] + ": " + message);
			assertTrue(message.contains("bad" + k + ".zarr"), cases[k] + " names the file: " + message);
			assertFalse(message.contains("Exception"), cases[k] + ": " + message);
		}
	}

	/** The message a reader gives when it opens {@code z} and reads every plane, or null. */
	static String failure(final Path z) {
		try (OmeZarrSource s = OmeZarrSource.open(z)) {
			final VolumeInfo info = s.info();
			for (long p = 0; p < info.planes(); p++)
				s.plane(p % info.channels(), p / info.channels() % info.slices(), p / info.channels() / info.slices());
			return null;
		}
		catch (final UncheckedIOException e) {
			return e.getCause().getMessage();
		}
		catch (final IOException | IllegalArgumentException e) {
			return e.getMessage();
		}
	}

	static void copy(final Path from, final Path to) throws IOException {
		try (java.util.stream.Stream<Path> all = Files.walk(from)) {
			for (final Path p : (Iterable<Path>) all::iterator) {
				final Path q = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(q);
				else Files.copy(p, q);
			}
		}
	}

	private static void replace(final Path file, final String what, final String with) throws IOException {
		final String s = Files.readString(file);
		assertTrue(s.contains(what), file + " has " + what + ": " + s);
		Files.writeString(file, s.replace(what, with));
	}

	private static byte[] gzip(final byte[] b) throws IOException {
		final java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
		try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(o)) {
			g.write(b);
		}
		return o.toByteArray();
	}

	private static String names(final JsonArray axes) {
		final JsonArray n = new JsonArray();
		for (int i = 0; i < axes.size(); i++)
			n.add(axes.get(i).getAsJsonObject().get("name").getAsString());
		return n.toString();
	}

	private static String transform(final JsonArray datasets, final int level, final String type) {
		for (final com.google.gson.JsonElement e : datasets.get(level).getAsJsonObject().getAsJsonArray(
			"coordinateTransformations"))
			if (e.getAsJsonObject().get("type").getAsString().equals(type)) return e.getAsJsonObject().get(type)
				.toString();
		return null;
	}
}
