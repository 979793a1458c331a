package org.deepsr.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.backend.Device;
import org.deepsr.backend.TinyNet;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelImporter;
import org.deepsr.model.ModelRegistry;
import org.deepsr.model.Models;
import org.deepsr.progress.CancelledException;
import org.deepsr.progress.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hyperstacks (channels, slices, frames) through the one upscaling path:
 * statistics once per channel over its whole volume, a method per channel,
 * calibration and dimension order, small planes batched, progress and cancel
 * between planes. The reference for a model is written down by hand: a 1x1
 * network that doubles its input ({@code out = 2 n}, n the normalised pixel)
 * turns a pixel v of a channel whose volume spans [lo, hi] into
 * {@code 2 (v - lo) + lo = 2 v - lo}, so the output tells which minimum the
 * statistics took.
 */
class HyperstackTest {

	@TempDir
	static Path dir;
	static Path doubler2, doubler3, conv2, conv2flux;
	static ModelRegistry registry;

	private static final int W = 12, H = 9, C = 2, Z = 3, T = 2;

	@BeforeAll
	static void models() throws IOException {
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
		doubler2 = TinyBundle.bundle(dir, TinyBundle.descriptor("doubler2", 2, "grey"), new double[][] { { 2 } });
		doubler3 = TinyBundle.bundle(dir, TinyBundle.descriptor("doubler3", 3, "grey"), new double[][] { { 2 } });
		// a 3x3 convolution x2 with its halo: tiles and batches must meet exactly
		final TinyNet net = new TinyNet(1, 2, 3);
		final ModelDescriptor d = TinyBundle.descriptor("conv2", 2, "grey");
		d.input.halo = 1;
		final Path pb = dir.resolve("conv2.pb");
		Files.write(pb, net.graphDef(false));
		conv2 = ModelImporter.importFrozenGraph(pb, d, dir.resolve("conv2.zip"), false, Progress.NONE);
		final ModelDescriptor f = TinyBundle.descriptor("conv2flux", 2, "grey");
		f.input.halo = 1;
		f.conserve = "flux";
		conv2flux = ModelImporter.importFrozenGraph(pb, f, dir.resolve("conv2flux.zip"), false, Progress.NONE);
		registry = new ModelRegistry(null, dir.resolve("user"));
	}

	@AfterAll
	static void restoreCache() {
		System.clearProperty("deepsr.cache");
	}

	/**
	 * A 16-bit C=2, Z=3, T=2 hyperstack: channel 1 spans about 100..1000, channel 2
	 * about 10000..30000, each slice and frame with a minimum of its own.
	 */
	static ImagePlus hyperstack16() {
		final ImageStack stack = new ImageStack(W, H);
		final Random r = new Random(12);
		for (int t = 0; t < T; t++)
			for (int z = 0; z < Z; z++)
				for (int c = 0; c < C; c++) {
					final ShortProcessor sp = new ShortProcessor(W, H);
					final int base = c == 0 ? 100 + 50 * z + 20 * t : 10000 + 1000 * z + 500 * t;
					final int span = c == 0 ? 700 : 15000;
					for (int i = 0; i < W * H; i++)
						sp.set(i, base + r.nextInt(span));
					stack.addSlice(sp);
				}
		final ImagePlus image = IJ.createHyperStack("cells", W, H, C, Z, T, 16);
		image.setStack(stack, C, Z, T);
		image.getCalibration().pixelWidth = 0.2;
		image.getCalibration().pixelHeight = 0.3;
		image.getCalibration().pixelDepth = 1.5;
		image.getCalibration().frameInterval = 7;
		image.getCalibration().setUnit("micron");
		image.getCalibration().setTimeUnit("s");
		return image;
	}

