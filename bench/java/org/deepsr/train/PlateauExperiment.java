package org.deepsr.train;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.deepsr.nets.EspcnVariant;
import org.deepsr.nets.LinearSr;
import org.deepsr.nets.NetRegistry;
import org.deepsr.progress.Progress;

/**
 * Research program (bench/README.md): trains a network x3 on T91 + General100 (Y,
 * MATLAB bicubic with 8-bit LR, 17x17 patches, batch 16, Adam, cosine) and
 * prints Set5 validation PSNR (Y/255, peak 1, shave 3) as it goes. Besides the
 * registered networks it knows the bench-only "linear-sr" floor model and
 * "espcn-centred" (input - 0.5), "espcn-lastsmall" (last layer init x0.1).
 * <p>
 * Usage: {@code bench/run PlateauExperiment NETWORK STEPS [lr=1e-3] [loss=l1] [data=../shared/data]}
 */
public final class PlateauExperiment {

	private PlateauExperiment() {}

	public static void main(final String[] args) throws IOException {
		NetRegistry.register(new LinearSr());
		NetRegistry.register(new EspcnVariant("espcn-centred", 0.5f, 1));
		NetRegistry.register(new EspcnVariant("espcn-lastsmall", 0, 0.1f));
		final String network = args[0];
		final long steps = Long.parseLong(args[1]);
		final double rate = args.length > 2 ? Double.parseDouble(args[2]) : 1e-3;
		final Loss loss = Loss.byName(args.length > 3 ? args[3] : "l1");
		final Path data = Paths.get(args.length > 4 ? args[4] : System.getProperty("deepsr.data", "../shared/data"));
		final int scale = 3, patch = 17;
		final TrainingData d = TrainingData.load(new DatasetSpec().hr(data.resolve("train/T91")).alsoHr(data.resolve("train/General100"))
			.validationFolder(data.resolve("benchmark/Set5/HR")).degradation("matlab-bicubic").scale(scale)
			.channels(ChannelMode.byName("y")).patchSize(patch).seed(1), Progress.NONE);
		final TrainingConfig config = new TrainingConfig().network(network).scale(scale).patchSize(patch).batchSize(16).steps(steps)
			.learningRate(rate).schedule(LearningRateSchedule.cosine(0.01)).loss(loss).seed(1).validateEvery(Math.max(250, steps / 8));
		final long t0 = System.nanoTime();
		try (Trainer t = new Trainer(config, d.sampler(patch, 1), d.validation(), Progress.NONE)) {
			t.addListener(new TrainingListener() {
				@Override public void onValidation(final long step, final double psnr, final boolean best) {
					System.out.printf("%s step %d Set5 PSNR %.3f dB (%.0f s)%n", network, step, psnr, (System.nanoTime() - t0) * 1e-9);
				}
			});
			final TrainingResult r = t.train();
			System.out.printf("%s best %.3f dB at step %d%n", network, r.bestPsnr(), r.bestStep());
		}
	}
}
