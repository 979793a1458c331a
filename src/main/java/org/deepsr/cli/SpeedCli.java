package org.deepsr.cli;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.backend.Device;
import org.deepsr.backend.Flops;
import org.deepsr.backend.ModelGraph;
import org.deepsr.backend.SessionOptions;
import org.deepsr.model.ModelBundle;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;
import org.deepsr.upscale.UpscaleSettings;
import org.deepsr.upscale.Upscaler;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr speed --model M}: upscaling throughput of a model on a
 * synthetic 8-bit image, whole and tiled, the largest tiled-vs-whole
 * difference, the process's peak memory, and for a model its FLOPs per
 * output pixel and their share of the FP32 peak. Performance figures live here,
 * not in unit tests.
 */
@Command(name = "speed", mixinStandardHelpOptions = true,
	description = "Measure upscaling speed (megapixels of output per second), tiled vs whole, and peak memory.")
final class SpeedCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private MethodOptions method;



	@Option(names = "--size", defaultValue = "1024", description = "Side of the square test image (default 1024)")
	private int size;

	@Option(names = "--tile", defaultValue = "256", description = "Tile size of the tiled run (default 256)")
	private int tile;

	@Option(names = "--repeat", defaultValue = "3", description = "Timed runs of each kind; the best is kept (default ${DEFAULT-VALUE})")
	private int repeat;


	private double wholeMegapixelsPerSecond;
	private double wholeScale = 1;

	@Override
	public Integer call() throws IOException {
		final PrintWriter out = spec.commandLine().getOut();
		final ImagePlus image = new ImagePlus("speed", pattern(size));
		final UpscaleSettings base = method.settings().float32(true);
		final ModelRegistry registry = ModelRegistry.fromEnvironment();
		final float[] whole, tiled;
		final String describe;
		// One tile as large as the image: the whole image in one network run.
		try (Upscaler up = Upscaler.open(base.tile(size), registry, Progress.NONE)) {
			describe = up.describe() + " on " + up.device();
			whole = time(up, image, "whole", out);
		}
		try (Upscaler up = Upscaler.open(base.tile(tile), registry, Progress.NONE)) {
			tiled = time(up, image, "tiled " + tile, out);
		}
		double max = 0;
		for (int i = 0; i < whole.length; i++)
			max = Math.max(max, Math.abs(whole[i] - tiled[i]) / 255.0);
		out.println("model: " + describe);
		out.println(String.format(Locale.ROOT, "tiled vs whole max |difference| on [0,1] data: %.3g", max));
		out.println("peak resident memory: " + peakMemory());
		flops(registry, out);
		return 0;
	}

	/**
	 * The model's FLOPs per output pixel (its convolutions, as run on the
	 * input grid: ESPCN, FSRCNN), the GFLOP/s of the whole-image run and their
	 * share of the FP32 peak, measured by a MatMul and from the CPU's width.
	 * Nothing for a classical method or a SavedModel.
	 */
	private void flops(final ModelRegistry registry, final PrintWriter out) {
		final ModelGraph graph;
		try {
			graph = ModelBundle.open(registry.resolve(method.model)).graph();
		} catch (final IOException | IllegalArgumentException e) {
			return; // a classical method, or several: no graph to count
		}
		final double useful = Flops.perInputPixel(graph, false) / (wholeScale * wholeScale);
		if (!(useful > 0)) return;
		final double executed = Flops.perInputPixel(graph, true) / (wholeScale * wholeScale);
		final int cores = Runtime.getRuntime().availableProcessors();
		final double measured = Flops.measuredPeakGflops(SessionOptions.of(Device.CPU));
		final double documented = Flops.documentedPeakGflops(cores, FLOP_PER_CYCLE);
		final double rate = useful * wholeMegapixelsPerSecond / 1e3;
		out.println(String.format(Locale.ROOT, "FLOPs per output pixel: %.0f (as run: %.0f, transposed " +
			"convolutions in sub-pixel form); whole run: %.1f GFLOP/s", useful, executed, rate));
		out.println(String.format(Locale.ROOT, "FP32 peak: %.1f GFLOP/s measured (float MatMul, %d threads), %.1f " +
			"GFLOP/s documented (%d cores x %.0f MHz x %d FLOP/cycle); share: %.0f%% of measured, %.0f%% of " +
			"documented", measured, cores, documented, cores, Flops.megahertz(), FLOP_PER_CYCLE, 100 * rate / measured,
			100 * rate / documented));
	}

	/** FP32 FLOP per cycle per core: two 256-bit FMA pipes (AVX2, or AVX-512 on AMD Zen 4). */
	private static final int FLOP_PER_CYCLE = 32;

	/** Runs once to warm up (graph specialisation), then keeps the best of the timed runs. */
	private float[] time(final Upscaler up, final ImagePlus image, final String label, final PrintWriter out) {
		ImagePlus result = up.upscale(image, Progress.NONE);
		double best = Double.MAX_VALUE;
		for (int i = 0; i < repeat; i++) {
			final long start = System.nanoTime();
			result = up.upscale(image, Progress.NONE);
			best = Math.min(best, (System.nanoTime() - start) / 1e9);
		}
		final double megapixels = (double) result.getWidth() * result.getHeight() / 1e6;
		if ("whole".equals(label)) {
			wholeMegapixelsPerSecond = megapixels / best;
			wholeScale = (double) result.getWidth() / image.getWidth();
		}
		out.println(String.format(Locale.ROOT, "%-10s %dx%d -> %dx%d: %.3f s, %.2f MP/s of output", label,
			image.getWidth(), image.getHeight(), result.getWidth(), result.getHeight(), best, megapixels / best));
		out.flush();
		return (float[]) result.getProcessor().getPixels();
	}

	/** A deterministic 8-bit image with edges, gradients and texture, like a real photograph. */
	static ByteProcessor pattern(final int size) {
		final ByteProcessor bp = new ByteProcessor(size, size);
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				final double v = 128 + 60 * Math.sin(x * 0.05) * Math.cos(y * 0.031) + 40 * Math.sin((x + 2 * y) *
					0.37) + ((x / 64 + y / 64) % 2 == 0 ? 20 : -20);
				bp.set(x, y, (int) Math.max(0, Math.min(255, v)));
			}
		return bp;
	}

	/** The process's peak resident set (VmHWM, Linux), which includes TensorFlow's native memory. */
	static String peakMemory() {
		try {
			for (final String line : Files.readAllLines(Paths.get("/proc/self/status")))
				if (line.startsWith("VmHWM:")) return line.substring(6).trim() + " (VmHWM, whole JVM)";
		}
		catch (final IOException | RuntimeException e) {
			// Not Linux: fall back to the Java heap only.
		}
		final Runtime rt = Runtime.getRuntime();
		return (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " MiB of Java heap (native memory not visible)";
	}
}