	/** The minimum of channel {@code c} over every slice and frame. */
	static double volumeMin(final ImagePlus image, final int c) {
		double min = Double.MAX_VALUE;
		for (int t = 1; t <= image.getNFrames(); t++)
			for (int z = 1; z <= image.getNSlices(); z++) {
				final float[] p = (float[]) image.getStack().getProcessor(image.getStackIndex(c + 1, z, t))
					.convertToFloat().getPixels();
				for (final float v : p)
					min = Math.min(min, v);
			}
		return min;
	}

	private static Upscaler open(final UpscaleSettings settings) throws IOException {
		return Upscaler.open(settings.device(Device.CPU), registry, Progress.NONE);
	}

	@Test
	void statisticsAreTakenOncePerChannelOverItsWholeVolume() throws IOException {
		final ImagePlus image = hyperstack16();
		final ImagePlus out;
		try (Upscaler up = open(new UpscaleSettings().method(doubler2.toString()))) {
			out = up.upscale(image, Progress.NONE);
		}
		assertEquals(16, out.getBitDepth(), "16-bit in, 16-bit out");
		for (int c = 0; c < C; c++) {
			final double lo = volumeMin(image, c);
			for (int t = 1; t <= T; t++)
				for (int z = 1; z <= Z; z++) {
					final ShortProcessor in = (ShortProcessor) image.getStack().getProcessor(image.getStackIndex(c + 1, z,
						t));
					final ShortProcessor o = (ShortProcessor) out.getStack().getProcessor(out.getStackIndex(c + 1, z, t));
					for (int y = 0; y < 2 * H; y++)
						for (int x = 0; x < 2 * W; x++)
							assertEquals(2 * in.get(x / 2, y / 2) - lo, o.get(x, y), 0.5, "channel " + (c + 1) + ", slice " +
								z + ", frame " + t + " at " + x + "," + y);
				}
		}
	}

	@Test
	void floatRangesAreKeptPerChannel() throws IOException {
		final ImageStack stack = new ImageStack(W, H);
		final Random r = new Random(3);
		for (int z = 0; z < Z; z++)
			for (int c = 0; c < C; c++) {
				final float[] p = new float[W * H];
				for (int i = 0; i < p.length; i++)
					p[i] = c == 0 ? -5e-3f + 1e-2f * r.nextFloat() : 4000 * (float) r.nextGaussian() - 1000 * z;
				stack.addSlice(new FloatProcessor(W, H, p));
			}
		final ImagePlus image = IJ.createHyperStack("float", W, H, C, Z, 1, 32);
		image.setStack(stack, C, Z, 1);
		final ImagePlus out;
		try (Upscaler up = open(new UpscaleSettings().method(doubler2.toString()))) {
			out = up.upscale(image, Progress.NONE);
		}
		assertEquals(32, out.getBitDepth());
		for (int c = 0; c < C; c++) {
			final double lo = volumeMin(image, c);
			for (int z = 1; z <= Z; z++) {
				final float[] in = (float[]) image.getStack().getPixels(image.getStackIndex(c + 1, z, 1));
				final float[] o = (float[]) out.getStack().getPixels(out.getStackIndex(c + 1, z, 1));
				final double tolerance = 1e-5 * Math.max(Math.abs(lo), 1e-2);
				for (int y = 0; y < 2 * H; y++)
					for (int x = 0; x < 2 * W; x++)
						assertEquals(2 * in[y / 2 * W + x / 2] - lo, o[y * 2 * W + x], tolerance * 10);
			}
		}
	}

