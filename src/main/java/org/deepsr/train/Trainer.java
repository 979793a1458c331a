package org.deepsr.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.deepsr.backend.SessionOptions;
import org.deepsr.backend.Sessions;
import org.deepsr.nets.NetConfig;
import org.deepsr.nets.Parameters;
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
import org.tensorflow.types.TFloat32;

/**
 * Trains {@link TrainingParts} on batches from a {@link PatchSource}: a
 * network spec, weighted loss terms and one or more Adam optimisers, each on
 * its own variables with its own learning rate schedule and optional
 * global-norm gradient clipping (by default one network, one loss, one Adam:
 * {@link TrainingParts#standard}). Batch-norm statistics get no gradient:
 * each step folds the batch's mean and variance into their moving averages
 * (momentum {@link #MOMENTUM}), which validation and export use. Validation PSNR with the best weights
 * kept, atomic checkpoints with resume, early stopping and cancellation. A
 * run whose loss or validation predictions stop being numbers throws
 * {@link TrainingDivergedException}; checkpoints are written only of weights
 * whose loss was seen sound, so the last good one survives a divergence. The
 * same seed, data and configuration give the same losses, also across an
 * interruption and resume (bit for bit with the same thread count; another
 * count reorders reductions by an ulp). The session is opened with the
 * configuration's {@link SessionOptions} (per-session threads, device) and
 * the device it really uses is logged. Holds a TensorFlow graph and session
 * until {@link #close()}; one thread at a time.
 */
public final class Trainer implements AutoCloseable {

	private static final long REPORT_NANOS = 500_000_000L;
	/**
	 * Weight of the old value in the moving averages of batch-norm statistics:
	 * PyTorch's BatchNorm2d default (its momentum 0.1 is the weight of the new
	 * batch); Keras's default is 0.99. The variance folded in is the batch's
	 * biased one, as in Keras; PyTorch folds in the unbiased one (n/(n-1) larger).
	 */
	static final float MOMENTUM = 0.9f;
	/**
	 * A loss this many times the largest loss before it means the weights blew
	 * up. On data normalised to [0, 1] the first loss of a run is about that of
	 * a zero output, the largest a sound run sees; 10^4 times it is an error
	 * far beyond the data's range (at learning rate 1e30 the L1 loss goes from
	 * 0.5 to 3e30 in one step).
	 */
	static final double GROWTH = 1e4;

	private final TrainingConfig config;
	private final TrainingParts parts;
	private final NetConfig netConfig;
	private final PatchSource source;
	private final List<ImagePair> validation;
	private final Progress progress;
	/** LR pixels of mirror padding around whole images in {@link #predict}. */
	private final int padding;
	private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();

	private final Graph graph;
	private Session session;
	private final String device;
	/** Variables by group, in the order the network asked for them. */
	private final Map<String, VariableStore> groups = new LinkedHashMap<>();
	/** Adam moments by optimiser name. */
	private final Map<String, VariableStore> states = new LinkedHashMap<>();
	private final List<Optimiser.Built> optimisers = new ArrayList<>();
	/** The moving-average updates of the statistics, one per statistic of any group. */
	private final List<Op> statisticUpdates = new ArrayList<>();
	private Placeholder<TFloat32> input;
	private Placeholder<TFloat32> target;
	/** {@link NetSpec#OUTPUT} of the inference-mode graph, on the trained variables. */
	private Operand<TFloat32> output;
	private Operand<TFloat32> loss;
	/** With several optimisers, the objective of each (a GAN's generator and discriminator losses), and their values at the last step. */
	private final List<Operand<TFloat32>> objectives = new ArrayList<>();
	private double[] lastObjectives = new double[0];

	private long step;
	private double bestPsnr = Double.NaN;
	private long bestStep;
	private int staleValidations;
	private long validatedAt = -1;
	/** The largest loss of this {@link #train()} so far (0 before the first). */
	private double largestLoss;
	/** Weights of the best validation by group, or null. */
	private Map<String, Map<String, float[]>> best;

