package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import org.deepsr.Prerequisites;
import org.deepsr.backend.TinyNet;
import org.deepsr.image.Axis;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.deepsr.io.OmeZarrSink;
import org.deepsr.io.OmeZarrSource;
import org.deepsr.io.TiffSource;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OME-Zarr through the one upscale path with a model: a volume zarr-python
 * wrote (blosc chunks of 1 x 2 x 8 x 8) upscales to the same planes as the
 * TIFF of the same volume (tifffile), with the scale divided; a cluster array
 * of n parts ({@code --part i/n}) gives the single run's output, chunk file by
 * chunk file, for an OME-Zarr volume and for a folder, whatever order the
 * parts run in, and a rerun after a part died resumes it.
 */
class OmeZarrUpscaleTest {

	@TempDir
	Path dir;

	private Path bundle;

	@BeforeEach
	void model() throws IOException {
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
		bundle = TinyBundle.create(new TinyNet(1, 3, 5), "grey", dir);
	}

	@AfterEach
	void cache() {
		System.clearProperty("deepsr.cache");
	}

	private Upscaler open() throws IOException {
		return TinyBundle.open(bundle, dir, false);
	}

	@Test
	void aZarrWrittenByZarrPythonUpscalesAsTheTiffOfTheSameVolume() throws Exception {
		Prerequisites.python("zarr", "numcodecs", "tifffile", "numpy");
		final Path zarr = dir.resolve("ref.zarr"), tiff = dir.resolve("ref.tif");
		final Process p = new ProcessBuilder(Prerequisites.python(), Paths.get("src", "test", "python",
			"zarr_reference.py").toString(), "write", zarr.toString(), tiff.toString()).redirectErrorStream(true)
				.start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(2, TimeUnit.MINUTES));
		assertEquals(0, p.exitValue(), out);
		final Path fromZarr = dir.resolve("up.zarr"), fromTiff = dir.resolve("up.tif");
		try (Upscaler up = open()) {
			up.upscaleFile(zarr, fromZarr, new OmeZarrSink.Options().levels(2), Progress.NONE);
			up.upscaleFile(tiff, fromTiff, false, Progress.NONE);
		}
		try (OmeZarrSource z = OmeZarrSource.open(fromZarr)) {
			final VolumeInfo info = z.info();
			final VolumeSource t = TiffSource.open(fromTiff);
			assertArrayEquals(new long[] { 72, 60, 2, 5, 1 }, info.dims());
			assertArrayEquals(t.info().dims(), info.dims());
			assertEquals(0.5 / 3, info.calibration(Axis.X).spacing(), 1e-12);
			assertEquals(2.0, info.calibration(Axis.Z).spacing(), 1e-12);
			assertEquals(2, z.levels());
			for (int c = 0; c < 2; c++)
				for (int zz = 0; zz < 5; zz++)
					assertArrayEquals(ImagePlanes.array(t.plane(c, zz, 0)), ImagePlanes.array(z.plane(c, zz, 0)), "c " + c +
						" z " + zz);
		}
	}

	/** A TIFF stack of 7 slices, 16-bit, calibrated. */
	private Path stack(final String name, final int slices, final long seed) throws IOException {
		final ImageStack stack = new ImageStack(24, 20);
		final java.util.Random random = new java.util.Random(seed);
		for (int z = 0; z < slices; z++) {
			final ShortProcessor sp = new ShortProcessor(24, 20);
			for (int i = 0; i < 24 * 20; i++)
				sp.set(i, 2000 + (int) (9000 * Math.sin(i * 0.01 + z)) + 9000 + random.nextInt(300));
			stack.addSlice("z" + z, sp);
		}
		final ImagePlus imp = new ImagePlus(name, stack);
		imp.getCalibration().pixelWidth = 0.4;
		imp.getCalibration().pixelHeight = 0.4;
		imp.getCalibration().pixelDepth = 2;
		imp.getCalibration().setUnit("micron");
		final Path file = dir.resolve(name + ".tif");
		assertTrue(new FileSaver(imp).saveAsTiffStack(file.toString()));
		return file;
	}

	@Test
	void partsOfAZarrVolumeGiveTheSingleRunsOutputAndResume() throws IOException {
		final Path in = dir.resolve("in.zarr");
		// the input volume as an OME-Zarr with z chunks of 1 (any writer would do)
		final VolumeSource src = TiffSource.open(stack("vol", 7, 1));
		try (OmeZarrSink sink = OmeZarrSink.create(in, src.info(), new OmeZarrSink.Options().chunks(8, 1))) {
			for (int z = 0; z < 7; z++)
				sink.write(0, z, 0, src.plane(0, z, 0));
			sink.finish();
		}
		final Path single = dir.resolve("single.zarr"), parted = dir.resolve("parted.zarr");
		final OmeZarrSink.Options chunks = new OmeZarrSink.Options().levels(2).chunks(32, 2);
		try (Upscaler up = open()) {
			up.upscaleFile(in, single, chunks, Progress.NONE);
			// parts in any order; part 2 "dies" after its first chunk row (its marker never written)
			for (final int i : new int[] { 3, 1 })
				up.upscaleFile(in, parted, options().part(i, 3), Progress.NONE);
			assertFalse(Files.exists(parted), "not complete before every part is done");
			final Path staged = dir.resolve(".parted.zarr.parts");
			assertTrue(Files.isDirectory(staged));
			// a different model (other settings) may not join
			try (Upscaler other = Upscaler.open(new UpscaleSettings().method("bicubic").scale(3), null, Progress.NONE)) {
				final IOException e = assertThrows(IOException.class, () -> other.upscaleFile(in, parted, options().part(2,
					3), Progress.NONE));
				assertTrue(e.getMessage().contains("other settings"), e.getMessage());
			}
			up.upscaleFile(in, parted, options().part(2, 3), Progress.NONE);
			assertTrue(Files.isDirectory(parted), "the last part renamed the shared folder into place");
			assertFalse(Files.exists(staged));
			assertFalse(Files.exists(dir.resolve(".parted.zarr.done")));
			// a resumed array (all parts rerun) skips the complete output and changes nothing
			final TreeMap<String, String> before = files(parted);
			for (int i = 1; i <= 3; i++)
				up.upscaleFile(in, parted, options().part(i, 3), Progress.NONE);
			assertEquals(before, files(parted));
		}
		assertEquals(files(single), files(parted), "the same chunk files with the same bytes");
		// a part that died half-way: its written chunks are kept, the rest is computed on the rerun
		final Path resumed = dir.resolve("resumed.zarr");
		try (Upscaler up = open()) {
			up.upscaleFile(in, resumed, options().part(1, 2), Progress.NONE);
			final Path staged = dir.resolve(".resumed.zarr.parts");
			final Path chunk = staged.resolve("0/3/0/0"); // part 2's last z chunk: as if it died before it
			up.upscaleFile(in, dir.resolve("scratch.zarr"), options().part(2, 2), Progress.NONE); // nothing shared
			copyPart(dir.resolve(".scratch.zarr.parts"), staged, chunk);
			up.upscaleFile(in, resumed, options().part(2, 2), Progress.NONE);
		}
		assertEquals(files(single), files(resumed));
	}

	private static OmeZarrSink.Options options() {
		return new OmeZarrSink.Options().levels(2).chunks(32, 2);
	}

	/** Copies part 2's chunks but {@code missing} into {@code staged}, as a part that died before that chunk. */
	private static void copyPart(final Path from, final Path staged, final Path missing) throws IOException {
		try (Stream<Path> all = Files.walk(from)) {
			for (final Path p : (Iterable<Path>) all::iterator) {
				final String rel = from.relativize(p).toString();
				if (!Files.isRegularFile(p) || rel.contains(".z") || rel.startsWith(".")) continue;
				final Path q = staged.resolve(rel);
				if (q.equals(missing) || Files.exists(q)) continue;
				Files.createDirectories(q.getParent());
				Files.copy(p, q);
			}
		}
	}

	@Test
	void partsOfAFolderGiveTheSingleRunsOutput() throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		for (int k = 0; k < 5; k++)
			Files.move(stack("img" + k, 2, k), in.resolve("img" + k + ".tif"));
		final Path single = dir.resolve("single"), parted = dir.resolve("parted");
		try (Upscaler up = open()) {
			FolderUpscaler.run(up, in, single, "", false, Progress.NONE);
			final List<Integer> counts = new ArrayList<>();
			for (final int i : new int[] { 2, 1 })
				counts.add(FolderUpscaler.run(up, in, parted, "", false, i, 2, Progress.NONE).written.size());
			assertEquals(List.of(2, 3), counts, "files 0, 2, 4 to part 1, files 1, 3 to part 2");
			final FolderUpscaler.Summary again = FolderUpscaler.run(up, in, parted, "", false, 1, 2, Progress.NONE);
			assertEquals(3, again.skipped.size(), "a rerun skips the complete outputs");
		}
		assertEquals(files(single), files(parted));
		for (int k = 0; k < 5; k++)
			assertEquals(2, IJ.openImage(parted.resolve("img" + k + "-x3.tif").toString()).getStackSize());
	}

	/** Every file under {@code root}, relative, with a digest of its bytes. */
	private static TreeMap<String, String> files(final Path root) throws IOException {
		final TreeMap<String, String> m = new TreeMap<>();
		try (Stream<Path> all = Files.walk(root)) {
			for (final Path p : (Iterable<Path>) all::iterator)
				if (Files.isRegularFile(p)) m.put(root.relativize(p).toString(), java.util.Arrays.toString(
					java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
		}
		catch (final java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		return m;
	}
}