	/** Counts the planes read: statistics once, upscaling once, nothing per tile or slice. */
	@Test
	void everyPlaneIsReadOnceForTheStatisticsAndOnceToUpscale() throws IOException {
		final ImagePlus image = hyperstack16();
		final ImagePlusSource inner = new ImagePlusSource(image);
		final long[] reads = new long[C * Z * T];
		final VolumeSource counting = new VolumeSource() {

			@Override
			public VolumeInfo info() {
				return inner.info();
			}

			@Override
			public RandomAccessibleInterval<FloatType> plane(final long c, final long z, final long t) {
				reads[(int) (c + C * (z + Z * t))]++;
				return inner.plane(c, z, t);
			}
		};
		try (Upscaler up = open(new UpscaleSettings().method(doubler2.toString()).channels(List.of(doubler2
			.toString(), "bicubic")))) {
			final org.deepsr.image.ImageStackSink sink = new org.deepsr.image.ImageStackSink(inner.info().upscaled(2,
				false, "out"));
			up.upscale(counting, sink, Progress.NONE);
		}
		for (int i = 0; i < reads.length; i++)
			// channel 1 (the model): statistics and upscaling; channel 2 (bicubic): upscaling only
			assertEquals(i % C == 0 ? 2 : 1, reads[i], "plane " + i);
	}

	@Test
	void aMethodPerChannelEqualsEachChannelUpscaledAlone() throws IOException {
		final ImagePlus image = hyperstack16();
		final ImagePlus out;
		try (Upscaler up = open(new UpscaleSettings().methods("C2=bicubic, C1=" + doubler2))) {
			out = up.upscale(image, Progress.NONE);
			assertTrue(up.describe().startsWith("C1: model "), up.describe());
		}
		assertEquals(C, out.getNChannels());
		for (int c = 0; c < C; c++) {
			final ImagePlus alone = channel(image, c);
			final ImagePlus expected;
			try (Upscaler up = open(new UpscaleSettings().method(c == 0 ? doubler2.toString() : "bicubic"))) {
				expected = up.upscale(alone, Progress.NONE);
			}
			for (int t = 1; t <= T; t++)
				for (int z = 1; z <= Z; z++)
					assertArrayEquals((short[]) expected.getStack().getPixels(expected.getStackIndex(1, z, t)),
						(short[]) out.getStack().getPixels(out.getStackIndex(c + 1, z, t)), "channel " + (c + 1) +
							", slice " + z + ", frame " + t);
		}
	}

	/** Channel {@code c} of a hyperstack as a Z x T hyperstack of its own (the same pixels). */
	static ImagePlus channel(final ImagePlus image, final int c) {
		final ImageStack stack = new ImageStack(image.getWidth(), image.getHeight());
		for (int t = 1; t <= image.getNFrames(); t++)
			for (int z = 1; z <= image.getNSlices(); z++)
				stack.addSlice(image.getStack().getProcessor(image.getStackIndex(c + 1, z, t)));
		final ImagePlus alone = new ImagePlus("c" + c, stack);
		alone.setDimensions(1, image.getNSlices(), image.getNFrames());
		alone.setOpenAsHyperStack(true);
		return alone;
	}

	@Test
	void calibrationAndDimensionOrderAreKept() throws IOException {
		final ImagePlus image = hyperstack16();
		final ImagePlus out;
		try (Upscaler up = open(new UpscaleSettings().methods("nearest,bicubic"))) {
			out = up.upscale(image, Progress.NONE);
		}
		assertEquals(2 * W, out.getWidth());
		assertEquals(2 * H, out.getHeight());
		assertArrayEquals(new int[] { C, Z, T }, new int[] { out.getNChannels(), out.getNSlices(), out.getNFrames() });
		assertTrue(out.isHyperStack());
		assertEquals(0.1, out.getCalibration().pixelWidth, 1e-12, "x scaled");
		assertEquals(0.15, out.getCalibration().pixelHeight, 1e-12, "y scaled");
		assertEquals(1.5, out.getCalibration().pixelDepth, 1e-12, "z kept");
		assertEquals(7, out.getCalibration().frameInterval, 1e-12, "t kept");
		assertEquals("micron", out.getCalibration().getUnit());
		// nearest x2 of channel 1: each output pixel is its source pixel, at the same (c, z, t)
		for (int t = 1; t <= T; t++)
			for (int z = 1; z <= Z; z++) {
				final ShortProcessor in = (ShortProcessor) image.getStack().getProcessor(image.getStackIndex(1, z, t));
				final ShortProcessor o = (ShortProcessor) out.getStack().getProcessor(out.getStackIndex(1, z, t));
				for (int y = 0; y < 2 * H; y++)
					for (int x = 0; x < 2 * W; x++)
						assertEquals(in.get(x / 2, y / 2), o.get(x, y));
			}
	}

