package org.deepsr.upscale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.backend.TinyNet;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.deepsr.io.OmeZarrSink;
import org.deepsr.progress.Progress;

/**
 * Peak memory of a chunked OME-Zarr upscale ({@code deepsr upscale IN.zarr
 * OUT.zarr}): writes an N x N x Z uint16 OME-Zarr (z chunks of 8, gzip),
 * upscales it x3 with a small network (TinyNet, 5x5) into an OME-Zarr with
 * two levels, and prints the live heap's peak (the heap used after a full GC,
 * sampled at every plane), the heap pools' peak (garbage included), the
 * process's peak RSS (VmHWM) and the input and output sizes. Run once per
 * size (RSS is the process's), under the same -Xmx, e.g.
 * {@code JAVA_OPTS=-Xmx256m bench/run ZarrMemoryBench 384 32} and
 * {@code ... 384 128}: the figures stay put while the volume grows fourfold.
 */
public final class ZarrMemoryBench {

	public static void main(final String[] args) throws Exception {
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 384;
		final int slices = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		final Path dir = Files.createTempDirectory("zarr-memory");
		System.setProperty("deepsr.cache", dir.resolve("cache").toString());
		try {
			final Path in = dir.resolve("in.zarr"), out = dir.resolve("out.zarr");
			final VolumeSource src = synthetic(n, slices);
			try (OmeZarrSink sink = OmeZarrSink.create(in, src.info(), new OmeZarrSink.Options().chunks(128, 8))) {
				for (int z = 0; z < slices; z++)
					sink.write(0, z, 0, src.plane(0, z, 0));
				sink.finish();
			}
			final Path bundle = TinyBundle.create(new TinyNet(1, 3, 5), "grey", dir);
			System.gc();
			for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
				pool.resetPeakUsage();
			final long[] live = { used() };
			final Progress sample = new Progress() {

				@Override
				public void status(final String message) {
					System.gc();
					live[0] = Math.max(live[0], used());
				}
			};
			final long start = System.nanoTime();
			try (Upscaler up = TinyBundle.open(bundle, dir, false)) {
				up.upscaleFile(in, out, new OmeZarrSink.Options().levels(2), sample);
			}
			final double seconds = (System.nanoTime() - start) / 1e9;
			long pools = 0;
			for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
				if (pool.getType() == MemoryType.HEAP) pools += pool.getPeakUsage().getUsed();
			System.out.println(String.format(Locale.ROOT,
				"%dx%dx%d uint16 (%.0f MiB in, %.0f MiB out as uint16 x3, %.0f MiB on disk): peak live heap %.0f MiB, " +
					"heap pools' peak %.0f MiB, peak RSS %.0f MiB, -Xmx %.0f MiB, %.1f s", n, n, slices, mib(2L * n * n *
						slices), mib(2L * 9 * n * n * slices), mib(size(out)), mib(live[0]), mib(pools), rss() / 1024.0, mib(
							Runtime.getRuntime().maxMemory()), seconds));
		}
		finally {
			try (Stream<Path> all = Files.walk(dir)) {
				all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	private static VolumeSource synthetic(final int n, final int slices) {
		final AxisCalibration xy = new AxisCalibration("µm", 0.3, 0);
		final VolumeInfo info = new VolumeInfo("bench", new long[] { n, n, 1, slices, 1 }, new AxisCalibration[] { xy,
			xy, AxisCalibration.NONE, new AxisCalibration("µm", 1, 0), AxisCalibration.NONE }, PixelType.UINT16, false,
			0, 65535, null);
		return new VolumeSource() {

			@Override
			public VolumeInfo info() {
				return info;
			}

			@Override
			public RandomAccessibleInterval<FloatType> plane(final long c, final long z, final long t) {
				final float[] v = new float[n * n];
				for (int i = 0; i < v.length; i++)
					v[i] = 20000 + (float) (15000 * Math.sin(i % n * 0.05 + z * 0.3) * Math.cos(i / n * 0.04));
				return ArrayImgs.floats(v, n, n);
			}
		};
	}

	private static long used() {
		return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
	}

	private static double mib(final long bytes) {
		return bytes / 1048576.0;
	}

	/** Peak resident set size in KiB (VmHWM), or -1 where /proc is absent. */
	private static long rss() throws IOException {
		final Path status = Paths.get("/proc/self/status");
		if (!Files.exists(status)) return -1;
		for (final String line : Files.readAllLines(status))
			if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
		return -1;
	}

	private static long size(final Path dir) throws IOException {
		try (Stream<Path> all = Files.walk(dir)) {
			return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
		}
	}
}