	/** {@link #Trainer(TrainingConfig, TrainingParts, PatchSource, List, Progress)} with the {@linkplain TrainingParts#standard standard parts}. */
	public Trainer(final TrainingConfig config, final PatchSource source, final List<ImagePair> validation, final Progress progress) {
		this(config.validate(), TrainingParts.standard(config), source, validation, progress);
	}

	/**
	 * Builds the training graph and initialises the weights from the seed, or
	 * restores them from the checkpoint folder when resuming.
	 *
	 * @param config steps, batch, patches, seed, validation, checkpoints, threads and device; its network (group
	 *          {@link NetSpec#NET} of the parts) is the one validated, checkpointed under its name and exported
	 * @param source training patches matching the config's scale, channels and patch size
	 * @param validation full (LR, HR) images for validation PSNR; may be empty
	 * @param progress status, progress, log and cancel
	 * @throws IllegalArgumentException for a bad config, mismatched data, or a checkpoint of another network
	 * @throws IllegalStateException when the GPU device is asked for and there is none
	 */
	public Trainer(final TrainingConfig config, final TrainingParts parts, final PatchSource source, final List<ImagePair> validation, final Progress progress) {
		this.config = config.validate();
		this.parts = parts;
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
		graph = new Graph();
		try {
			buildGraph(Ops.create(graph));
			final SessionOptions options = config.sessionOptions();
			session = new Session(graph, options.toConfigProto());
			device = Sessions.device(session, options);
			for (final VariableStore g : groups.values()) g.initialize(session);
			for (final VariableStore s : states.values()) s.initialize(session);
			if (config.resume() && Checkpoint.exists(config.checkpointDir())) restore(config.checkpointDir());
			else if (config.initialWeights() != null) start(config.initialWeights());
		} catch (final RuntimeException e) {
			close();
			throw e;
		}
	}