	@Test
	void aTiffHyperstackStreamsToTheSameResultWithItsCalibration() throws IOException {
		final ImagePlus image = hyperstack16();
		final Path in = dir.resolve("cells.tif"), outFile = dir.resolve("cells-x2.tif");
		IJ.saveAsTiff(image, in.toString());
		final ImagePlus expected;
		try (Upscaler up = open(new UpscaleSettings().methods(doubler2 + ",bicubic"))) {
			expected = up.upscale(image, Progress.NONE);
			up.upscaleFile(in, outFile, false, Progress.NONE);
		}
		final ImagePlus written = IJ.openImage(outFile.toString());
		assertArrayEquals(new int[] { C, Z, T }, new int[] { written.getNChannels(), written.getNSlices(), written
			.getNFrames() });
		assertEquals(16, written.getBitDepth());
		assertEquals(0.1, written.getCalibration().pixelWidth, 1e-9);
		assertEquals(1.5, written.getCalibration().pixelDepth, 1e-9);
		for (int i = 1; i <= C * Z * T; i++)
			assertArrayEquals((short[]) expected.getStack().getPixels(i), (short[]) written.getStack().getPixels(i),
				"plane " + i);
	}

	@Test
	void perChannelModelsMustShareTheirScaleAndMatchTheChannels() throws IOException {
		final IllegalArgumentException scales = assertThrows(IllegalArgumentException.class, () -> open(
			new UpscaleSettings().methods(doubler2 + "," + doubler3)));
		assertTrue(scales.getMessage().contains("share one scale") && scales.getMessage().contains("C2") &&
			!scales.getMessage().contains("\n"), scales.getMessage());
		try (Upscaler up = open(new UpscaleSettings().methods("bicubic,nearest,bilinear"))) {
			final IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> up.upscale(
				hyperstack16(), Progress.NONE));
			assertTrue(count.getMessage().contains("2 channel(s), but 3 per-channel"), count.getMessage());
		}
		// a classical method beside a x3 model runs at x3
		try (Upscaler up = open(new UpscaleSettings().methods("bicubic," + doubler3))) {
			assertEquals(3, up.scale());
		}
		for (final String bad : new String[] { "C1=a,C1=b", "a,,b", "C1=a,b", "C3=a,C1=b" })
			assertThrows(IllegalArgumentException.class, () -> new UpscaleSettings().methods(bad), bad);
		assertEquals(List.of(), new UpscaleSettings().methods("espcn-x2").channelMethods);
	}

	@Test
	void batchedPlanesEqualPlanesOneByOne() throws IOException {
		// 40 small 16-bit planes (C=2, Z=10, T=2) through a 3x3 convolution with a halo
		final int w = 20, h = 14, c = 2, z = 10, t = 2;
		final ImageStack stack = new ImageStack(w, h);
		final Random r = new Random(5);
		for (int i = 0; i < c * z * t; i++) {
			final float[] p = new float[w * h];
			for (int k = 0; k < p.length; k++)
				p[k] = 1000 * (i % c) + 500 * r.nextFloat();
			stack.addSlice(new FloatProcessor(w, h, p));
		}
		final ImagePlus image = IJ.createHyperStack("small", w, h, c, z, t, 32);
		image.setStack(stack, c, z, t);
		for (final Path model : new Path[] { conv2, conv2flux }) {
			final float[][] one = run(model, image, 1), batched = run(model, image, 16);
			double max = 0;
			for (int i = 0; i < one.length; i++)
				for (int k = 0; k < one[i].length; k++)
					max = Math.max(max, Math.abs(one[i][k] - batched[i][k]) / 1500);
			assertTrue(max <= 1e-6, model.getFileName() + " batched differs from one by one by " + max +
				" of the range");
		}
		// the flux model conserves each plane's mean in batches too (an independent invariant)
		final float[][] flux = run(conv2flux, image, 16);
		for (int i = 0; i < flux.length; i++) {
			final float[] in = (float[]) image.getStack().getPixels(i + 1);
			double a = 0, b = 0;
			for (final float v : in)
				a += v;
			for (final float v : flux[i])
				b += v;
			assertEquals(a / in.length, b / flux[i].length, 1e-3 * Math.abs(a / in.length), "plane " + (i + 1));
		}
		// the same tiles through a small tile size: tiles of one plane batched
		final ImagePlus large = new ImagePlus("large", stack.getProcessor(1));
		final float[] tiles1, tilesN;
		try (Upscaler up = open(new UpscaleSettings().method(conv2.toString()).tile(8).batch(1).float32(true))) {
			tiles1 = (float[]) up.upscale(large, Progress.NONE).getProcessor().getPixels();
		}
		try (Upscaler up = open(new UpscaleSettings().method(conv2.toString()).tile(8).batch(4).float32(true))) {
			tilesN = (float[]) up.upscale(large, Progress.NONE).getProcessor().getPixels();
		}
		for (int k = 0; k < tiles1.length; k++)
			assertEquals(tiles1[k], tilesN[k], 1e-6 * 500);
	}

	/** The planes upscaled with a batch of {@code batch}, checking that batches really ran. */
	private static float[][] run(final Path bundle, final ImagePlus image, final int batch) throws IOException {
		final org.deepsr.model.LoadedModel model = Models.load(bundle, Device.CPU, Progress.NONE);
		final ModelEngine engine = new ModelEngine(model, "conv2", 0, batch);
		try (Upscaler up = new Upscaler(engine, true)) {
			final List<long[]> calls = new ArrayList<>();
			final ImagePlus out = up.upscale(image, new Progress() {

				@Override
				public void status(final String message) {
					calls.add(new long[0]);
				}
			});
			final int perCall = engine.planesPerCall(image.getWidth(), image.getHeight(), false);
			if (batch > 1) {
				assertTrue(perCall > 1 && model.batches(), "small planes go in batches (" + perCall + " per call)");
				assertEquals((image.getStackSize() + perCall - 1) / perCall, calls.size(), "one status per batch");
			}
			final float[][] planes = new float[image.getStackSize()][];
			for (int i = 0; i < planes.length; i++)
				planes[i] = (float[]) out.getStack().getPixels(i + 1);
			return planes;
		}
	}

	@Test
	void progressNamesChannelSliceAndFrameAndCancelStopsBetweenPlanes() throws IOException {
		final ImagePlus image = hyperstack16();
		final List<String> statuses = new ArrayList<>();
		final Path out = dir.resolve("cancelled.tif");
		try (Upscaler up = open(new UpscaleSettings().method("bicubic").batch(1))) {
			up.upscale(image, new Progress() {

				@Override
				public void status(final String message) {
					statuses.add(message);
				}
			});
			assertEquals(C * Z * T, statuses.size(), String.join("\n", statuses));
			assertTrue(statuses.get(0).contains("channel 1/2, slice 1/3, frame 1/2"), statuses.get(0));
			assertTrue(statuses.get(C * Z * T - 1).contains("channel 2/2, slice 3/3, frame 2/2"), statuses.get(
				C * Z * T - 1));
			final int[] planes = new int[1];
			assertThrows(CancelledException.class, () -> up.upscaleToTiff(new ImagePlusSource(image), out, false,
				new Progress() {

					@Override
					public void status(final String message) {
						planes[0]++;
					}

					@Override
					public boolean cancelled() {
						return planes[0] > 4;
					}
				}));
			assertEquals(5, planes[0], "stopped before the sixth plane");
		}
		assertFalse(Files.exists(out), "a cancelled upscaling leaves no file");
	}
}
