package org.deepsr.upscale;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.LoadAverage;
import org.deepsr.backend.Device;
import org.deepsr.backend.Network;
import org.deepsr.backend.SessionOptions;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.io.TiffSink;
import org.deepsr.model.ModelBundle;
import org.deepsr.model.ModelRegistry;

/**
 * Issue 14's done-when for stacks larger than memory: writes a 1024x1024
 * 16-bit TIFF stack of N slices, upscales it x2 with a bundled model through
 * {@code deepsr upscale IN.tif OUT.tif} in a child JVM under {@code -Xmx1g}
 * (in process: {@code -Ddeepsr.inProcess=true}, so the child is the one that
 * works), and prints the child's peak resident memory (VmHWM of
 * /proc/PID/status, polled every 50 ms; it only grows) and wall time for each
 * N, the ratio of the peaks, and the end-to-end time against the network's own
 * time for the same slices (the model's graph run on one whole slice, best of
 * 3 after a warm-up, times N; JVM start, model loading, file reading,
 * normalisation, tiling, casting and writing are the difference), in wall time
 * and in CPU time (the child's utime + stime from /proc/PID/stat; this
 * process's CPU time around the network runs), which a shared machine's load
 * disturbs far less.
 *
 * <pre>bench/run StackMemoryBench [model=ESPCN_x2-deepsr] [N=100,400] [size=1024]</pre>
 */
public final class StackMemoryBench {

	public static void main(final String[] args) throws Exception {
		final String model = args.length > 0 ? args[0] : "ESPCN_x2-deepsr";
		final String[] counts = (args.length > 1 ? args[1] : "100,400").split(",");
		final int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
		final double[] perSlice = networkSeconds(model, size);
		System.out.printf(Locale.ROOT, "%s: the network alone, one whole %dx%d slice: %.3f s, %.3f s CPU%n", model, size,
			size, perSlice[0], perSlice[1]);
		final List<long[]> peaks = new ArrayList<>();
		for (final String c : counts) {
			final int n = Integer.parseInt(c.trim());
			final Path dir = Files.createTempDirectory("stack-memory");
			try {
				final Path in = dir.resolve("in.tif"), out = dir.resolve("out.tif");
				write(in, size, n);
				final long[] run = upscale(model, in, out);
				peaks.add(run);
				final double seconds = run[1] / 1e9, network = perSlice[0] * n, cpu = run[2] / 100.0, networkCpu =
					perSlice[1] * n;
				System.out.printf(Locale.ROOT, "N=%d: %dx%dx%d uint16 -> x2, %.0f MiB in, %.0f MiB out: peak RSS %.0f MiB; " +
					"end to end %.1f s (network %.1f s, %+.0f%%), CPU %.1f s (network %.1f s, %+.0f%%); load average %s%n", n,
					size, size, n, Files.size(in) / 1048576.0, Files.size(out) / 1048576.0, run[0] / 1024.0, seconds, network,
					100 * (seconds / network - 1), cpu, networkCpu, 100 * (cpu / networkCpu - 1), LoadAverage.now());
			}
			finally {
				try (Stream<Path> all = Files.walk(dir)) {
					all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
				}
			}
		}
		if (peaks.size() > 1) System.out.printf(Locale.ROOT, "peak RSS N=%s / N=%s: %.2f%n", counts[counts.length - 1]
			.trim(), counts[0].trim(), (double) peaks.get(peaks.size() - 1)[0] / peaks.get(0)[0]);
	}

	/** The model's graph on one whole grey slice: best wall time of 3 after one warm-up, and the least CPU time. */
	private static double[] networkSeconds(final String model, final int size) throws IOException {
		final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		final float[] image = new float[size * size];
		for (int i = 0; i < image.length; i++) image[i] = value(i % size, i / size, 0) / 65535f;
		try (Network net = ModelBundle.open(ModelRegistry.fromEnvironment().resolve(model)).loadNetwork(SessionOptions
			.of(Device.CPU)))
		{
			net.run(image, size, size, 1);
			double best = Double.MAX_VALUE, cpu = Double.MAX_VALUE;
			for (int r = 0; r < 3; r++) {
				final long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
				net.run(image, size, size, 1);
				best = Math.min(best, (System.nanoTime() - t0) / 1e9);
				cpu = Math.min(cpu, (os.getProcessCpuTime() - c0) / 1e9);
			}
			return new double[] { best, cpu };
		}
	}

	private static float value(final int x, final int y, final int z) {
		return 20000 + (float) (15000 * Math.sin(x * 0.05 + z * 0.3) * Math.cos(y * 0.04)) + (x / 32 + y / 32) % 2 *
			3000;
	}

	private static void write(final Path file, final int size, final int slices) throws IOException {
		final AxisCalibration xy = new AxisCalibration("µm", 0.3, 0);
		final VolumeInfo info = new VolumeInfo("stack", new long[] { size, size, 1, slices, 1 }, new AxisCalibration[] {
			xy, xy, AxisCalibration.NONE, new AxisCalibration("µm", 1, 0), AxisCalibration.NONE }, PixelType.UINT16,
			false, 0, 65535, null);
		try (TiffSink sink = TiffSink.create(file, info, false)) {
			for (int z = 0; z < slices; z++) {
				final float[] v = new float[size * size];
				for (int i = 0; i < v.length; i++) v[i] = value(i % size, i / size, z);
				sink.write(0, z, 0, ArrayImgs.floats(v, size, size));
			}
			sink.finish();
		}
	}

	/** {@code deepsr upscale} in a child JVM under -Xmx1g: its peak RSS in KiB, wall time in ns, CPU time in ticks. */
	private static long[] upscale(final String model, final Path in, final Path out) throws Exception {
		final List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
			"-Djava.awt.headless=true", "-Ddeepsr.inProcess=true", "-cp", System.getProperty("java.class.path"),
			"org.deepsr.cli.Main", "upscale", "--model", model, in.toString(), out.toString());
		final long t0 = System.nanoTime();
		final Process p = new ProcessBuilder(cmd).redirectOutput(new File("/dev/null")).redirectError(
			ProcessBuilder.Redirect.INHERIT).start();
		final Path status = Paths.get("/proc/" + p.pid() + "/status"), stat = Paths.get("/proc/" + p.pid() + "/stat");
		long peak = -1, ticks = -1;
		while (p.isAlive()) {
			peak = Math.max(peak, hwm(status));
			ticks = Math.max(ticks, ticks(stat));
			Thread.sleep(50);
		}
		final long ns = System.nanoTime() - t0;
		if (p.exitValue() != 0) throw new IOException("deepsr upscale exited with " + p.exitValue());
		return new long[] { peak, ns, ticks };
	}

	private static long hwm(final Path status) {
		try {
			for (final String line : Files.readAllLines(status))
				if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
		}
		catch (final IOException | RuntimeException e) {
			// the child has just ended
		}
		return -1;
	}

	/** utime + stime in clock ticks (USER_HZ, 100 on Linux), or -1 once the process has gone. */
	private static long ticks(final Path stat) {
		try {
			final String s = Files.readString(stat);
			final String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]);
		}
		catch (final IOException | RuntimeException e) {
			return -1;
		}
	}

}