	private void buildGraph(final Ops tf) {
		final int c = config.channels();
		input = tf.withName(NetSpec.INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, c)));
		target = tf.withName(NetSpec.TARGET).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, c)));
		final Map<String, Operand<TFloat32>> tensors = new LinkedHashMap<>();
		tensors.put(NetSpec.INPUT, input);
		tensors.put(NetSpec.TARGET, target);
		final Map<String, Operand<TFloat32>> outputs = parts.net().build(tf, Map.of(NetSpec.INPUT, input, NetSpec.TARGET, target), this::group, NetConfig.Mode.TRAIN);
		if (!outputs.containsKey(NetSpec.OUTPUT) || !groups.containsKey(NetSpec.NET))
			throw new IllegalArgumentException("The network spec must give an output '" + NetSpec.OUTPUT + "' and variables in group '" + NetSpec.NET + "' (the exported network).");
		// a layer's side output ("norm/batch_mean") is named so by its layer's scope already
		outputs.forEach((name, t) -> tensors.put(name, name.contains("/") ? t : tf.withName(name).identity(t)));
		final Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>();
		for (final LossTerm term : parts.losses()) terms.put(term.name(), term.build(tf, tensors));
		loss = tf.withName("loss").identity(weightedSum(tf, parts.losses(), terms));

		// Each update must wait for every gradient of every optimiser: backprop
		// through layer k reads layer k's kernel, which must not have been updated yet.
		final List<List<Operand<TFloat32>>> gated = new ArrayList<>();
		final List<Op> ready = new ArrayList<>();
		for (final Optimiser o : parts.optimisers()) {
			final Operand<TFloat32> objective = o.terms().isEmpty() ? loss : weightedSum(tf, parts.losses().stream().filter(t -> o.terms().contains(t.name())).collect(Collectors.toList()), terms);
			if (parts.optimisers().size() > 1) objectives.add(objective);
			final List<Variable<TFloat32>> vars = variables(o);
			final Output<?>[] raw = graph.addGradients(objective.asOutput(), vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
			final List<Operand<TFloat32>> grads = new ArrayList<>();
			for (final Output<?> g : raw) {
				if (g == null) throw new IllegalArgumentException("The objective of optimiser '" + o.name() + "' does not depend on all of its variables: give it the loss terms of its groups " + o.groups() + ".");
				grads.add(g.expect(TFloat32.class));
			}
			final List<Operand<TFloat32>> ids = new ArrayList<>();
			for (final Operand<TFloat32> g : o.clip(tf, grads)) {
				final org.tensorflow.op.core.Identity<TFloat32> id = tf.identity(g);
				ready.add(id);
				ids.add(id);
			}
			gated.add(ids);
		}
		final Ops after = tf.withControlDependencies(ready);
		for (int k = 0; k < parts.optimisers().size(); k++) {
			final Optimiser o = parts.optimisers().get(k);
			final VariableStore state = new VariableStore(config.seed());
			states.put(o.name(), state);
			final List<String> keys = new ArrayList<>();
			final List<long[]> shapes = new ArrayList<>();
			for (final String g : o.groups())
				for (final String name : group(g).trainable()) {
					keys.add(o.groups().size() == 1 ? name : g + "/" + name);
					shapes.add(groups.get(g).shape(name));
				}
			optimisers.add(o.build(tf, after, state, variables(o), keys, shapes, gated.get(k)));
		}
		for (final Map.Entry<String, VariableStore> g : groups.entrySet()) {
			final java.util.function.Function<String, Ops> scopes = Parameters.scopes(tf.withSubScope("moving_average"));
			for (final String name : g.getValue().statistics())
				statisticUpdates.add(movingAverage(scopes, g.getKey(), name, g.getValue().variable(name), outputs));
		}
		// validation runs the network as built for inference, on the same variables
		output = parts.net().build(tf.withSubScope("inference"), Map.of(NetSpec.INPUT, input), g -> groups.get(g).reuse(), NetConfig.Mode.INFERENCE).get(NetSpec.OUTPUT);
	}

	/**
	 * moving = MOMENTUM * moving + (1 - MOMENTUM) * batch, run with every
	 * update; statistic "X/moving_Y" of group "net" takes the side output
	 * "X/batch_Y", of another group g "g/X/batch_Y". The batch value is that
	 * of the step's forward pass, before the optimisers change any weight
	 * (every update waits for the gradients, and they for the loss).
	 */
	private Op movingAverage(final java.util.function.Function<String, Ops> scopes, final String group, final String name, final Variable<TFloat32> moving, final Map<String, Operand<TFloat32>> outputs) {
		final int leaf = name.lastIndexOf('/') + 1;
		final String side = (NetSpec.NET.equals(group) ? "" : group + "/") + name.substring(0, leaf) + name.substring(leaf).replaceFirst("^moving_", "batch_");
		final Operand<TFloat32> batch = outputs.get(side);
		if (!name.startsWith("moving_", leaf) || batch == null)
			throw new IllegalArgumentException("Statistic '" + name + "' of group '" + group + "' has no side output '" + side + "' in training mode to update it from: build the network with Architecture.buildOutputs and name each statistic X/moving_Y after its output X/batch_Y.");
		final Ops at = scopes.apply(name);
		return at.withName(name.substring(leaf)).assign(moving, at.math.add(at.math.mul(moving, at.constant(MOMENTUM)), at.math.mul(batch, at.constant(1 - MOMENTUM))));
	}

	/** The variables of a group, made on first use: "net" drawn from the seed as always, others from the seed mixed with their name. */
	private VariableStore group(final String name) {
		return groups.computeIfAbsent(name, g -> new VariableStore(NetSpec.NET.equals(g) ? config.seed()
			: config.seed() ^ (0x9E3779B97F4A7C15L * g.hashCode())));
	}

	private List<Variable<TFloat32>> variables(final Optimiser o) {
		final List<Variable<TFloat32>> out = new ArrayList<>();
		for (final String g : o.groups()) {
			if (!groups.containsKey(g)) throw new IllegalArgumentException("Optimiser '" + o.name() + "' updates group '" + g + "', which the network spec does not have (" + groups.keySet() + ").");
			out.addAll(groups.get(g).variables());
		}
		return out;
	}

	/** sum of weight * term; a lone term of weight 1 as it is. */
	private static Operand<TFloat32> weightedSum(final Ops tf, final List<LossTerm> chosen, final Map<String, Operand<TFloat32>> terms) {
		if (chosen.size() == 1 && chosen.get(0).weight() == 1) return terms.get(chosen.get(0).name());
		final List<Operand<TFloat32>> weighted = new ArrayList<>();
		for (final LossTerm t : chosen) weighted.add(tf.math.mul(terms.get(t.name()), tf.constant((float) t.weight())));
		return weighted.size() == 1 ? weighted.get(0) : tf.math.addN(weighted);
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
	 * cancellation; writes a final checkpoint when a folder is set. A
	 * checkpoint is written only after the loss at its weights (on the next
	 * step's batch) has been seen to be sound, so a diverging run never
	 * replaces the last good checkpoint with blown-up weights. A run with
	 * validation data validates its last weights unless cancelled.
	 *
	 * @throws TrainingDivergedException when the loss becomes NaN, infinite or {@link #GROWTH} times its largest
	 *           value so far, or a validation prediction holds a NaN or infinite value
	 */
	public TrainingResult train() {
		final long total = config.steps();
		final long startStep = step, start = System.nanoTime();
		long lastReport = start;
		StopReason reason = StopReason.COMPLETED;
		progress.log("Training " + config.network() + " (" + netConfig + ") on " + device + " from step " + step + " to " + total + ", batch " + config.batchSize() + " of " + config.patchSize() + "x" + config.patchSize() + " LR patches; loss "
			+ parts.losses().stream().map(LossTerm::toString).collect(Collectors.joining(" + ")) + "; " + parts.optimisers().stream().map(Optimiser::toString).collect(Collectors.joining("; ")) + ".");
		while (step < total) {
			if (progress.cancelled()) {
				reason = StopReason.CANCELLED;
				break;
			}
			final double lr = parts.optimisers().get(0).rate(step, total);
			final double value = run(source.batch(step, config.batchSize()), true, total);
			step++;
			checkLoss(value, step - 1);
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
			if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0 && step < total) saveCheckpoint();
		}
		if (reason != StopReason.CANCELLED && validatedAt != step) validate();
		if (config.checkpointDir() != null) saveCheckpoint();
		else checkLoss(probe(), step);
		final Map<String, float[]> last = weights();
		return new TrainingResult(best != null ? best.get(NetSpec.NET) : last, last, bestPsnr, best != null ? bestStep : step, step, reason);
	}

	/**
	 * Stops a run whose loss at the weights after {@code at} updates is not finite or
	 * jumped to {@link #GROWTH} times the largest loss before it (finite but
	 * blown up, as an L1 loss at learning rate 1e30 is); otherwise the loss
	 * joins that maximum.
	 */
	private void checkLoss(final double value, final long at) {
		if (!Double.isFinite(value)) throw diverged(at, "the loss is " + value);
		if (largestLoss > 0 && value > GROWTH * largestLoss)
			throw diverged(at, String.format(Locale.ROOT, "the loss jumped to %.3g, more than %.0e times its largest value before (%.3g)", value, GROWTH, largestLoss));
		largestLoss = Math.max(largestLoss, value);
	}

	private TrainingDivergedException diverged(final long at, final String what) {
		final Path dir = config.checkpointDir();
		final String kept = Checkpoint.exists(dir) ? checkpointStep(dir) : "no checkpoint was written";
		return new TrainingDivergedException(String.format(Locale.ROOT, "Training diverged: after %d update%s %s. Lower the learning rate (%.3g) or set a gradient clip norm; %s.",
			at, at == 1 ? "" : "s", what, parts.optimisers().get(0).rate(0, config.steps()), kept));
	}

	private static String checkpointStep(final Path dir) {
		try {
			return "the checkpoint in " + dir + " keeps step " + Checkpoint.read(dir).step() + ", the last with a sound loss";
		} catch (final IOException e) {
			return "the checkpoint in " + dir + " was left as it was";
		}
	}

	/** The loss of the current weights on the batch the next step would take, without updating anything. */
	private double probe() {
		return run(source.batch(step, config.batchSize()), false, config.steps());
	}

	/** The objective on a batch; with {@code train} also one update of every optimiser and of the statistics (the objective is the one before it). */
	private double run(final Batch b, final boolean train, final long total) {
		final int p = b.size(), hp = p * b.scale();
		final long t = step + 1;
		final List<TFloat32> feeds = new ArrayList<>();
		try (TFloat32 x = Tensors.of(b.lr(), b.count(), p, p, b.channels());
			TFloat32 y = Tensors.of(b.hr(), b.count(), hp, hp, b.channels()))
		{
			final Session.Runner runner = session.runner().feed(input, x).feed(target, y).fetch(loss);
			for (final Operand<TFloat32> o : objectives) runner.fetch(o);
			for (int k = 0; train && k < optimisers.size(); k++) {
				final Optimiser.Built o = optimisers.get(k);
				runner.feed(o.rate, scalar(feeds, parts.optimisers().get(k).rate(step, total)))
					.feed(o.beta1Power, scalar(feeds, Math.pow(Optimiser.BETA1, t))).feed(o.beta2Power, scalar(feeds, Math.pow(Optimiser.BETA2, t)));
				for (final Op u : o.updates) runner.addTarget(u);
			}
			if (train) for (final Op u : statisticUpdates) runner.addTarget(u);
			try (Result res = runner.run()) {
				lastObjectives = new double[objectives.size()];
				for (int k = 0; k < lastObjectives.length; k++) lastObjectives[k] = ((TFloat32) res.get(k + 1)).getFloat();
				return ((TFloat32) res.get(0)).getFloat();
			}
		} finally {
			for (final TFloat32 f : feeds) f.close();
		}
	}

	private static TFloat32 scalar(final List<TFloat32> open, final double value) {
		final TFloat32 t = TFloat32.scalarOf((float) value);
		open.add(t);
		return t;
	}

	private void report(final double value, final double stepsPerSecond, final long total) {
		final long eta = stepsPerSecond > 0 ? Math.round((total - step) / stepsPerSecond) : 0;
		final StringBuilder each = new StringBuilder();
		for (int k = 0; k < lastObjectives.length; k++)
			each.append(k == 0 ? " (" : ", ").append(String.join("+", parts.optimisers().get(k).groups())).append(String.format(Locale.ROOT, " %.5f", lastObjectives[k])).append(k == lastObjectives.length - 1 ? ")" : "");
		progress.status(String.format(Locale.ROOT, "%s x%d: step %d/%d, loss %.5f%s, %.1f steps/s, ETA %d:%02d:%02d", config.network(), config.scale(),
			step, total, value, each, stepsPerSecond, eta / 3600, eta / 60 % 60, eta % 60));
		progress.progress(step, total);
	}

	/** Runs validation; true when there was validation data. */
	private boolean validate() {
		if (validation.isEmpty()) return false;
		validatedAt = step;
		double sum = 0;
		for (final ImagePair p : validation) sum += psnr(predict(p.lr()), p.hr(), config.scale());
		final double psnr = sum / validation.size();
		if (Double.isNaN(psnr)) throw diverged(step, "the network predicts NaN or infinite values on the validation images");
		final boolean improved = Double.isNaN(bestPsnr) || psnr > bestPsnr;
		if (improved) {
			bestPsnr = psnr;
			bestStep = step;
			best = readGroups();
			staleValidations = 0;
		} else staleValidations++;
		progress.log(String.format("Step %d: validation PSNR %.3f dB%s", step, psnr, improved ? " (best)" : ""));
		for (final TrainingListener l : listeners) l.onValidation(step, psnr, improved);
		return true;
	}

	/**
	 * PSNR in dB with peak 1 over all channels, the prediction clamped to
	 * [0,1] and {@code shave} pixels cut from every border (BasicSR's crop_border);
	 * NaN when a prediction is NaN or infinite (a diverged network), which no clamp may hide.
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
					if (!Float.isFinite(a[i])) return Double.NaN;
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

	/** Current weights of the exported network (group {@link NetSpec#NET}) by parameter name. */
	public Map<String, float[]> weights() {
		return weights(NetSpec.NET);
	}

	/** Current weights of a variable group by parameter name. */
	public Map<String, float[]> weights(final String group) {
		final VariableStore g = groups.get(group);
		if (g == null) throw new IllegalArgumentException("No variable group '" + group + "'; there are " + groups.keySet() + ".");
		return g.read(session);
	}

	/** The device the session runs on, e.g. "CPU (8 threads)". */
	public String device() {
		return device;
	}

	private Map<String, Map<String, float[]>> readGroups() {
		final Map<String, Map<String, float[]>> out = new LinkedHashMap<>();
		for (final String g : groups.keySet()) out.put(g, weights(g));
		return out;
	}

	/** Checkpoint prefix of a group's best weights: "best/" for the network (as checkpoints have always had it). */
	private static String bestPrefix(final String group) {
		return NetSpec.NET.equals(group) ? "best/" : "best-" + group + "/";
	}

	/** Writes the state at {@link #step} once the loss at its weights is sound ({@link #probe}). */
	private void saveCheckpoint() {
		checkLoss(probe(), step);
		final Map<String, float[]> arrays = new LinkedHashMap<>();
		for (final String g : groups.keySet()) weights(g).forEach((k, v) -> arrays.put(g + "/" + k, v));
		for (final VariableStore s : states.values()) arrays.putAll(s.read(session));
		if (best != null) best.forEach((g, w) -> w.forEach((k, v) -> arrays.put(bestPrefix(g) + k, v)));
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
		groups.forEach((g, store) -> store.load(session, c.withPrefix(g + "/")));
		states.forEach((o, store) -> store.load(session, prefixed(o + "/", c.withPrefix(o + "/"))));
		step = c.step;
		bestPsnr = c.bestPsnr;
		bestStep = c.bestStep;
		staleValidations = c.staleValidations;
		best = null;
		if (!c.bestWeights().isEmpty()) {
			best = new LinkedHashMap<>();
			for (final String g : groups.keySet()) best.put(g, new LinkedHashMap<>(c.withPrefix(bestPrefix(g))));
		}
		progress.log("Resumed from the checkpoint in " + dir + " at step " + step + ".");
	}

	/** Loads the initial weights that fit, found by parameter name (checkpoints) or by op name (frozen bundles). */
	private void start(final Map<String, float[]> weights) {
		final Map<String, String> frozen = ModelExporter.frozenNames(config.architecture(), netConfig);
		final VariableStore net = groups.get(NetSpec.NET);
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

	private static Map<String, float[]> prefixed(final String prefix, final Map<String, float[]> arrays) {
		final Map<String, float[]> out = new LinkedHashMap<>();
		arrays.forEach((k, v) -> out.put(prefix + k, v));
		return out;
	}

	@Override
	public void close() {
		if (session != null) session.close();
		session = null;
		graph.close();
	}
}
