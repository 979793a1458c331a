package org.deepsr.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deepsr.progress.Progress;

/**
 * Writes what src/test/python/espcn_reference.py replays: N steps of ESPCN x3
 * through the public Trainer API, dumped as raw little-endian float32 (the
 * initial weights, every batch, every step's loss and the weights after every
 * step) plus a small text index. {@link TrainerReplayTest} runs it on the
 * bundled sample image; the main runs it on T91 (bench/README.md).
 * <p>
 * Usage: {@code bench/run TrainerDump OUT_DIR [steps=100] [loss=l1] [data=../shared/data]}
 */
public final class TrainerDump {

	private TrainerDump() {}

	public static void main(final String[] args) throws IOException {
		final Path out = Paths.get(args[0]);
		final int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
		final Loss loss = Loss.byName(args.length > 2 ? args[2] : "l1");
		final Path data = Paths.get(args.length > 3 ? args[3] : System.getProperty("deepsr.data", "../shared/data"));
		final float[] losses = dump(data.resolve("train/T91"), out, steps, loss);
		System.out.println("Dumped " + steps + " steps to " + out + "; first loss " + losses[0] + ", last " + losses[steps - 1]);
	}

	/**
	 * Trains {@code steps} steps of ESPCN x3 (Y, MATLAB bicubic, 17x17 LR
	 * patches, batch 16, Adam 1e-3 constant, one thread) on the images of
	 * {@code hrFolder} and writes the dump to {@code out}.
	 * @return the per-step losses
	 */
	public static float[] dump(final Path hrFolder, final Path out, final int steps, final Loss loss) throws IOException {
		final int scale = 3, patch = 17, batch = 16;
		Files.createDirectories(out);
		final TrainingData d = TrainingData.load(new DatasetSpec().hr(hrFolder).degradation("matlab-bicubic")
			.scale(scale).channels(ChannelMode.byName("y")).patchSize(patch).seed(1), Progress.NONE);
		final PatchSource sampler = d.sampler(patch, 1);
		final List<Batch> used = new ArrayList<>();
		// Records exactly the batches the trainer consumed.
		final PatchSource recording = new PatchSource() {
			@Override public int scale() { return sampler.scale(); }
			@Override public int channels() { return sampler.channels(); }
			@Override public int patchSize() { return sampler.patchSize(); }
			@Override public Batch batch(final long index, final int count) {
				final Batch b = sampler.batch(index, count);
				used.add(b);
				return b;
			}
		};
		final TrainingConfig config = new TrainingConfig().network("espcn").scale(scale).patchSize(patch).batchSize(batch)
			.steps(steps).learningRate(1e-3).schedule(LearningRateSchedule.constant()).loss(loss).seed(1).validateEvery(0).threads(1);
		final float[] losses = new float[steps];
		try (Trainer t = new Trainer(config, recording, new ArrayList<>(), Progress.NONE)) {
			final Map<String, float[]> init = t.weights();
			final StringBuilder index = new StringBuilder();
			for (final Map.Entry<String, float[]> e : init.entrySet()) {
				index.append(e.getKey()).append(' ').append(e.getValue().length).append('\n');
				write(out.resolve("init_" + file(e.getKey())), e.getValue());
			}
			Files.writeString(out.resolve("params.txt"), index);
			final List<Map<String, float[]>> trajectory = new ArrayList<>();
			t.addListener(new TrainingListener() {
				@Override public void onStep(final long step, final long total, final double value, final double rate) {
					losses[(int) step - 1] = (float) value;
					trajectory.add(t.weights());
				}
			});
			t.train();
			for (final String name : init.keySet()) {
				final int n = init.get(name).length;
				final float[] all = new float[n * steps];
				for (int i = 0; i < steps; i++) System.arraycopy(trajectory.get(i).get(name), 0, all, i * n, n);
				write(out.resolve("steps_" + file(name)), all);
			}
		}
		final int lrSize = used.get(0).lr().length, hrSize = used.get(0).hr().length;
		final float[] lr = new float[lrSize * steps], hr = new float[hrSize * steps];
		for (int i = 0; i < steps; i++) {
			System.arraycopy(used.get(i).lr(), 0, lr, i * lrSize, lrSize);
			System.arraycopy(used.get(i).hr(), 0, hr, i * hrSize, hrSize);
		}
		write(out.resolve("lr.f32"), lr);
		write(out.resolve("hr.f32"), hr);
		write(out.resolve("losses.f32"), losses);
		Files.writeString(out.resolve("config.txt"), "steps " + steps + "\nbatch " + batch + "\npatch " + patch + "\nscale " + scale + "\nloss " + loss + "\nlr 1e-3\n");
		return losses;
	}

	private static String file(final String name) {
		return name.replace('/', '_') + ".f32";
	}

	private static void write(final Path path, final float[] v) throws IOException {
		final ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(v);
		Files.write(path, b.array());
	}
}
