package org.deepsr.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deepsr.nets.Init;
import org.deepsr.nets.NetConfig;
import org.deepsr.progress.Progress;
import org.deepsr.train.TrainingResult.StopReason;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Trains one network with Adam on batches from a {@link PatchSource}: learning
 * rate schedule, optional global-norm gradient clipping, validation PSNR with
 * the best weights kept, atomic checkpoints with resume, early stopping and
 * cancellation. The same seed, data and configuration give the same losses,
 * also across an interruption and resume (bit for bit with the same
 * TensorFlow thread pool; another pool size reorders reductions by an ulp). Holds a TensorFlow graph and
 * session until {@link #close()}; one thread at a time.
 */
public final class Trainer implements AutoCloseable {

	private static final float BETA1 = 0.9f;
	private static final float BETA2 = 0.999f;
	private static final float EPSILON = 1e-8f;
	private static final long REPORT_NANOS = 500_000_000L;

	private final TrainingConfig config;
	private final NetConfig netConfig;
	private final PatchSource source;
	private final List<ImagePair> validation;
	private final Progress progress;
	/** LR pixels of mirror padding around whole images in {@link #predict}. */
	private final int padding;
	private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();

	private final Graph graph;
	private Session session;
	private final VariableStore net;
	private final VariableStore adam;
	private Placeholder<TFloat32> input;
	private Placeholder<TFloat32> target;
	private Placeholder<TFloat32> rate;
	private Placeholder<TFloat32> beta1Power;
	private Placeholder<TFloat32> beta2Power;
	private Operand<TFloat32> output;
	private Operand<TFloat32> loss;
	private final List<Op> updates = new ArrayList<>();

	private long step;
	private double bestPsnr = Double.NaN;
	private long bestStep;
	private int staleValidations;
	private long validatedAt = -1;
	private Map<String, float[]> best;

	/**
	 * Builds the training graph and initialises the weights from the seed, or
	 * restores them from the checkpoint folder when resuming.
	 *
	 * @param source training patches matching the config's scale, channels and patch size
	 * @param validation full (LR, HR) images for validation PSNR; may be empty
	 * @param progress status, progress, log and cancel
	 * @throws IllegalArgumentException for a bad config, mismatched data, or a checkpoint of another network
	 */
	public Trainer(final TrainingConfig config, final PatchSource source, final List<ImagePair> validation, final Progress progress) {
		this.config = config.validate();
		this.netConfig = config.netConfig();
		this.source = source;
		this.validation = new ArrayList<>(validation);
		this.progress = progress;
		this.padding = config.architecture().receptiveRadius(netConfig);
		if (source.scale() != config.scale() || source.channels() != config.channels() || source.patchSize() != config.patchSize())
			throw new IllegalArgumentException("The patch source gives x" + source.scale() + ", " + source.channels() + " channel(s), " + source.patchSize() + " px patches but the configuration asks for x" + config.scale() + ", " + config.channels() + ", " + config.patchSize() + ".");
		for (final ImagePair p : validation)
			if (p.scale() != config.scale() || p.lr().channels() != config.channels())
				throw new IllegalArgumentException("A validation pair is x" + p.scale() + " with " + p.lr().channels() + " channel(s); the configuration is x" + config.scale() + " with " + config.channels() + ".");
		net = new VariableStore(config.seed());
		adam = new VariableStore(config.seed());
		graph = new Graph();
		try {
			buildGraph(Ops.create(graph));
			final ConfigProto.Builder proto = ConfigProto.newBuilder();
			if (config.threads() > 0) proto.setIntraOpParallelismThreads(config.threads());
			session = new Session(graph, proto.build());
			net.initialize(session);
			adam.initialize(session);
			if (config.resume() && Checkpoint.exists(config.checkpointDir())) restore(config.checkpointDir());
			else if (config.initialWeights() != null) start(config.initialWeights());
		} catch (final RuntimeException e) {
			close();
			throw e;
		}
	}

	private void buildGraph(final Ops tf) {
		final int c = config.channels();
		input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, c)));
		target = tf.withName("target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, c)));
		output = tf.withName("output").identity(config.architecture().build(tf, input, netConfig, net));
		loss = tf.withName("loss").identity(config.loss().build(tf, lossRegion(tf, output), lossRegion(tf, target)));
		rate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

		final List<Variable<TFloat32>> vars = net.variables();
		final Output<?>[] raw = graph.addGradients(loss.asOutput(), vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
		final List<Operand<TFloat32>> grads = new ArrayList<>();
		for (final Output<?> g : raw) grads.add(g.expect(TFloat32.class));
		final List<Operand<TFloat32>> clipped = config.clipNorm() > 0 ? clipByGlobalNorm(tf, grads, (float) config.clipNorm()) : grads;
		// Each update must wait for every gradient: backprop through layer k reads
		// layer k's kernel, which must not have been updated yet.
		final List<Op> ready = new ArrayList<>();
		final List<Operand<TFloat32>> gated = new ArrayList<>();
		for (final Operand<TFloat32> g : clipped) {
			final org.tensorflow.op.core.Identity<TFloat32> id = tf.identity(g);
			ready.add(id);
			gated.add(id);
		}
		final Ops after = tf.withControlDependencies(ready);
		final List<String> names = net.names();
		for (int i = 0; i < vars.size(); i++) {
			final long[] shape = net.shape(names.get(i));
			final Variable<TFloat32> m = adam.get(tf, "adam/m/" + names.get(i), shape, Init.constant(0));
			final Variable<TFloat32> v = adam.get(tf, "adam/v/" + names.get(i), shape, Init.constant(0));
			updates.add(after.train.applyAdam(vars.get(i), m, v, beta1Power, beta2Power, rate,
				tf.constant(BETA1), tf.constant(BETA2), tf.constant(EPSILON), gated.get(i)));
		}
	}

	/** The HR part of a batch that the loss sees: all of it, or the patch less {@link TrainingConfig#lossBorder()}. */
	private Operand<TFloat32> lossRegion(final Ops tf, final Operand<TFloat32> hr) {
		final int b = config.lossBorder() * config.scale(), side = config.patchSize() * config.scale() - 2 * b;
		if (b == 0) return hr;
		return tf.slice(hr, tf.constant(new int[] { 0, b, b, 0 }), tf.constant(new int[] { -1, side, side, -1 }));
	}

	/** g * clip / max(||g||, clip), ||g|| the L2 norm over all gradients together. */
	static List<Operand<TFloat32>> clipByGlobalNorm(final Ops tf, final List<Operand<TFloat32>> grads, final float clip) {
		final List<Operand<TFloat32>> squares = new ArrayList<>();
		for (final Operand<TFloat32> g : grads)
			squares.add(tf.reduceSum(tf.math.square(tf.reshape(g, tf.constant(new int[] { -1 }))), tf.constant(0)));
		final Operand<TFloat32> norm = tf.math.sqrt(tf.math.addN(squares));
		final Operand<TFloat32> factor = tf.math.div(tf.constant(clip), tf.math.maximum(norm, tf.constant(clip)));
		final List<Operand<TFloat32>> out = new ArrayList<>();
		for (final Operand<TFloat32> g : grads) out.add(tf.math.mul(g, factor));
		return out;
	}

	public void addListener(final TrainingListener listener) {
		listeners.add(listener);
	}

	/** Updates done so far (the step a resumed run starts from). */
	public long step() {
		return step;
	}

	/**
	 * Trains until the configured number of steps, early stopping or
	 * cancellation; writes a final checkpoint when a folder is set.
	 *
	 * @throws IllegalStateException when the loss becomes NaN or infinite
	 */
	public TrainingResult train() {
		final long total = config.steps();
		final long startStep = step, start = System.nanoTime();
		long lastReport = start;
		StopReason reason = StopReason.COMPLETED;
		progress.log("Training " + config.network() + " (" + netConfig + ") from step " + step + " to " + total + ", batch " + config.batchSize() + " of " + config.patchSize() + "x" + config.patchSize() + " LR patches, " + config.loss() + " loss"
			+ (config.lossBorder() > 0 ? " on all but a " + config.lossBorder() + " px border" : "") + ".");
		while (step < total) {
			if (progress.cancelled()) {
				reason = StopReason.CANCELLED;
				break;
			}
			final double lr = config.schedule().rate(config.learningRate(), step, total);
			final double value = update(source.batch(step, config.batchSize()), lr);
			step++;
			if (!Double.isFinite(value))
				throw new IllegalStateException("Training diverged at step " + step + " (loss " + value + "): lower the learning rate or set a gradient clip norm.");
			for (final TrainingListener l : listeners) l.onStep(step, total, value, lr);
			final long now = System.nanoTime();
			if (now - lastReport > REPORT_NANOS || step == total) {
				lastReport = now;
				report(value, (step - startStep) / ((now - start) * 1e-9), total);
			}
			if (config.validateEvery() > 0 && step % config.validateEvery() == 0 && validate() && config.patience() > 0 && staleValidations >= config.patience()) {
				reason = StopReason.EARLY_STOPPED;
				progress.log("Early stop at step " + step + ": no better validation PSNR for " + staleValidations + " validations.");
				break;
			}
			if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) saveCheckpoint();
		}
		if (reason != StopReason.CANCELLED && validatedAt != step) validate();
		if (config.checkpointDir() != null) saveCheckpoint();
		final Map<String, float[]> last = net.read(session);
		return new TrainingResult(best != null ? best : last, last, bestPsnr, best != null ? bestStep : step, step, reason);
	}

	private double update(final Batch b, final double lr) {
		final int p = b.size(), hp = p * b.scale();
		final long t = step + 1;
		try (TFloat32 x = Tensors.of(b.lr(), b.count(), p, p, b.channels());
			TFloat32 y = Tensors.of(b.hr(), b.count(), hp, hp, b.channels());
			TFloat32 r = TFloat32.scalarOf((float) lr);
			TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(BETA1, t));
			TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(BETA2, t)))
		{
			final Session.Runner runner = session.runner().feed(input, x).feed(target, y).feed(rate, r)
				.feed(beta1Power, b1).feed(beta2Power, b2).fetch(loss);
			for (final Op u : updates) runner.addTarget(u);
			try (Result res = runner.run()) {
				return ((TFloat32) res.get(0)).getFloat();
			}
		}
	}

	private void report(final double value, final double stepsPerSecond, final long total) {
		final long eta = stepsPerSecond > 0 ? Math.round((total - step) / stepsPerSecond) : 0;
		progress.status(String.format("%s x%d: step %d/%d, loss %.5f, %.1f steps/s, ETA %d:%02d:%02d", config.network(), config.scale(),
			step, total, value, stepsPerSecond, eta / 3600, eta / 60 % 60, eta % 60));
		progress.progress(step, total);
	}

	/** Runs validation; true when there was validation data. */
	private boolean validate() {
		if (validation.isEmpty()) return false;
		validatedAt = step;
		double sum = 0;
		for (final ImagePair p : validation) sum += psnr(predict(p.lr()), p.hr(), config.scale());
		final double psnr = sum / validation.size();
		final boolean improved = Double.isNaN(bestPsnr) || psnr > bestPsnr;
		if (improved) {
			bestPsnr = psnr;
			bestStep = step;
			best = net.read(session);
			staleValidations = 0;
		} else staleValidations++;
		progress.log(String.format("Step %d: validation PSNR %.3f dB%s", step, psnr, improved ? " (best)" : ""));
		for (final TrainingListener l : listeners) l.onValidation(step, psnr, improved);
		return true;
	}

	/**
	 * PSNR in dB with peak 1 over all channels, the prediction clamped to
	 * [0,1] and {@code shave} pixels cut from every border (BasicSR's crop_border).
	 */
	static double psnr(final FloatImage prediction, final FloatImage truth, final int shave) {
		final int h = truth.height(), w = truth.width(), c = truth.channels();
		final float[] a = prediction.data(), b = truth.data();
		double sum = 0;
		long n = 0;
		for (int y = shave; y < h - shave; y++)
			for (int x = shave; x < w - shave; x++)
				for (int k = 0; k < c; k++) {
					final int i = (y * w + x) * c + k;
					final double d = Math.min(1, Math.max(0, a[i])) - b[i];
					sum += d * d;
					n++;
				}
		if (n == 0) throw new IllegalArgumentException("Validation image " + h + "x" + w + " is too small to shave " + shave + " border pixels.");
		return 10 * Math.log10(n / Math.max(sum, 1e-30));
	}

	/**
	 * Runs the network with its current weights on a whole image, mirror-padded
	 * by the receptive radius as the Upscale path's tiler pads it, so that
	 * validation scores the model as it will be used.
	 *
	 * @param lr an LR image with the configured channel count
	 * @return the upscaled image, not clamped
	 */
	public FloatImage predict(final FloatImage lr) {
		if (lr.channels() != config.channels()) throw new IllegalArgumentException("Image has " + lr.channels() + " channels, the network " + config.channels() + ".");
		final FloatImage padded = lr.mirrorPad(padding);
		try (TFloat32 x = Tensors.of(padded.data(), 1, padded.height(), padded.width(), padded.channels());
			Result r = session.runner().feed(input, x).fetch(output).run())
		{
			final int s = config.scale();
			final FloatImage out = new FloatImage(s * padded.height(), s * padded.width(), lr.channels(), Tensors.read(r.get(0)));
			return out.crop(s * padding, s * padding, s * lr.height(), s * lr.width());
		}
	}

	/** Current weights by parameter name. */
	public Map<String, float[]> weights() {
		return net.read(session);
	}

	private void saveCheckpoint() {
		final Map<String, float[]> arrays = new LinkedHashMap<>();
		net.read(session).forEach((k, v) -> arrays.put("net/" + k, v));
		arrays.putAll(adam.read(session));
		if (best != null) best.forEach((k, v) -> arrays.put("best/" + k, v));
		final Path dir = config.checkpointDir();
		new Checkpoint(config.network(), netConfig.toString(), config.seed(), step, bestPsnr, bestStep, staleValidations, arrays).write(dir);
		progress.log("Checkpoint at step " + step + " written to " + dir);
	}

	private void restore(final Path dir) {
		final Checkpoint c;
		try {
			c = Checkpoint.read(dir);
		} catch (final IOException e) {
			throw new UncheckedIOException("Could not read the checkpoint in " + dir + ": " + e.getMessage() + ". Delete it or train without resuming.", e);
		}
		if (!c.network.equals(config.network()) || !c.netConfig.equals(netConfig.toString()))
			throw new IllegalArgumentException("The checkpoint in " + dir + " is for " + c.network + " (" + c.netConfig + "), not " + config.network() + " (" + netConfig + "): choose another folder or turn resuming off.");
		if (c.seed != config.seed()) progress.warn("Resuming a run started with seed " + c.seed + " under seed " + config.seed() + ".");
		net.load(session, c.withPrefix("net/"));
		adam.load(session, prefixed(c.withPrefix("adam/")));
		step = c.step;
		bestPsnr = c.bestPsnr;
		bestStep = c.bestStep;
		staleValidations = c.staleValidations;
		final Map<String, float[]> saved = c.bestWeights();
		best = saved.isEmpty() ? null : new LinkedHashMap<>(saved);
		progress.log("Resumed from the checkpoint in " + dir + " at step " + step + ".");
	}

	/** Loads the initial weights that fit, found by parameter name (checkpoints) or by op name (frozen bundles). */
	private void start(final Map<String, float[]> weights) {
		final Map<String, String> frozen = ModelExporter.frozenNames(config.architecture(), netConfig);
		final Map<String, float[]> byName = new LinkedHashMap<>();
		for (final String name : net.names()) {
			final float[] v = weights.containsKey(name) ? weights.get(name) : weights.get(frozen.get(name));
			if (v != null) byName.put(name, v);
		}
		final List<String> fresh = net.loadMatching(session, byName);
		if (fresh.size() == net.names().size())
			throw new IllegalArgumentException("None of the initial weights fit " + config.network() + " (" + netConfig + "): they belong to another network or width.");
		progress.log("Starting from the given weights" + (fresh.isEmpty() ? "." : "; drawn afresh (no weights of that name and size): " + String.join(", ", fresh) + "."));
	}

	private static Map<String, float[]> prefixed(final Map<String, float[]> adamState) {
		final Map<String, float[]> out = new LinkedHashMap<>();
		adamState.forEach((k, v) -> out.put("adam/" + k, v));
		return out;
	}

	@Override
	public void close() {
		if (session != null) session.close();
		session = null;
		graph.close();
	}
}
