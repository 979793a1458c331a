package org.deepsr.train;

import java.io.IOException;
import java.util.Locale;

import org.deepsr.LoadAverage;
import org.deepsr.PythonBench;
import org.deepsr.backend.Device;
import org.deepsr.backend.Layout;
import org.deepsr.backend.Network;
import org.deepsr.backend.NetworkSpec;
import org.deepsr.backend.SessionOptions;

/**
 * DeepSR against PyTorch on the CPU (Debian's python3-torch, child
 * {@code bench/python/torch_side_by_side.py}), same networks and shapes (grey,
 * no bicubic skip), same threads, in one run: training steps/s at batch B of
 * P x P HR patches ({@link TrainSpeed}; L1, Adam, random data) and inference
 * MP/s of output on one S x S grey image (the trained weights exported as
 * {@code deepsr train} exports them, {@link ModelExporter}, and run by
 * {@link Network} as a bundle is; best of 3 after a warm-up), with the ratios
 * DeepSR/PyTorch. Prints the load average before and after.
 *
 * <pre>bench/run TorchSideBySide [networks=espcn,fsrcnn,edsr-baseline,carn-m] [scales=2,3,4] [threads=2] [batch=16] [hrPatch=48] [S=256] [steps=auto]</pre>
 * Steps per network by default: ESPCN 200, FSRCNN 100, EDSR baseline 20, CARN-M 30.
 */
public final class TorchSideBySide {

	public static void main(final String[] args) throws Exception {
		final String[] networks = (args.length > 0 ? args[0] : "espcn,fsrcnn,edsr-baseline,carn-m").split(",");
		final String[] scales = (args.length > 1 ? args[1] : "2,3,4").split(",");
		final int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
		final int batch = args.length > 3 ? Integer.parseInt(args[3]) : 16;
		final int hr = args.length > 4 ? Integer.parseInt(args[4]) : 48;
		final int size = args.length > 5 ? Integer.parseInt(args[5]) : 256;
		final int fixedSteps = args.length > 6 ? Integer.parseInt(args[6]) : 0;
		System.out.println("load average " + LoadAverage.now());
		System.out.printf(Locale.ROOT, "%d threads; training: batch %d, %dx%d HR patches; inference: %dx%d grey in%n",
			threads, batch, hr, hr, size, size);
		System.out.println("| network | scale | parameters DeepSR / PyTorch | DeepSR steps/s | PyTorch steps/s | ratio | " +
			"DeepSR MP/s | PyTorch MP/s | ratio |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		for (final String network : networks)
			for (final String sc : scales) {
				final int s = Integer.parseInt(sc);
				final int steps = fixedSteps > 0 ? fixedSteps : defaultSteps(network);
				final TrainSpeed.Run run = TrainSpeed.run(network, s, batch, hr, threads, steps, Device.CPU);
				final double[] torchTrain = torch("train", network, s, batch, hr, threads, steps);
				final double deepsrInfer = infer(network, run, size, threads);
				final double torchInfer = torch("infer", network, s, size, threads, 3)[0];
				long params = 0;
				for (final float[] w : run.weights.values()) params += w.length;
				System.out.printf(Locale.ROOT, "| %s | x%d | %d / %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", network,
					s, params, torchTrain[1], run.stepsPerSecond, torchTrain[0], run.stepsPerSecond / torchTrain[0], deepsrInfer,
					torchInfer, deepsrInfer / torchInfer);
			}
		System.out.println("load average " + LoadAverage.now());
	}

	private static int defaultSteps(final String network) {
		switch (network) {
			case "espcn":
				return 200;
			case "fsrcnn":
				return 100;
			case "edsr-baseline":
				return 20;
			default:
				return 30;
		}
	}

	/** MP/s of output of the exported network on one grey size x size image: best of 3 after a warm-up. */
	private static double infer(final String network, final TrainSpeed.Run run, final int size, final int threads) {
		final ExportedModel model = ModelExporter.export(network, run.config, run.weights);
		final float[] image = new float[size * size];
		for (int i = 0; i < image.length; i++) image[i] = (float) (0.5 + 0.4 * Math.sin(i % size * 0.05) * Math.cos(i /
			size * 0.037));
		try (Network net = Network.fromFrozenGraph(model.graphDef(), new NetworkSpec(model.inputName(), model
			.outputName(), Layout.NHWC), new SessionOptions(Device.CPU, threads, 1)))
		{
			net.run(image, size, size, 1);
			double best = Double.MAX_VALUE;
			for (int r = 0; r < 3; r++) {
				final long t0 = System.nanoTime();
				net.run(image, size, size, 1);
				best = Math.min(best, (System.nanoTime() - t0) / 1e9);
			}
			return (double) size * size * run.config.scale() * run.config.scale() / 1e6 / best;
		}
	}

	/** The Python child's figure and the network's parameter count (its line "steps/s X params N" or "MP/s X params N"). */
	private static double[] torch(final Object... args) throws IOException, InterruptedException {
		final String[] line = PythonBench.run("torch_side_by_side.py", args).split(" ");
		return new double[] { Double.parseDouble(line[1]), Double.parseDouble(line[3]) };
	}
}
