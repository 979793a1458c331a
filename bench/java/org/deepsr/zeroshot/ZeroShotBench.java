package org.deepsr.zeroshot;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.metrics.ImageQuality;
import org.deepsr.metrics.MetricOptions;
import org.deepsr.progress.Progress;
import org.deepsr.resample.Interpolation;
import org.deepsr.resample.MatlabResize;

/**
 * Set5 PSNR-Y of zero-shot SR against MATLAB bicubic, with the literature's
 * protocol (modcrop, MATLAB-imresize uint8 bicubic LR, Y of studio-range
 * YCbCr, shave the scale, peak 255), and the time per image (README,
 * Zero-shot super-resolution). Options as key=value: scale, steps, patch,
 * batch, lr, width, depth, ensemble, threads, seed, data, only (an image name prefix).
 */
public final class ZeroShotBench {

	public static void main(final String[] args) throws IOException {
		final ZeroShotOptions o = new ZeroShotOptions();
		Path data = Paths.get("../shared/data");
		String only = "";
		for (final String a : args) {
			final String[] kv = a.split("=", 2);
			switch (kv[0]) {
				case "scale": o.scale = Double.parseDouble(kv[1]); break;
				case "steps": o.steps = Long.parseLong(kv[1]); break;
				case "patch": o.patch = Integer.parseInt(kv[1]); break;
				case "batch": o.batch = Integer.parseInt(kv[1]); break;
				case "lr": o.learningRate = Double.parseDouble(kv[1]); break;
				case "width": o.width = Integer.parseInt(kv[1]); break;
				case "depth": o.depth = Integer.parseInt(kv[1]); break;
				case "schedule": o.schedule = kv[1]; break;
				case "minscale": o.minFatherScale = Double.parseDouble(kv[1]); break;
				case "ensemble": o.ensemble = Boolean.parseBoolean(kv[1]); break;
				case "threads": o.threads = Integer.parseInt(kv[1]); break;
				case "seed": o.seed = Long.parseLong(kv[1]); break;
				case "data": data = Paths.get(kv[1]); break;
				case "only": only = kv[1]; break;
				default: throw new IllegalArgumentException("unknown option " + a);
			}
		}
		final int s = (int) o.scale;
		final MetricOptions metric = MetricOptions.DEFAULT.withShave(s).withDataRange(255);
		final List<Path> files;
		try (Stream<Path> list = Files.list(data.resolve("benchmark/Set5/HR"))) {
			files = list.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
		}
		System.out.printf(Locale.ROOT, "Set5 x%d, steps %d, patch %d, batch %d, lr %g %s, width %d, depth %d, ensemble %s%n", s, o.steps, o.patch, o.batch,
			o.learningRate, o.schedule, o.width, o.depth, o.ensemble);
		System.out.println("image,bicubic_psnr_y,zssr_psnr_y,gain_db,seconds");
		final boolean verbose = Boolean.getBoolean("verbose");
		final long t0 = System.nanoTime();
		final Progress log = new Progress() {

			@Override
			public void log(final String message) {
				if (verbose) System.err.printf(Locale.ROOT, "[%.1f s] %s%n", (System.nanoTime() - t0) / 1e9, message);
			}

			@Override
			public void status(final String message) {
				log(message);
			}
		};
		double sb = 0, sz = 0, st = 0;
		int n = 0;
		for (final Path f : files) {
			if (!f.getFileName().toString().startsWith(only)) continue;
			final ImagePlus hr = rgb(modcrop(ImageFiles.open(f), s));
			final ImagePlus lr = resize(hr, hr.getWidth() / s, hr.getHeight() / s);
			final ImagePlus bicubic = resize(lr, hr.getWidth(), hr.getHeight());
			final double pb = ImageQuality.evaluate(hr, bicubic, metric, new Progress() {}).mean().psnr();
			final ZeroShotUpscaler.Result r = ZeroShotUpscaler.upscale(lr, o, log);
			final double pz = ImageQuality.evaluate(hr, r.image, metric, new Progress() {}).mean().psnr();
			System.out.printf(Locale.ROOT, "%s,%.3f,%.3f,%+.3f,%.1f%n", f.getFileName(), pb, pz, pz - pb, r.seconds);
			sb += pb;
			sz += pz;
			st += r.seconds;
			n++;
		}
		System.out.printf(Locale.ROOT, "mean,%.3f,%.3f,%+.3f,%.1f%n", sb / n, sz / n, (sz - sb) / n, st / n);
	}

	private static ImagePlus modcrop(final ImagePlus imp, final int s) {
		final ImageProcessor ip = imp.getProcessor();
		ip.setRoi(0, 0, imp.getWidth() / s * s, imp.getHeight() / s * s);
		return new ImagePlus(imp.getTitle(), ip.crop());
	}

	private static ImagePlus rgb(final ImagePlus imp) {
		return imp.getType() == ImagePlus.COLOR_RGB ? imp : new ImagePlus(imp.getTitle(), imp.getProcessor().convertToRGB());
	}

	/** MATLAB imresize of a uint8 RGB image (every pass rounded). */
	private static ImagePlus resize(final ImagePlus imp, final int w, final int h) {
		final byte[][] c = new byte[3][];
		for (int k = 0; k < 3; k++) {
			final ArrayImg<FloatType, FloatArray> out = MatlabResize.resizeUint8(ImagePlanes.plane(imp, k + 1, 1, 1), w, h, Interpolation.BICUBIC);
			final float[] v = out.update(null).getCurrentStorageArray();
			c[k] = new byte[v.length];
			for (int i = 0; i < v.length; i++)
				c[k][i] = (byte) Math.round(v[i]);
		}
		final ColorProcessor cp = new ColorProcessor(w, h);
		cp.setRGB(c[0], c[1], c[2]);
		return new ImagePlus(imp.getTitle(), cp);
	}
}
