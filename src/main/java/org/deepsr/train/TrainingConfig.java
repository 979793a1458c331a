package org.deepsr.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deepsr.backend.Device;
import org.deepsr.backend.SessionOptions;
import org.deepsr.nets.Architecture;
import org.deepsr.nets.Discriminator;
import org.deepsr.nets.NetConfig;
import org.deepsr.nets.NetRegistry;

/**
 * Everything a training run needs besides its data, set fluently:
 * {@code new TrainingConfig().network("espcn").scale(3).steps(2000).learningRate(1e-3)}.
 * The defaults are those of {@link TrainingOptions} (one place for them); the
 * network has 1 channel and no initial weights.
 */
public final class TrainingConfig {

	private static final TrainingOptions DEFAULTS = new TrainingOptions();

	private String network = DEFAULTS.network;
	private int scale = DEFAULTS.scale;
	private int channels = 1;
	private int width = DEFAULTS.width;
	private int depth = DEFAULTS.depth;
	/** Blocks and groups of the networks that have them (EDSR, RCAN, CARN-M, ...); 0 = the architecture's default. */
	private int blocks = DEFAULTS.blocks, groups = DEFAULTS.groups, recursions = DEFAULTS.recursions;
	private double residualScale = DEFAULTS.residualScale;
	private int patchSize = DEFAULTS.patch;
	private int lossBorder = DEFAULTS.lossBorder;
	private boolean skip = DEFAULTS.skip;
	private Map<String, float[]> initialWeights;
	private int batchSize = DEFAULTS.batch;
	private long steps = DEFAULTS.steps;
	private double learningRate = DEFAULTS.learningRate;
	/** null: the default schedule for {@link #steps}. */
	private LearningRateSchedule schedule;
	private LossSpec losses = LossSpec.parse(DEFAULTS.loss);
	/** GAN training and feature losses: the discriminator's name (null = none), width, rate; the extractor and its layers. */
	private String discriminator = DEFAULTS.discriminator;
	private int discriminatorWidth = DEFAULTS.discriminatorWidth;
	private double discriminatorRate = DEFAULTS.discriminatorRate;
	private Path extractor;
	private List<String> extractorLayers = List.of(), textureLayers = List.of();
	private double clipNorm = DEFAULTS.clipNorm;
	private long seed = DEFAULTS.seed;
	private long validateEvery = DEFAULTS.validateEvery;
	private long checkpointEvery = DEFAULTS.checkpointEvery;
	private Path checkpointDir;
	private boolean resume = DEFAULTS.resume;
	private int patience = DEFAULTS.patience;
	private int threads = DEFAULTS.threads;
	private Device device = Device.parse(DEFAULTS.device);

	/** Registry name of the network, e.g. "espcn" (see {@link NetRegistry#names()}). */
	public TrainingConfig network(final String name) {
		NetRegistry.get(name);
		this.network = name.trim().toLowerCase(java.util.Locale.ROOT);
		return this;
	}

	/** Upscaling factor, 1..16. */
	public TrainingConfig scale(final int s) {
		this.scale = s;
		return this;
	}

	/** Image channels (1 = Y or grey, 3 = RGB). */
	public TrainingConfig channels(final int c) {
		this.channels = c;
		return this;
	}

	/** Network width override; 0 = the architecture's default. */
	public TrainingConfig width(final int w) {
		this.width = w;
		return this;
	}

	/** Network depth override; 0 = the architecture's default. */
	public TrainingConfig depth(final int d) {
		this.depth = d;
		return this;
	}

	/** Residual, dense or attention blocks (see {@link NetConfig#withBlocks}); 0 = the architecture's default. */
	public TrainingConfig blocks(final int b) {
		this.blocks = b;
		return this;
	}

	/** Block groups or convolution groups (see {@link NetConfig#withGroups}); 0 = the architecture's default. */
	public TrainingConfig groups(final int g) {
		this.groups = g;
		return this;
	}

	/** How often a shared block is applied (DRCN, DRRN; see {@link NetConfig#withRecursions}); 0 = the architecture's default. */
	public TrainingConfig recursions(final int r) {
		this.recursions = r;
		return this;
	}

	/** Factor on each residual branch, in (0, 1] (see {@link NetConfig#withResidualScale}); 0 = the architecture's default. */
	public TrainingConfig residualScale(final double r) {
		this.residualScale = r;
		return this;
	}

	/** LR patch side in pixels (17 for ESPCN x3 as in the paper). */
	public TrainingConfig patchSize(final int p) {
		this.patchSize = p;
		return this;
	}

	/** Adds the bicubic upscaled input to the network's output (see {@link NetConfig#withSkip}). */
	public TrainingConfig skip(final boolean skip) {
		this.skip = skip;
		return this;
	}

	/**
	 * LR pixels at each patch edge left out of the loss. The convolutions pad
	 * patches with zeros, which whole images never see inside; with a border of
	 * the receptive radius every pixel in the loss has real context, as in
	 * SRCNN's valid-convolution training. 0 = the whole patch.
	 */
	public TrainingConfig lossBorder(final int b) {
		this.lossBorder = b;
		return this;
	}

	/**
	 * Weights to start from instead of random ones (fine-tuning), e.g. from
	 * {@link InitialWeights#read}; those whose name and size fit the network
	 * are used, the rest are drawn from the seed. Ignored when resuming.
	 */
	public TrainingConfig initialWeights(final Map<String, float[]> weights) {
		this.initialWeights = weights;
		return this;
	}

	public TrainingConfig batchSize(final int b) {
		this.batchSize = b;
		return this;
	}

	/** Total number of Adam updates (including those of a resumed run). */
	public TrainingConfig steps(final long n) {
		this.steps = n;
		return this;
	}

	/** Adam's base learning rate, > 0. */
	public TrainingConfig learningRate(final double lr) {
		this.learningRate = lr;
		return this;
	}

	public TrainingConfig schedule(final LearningRateSchedule s) {
		this.schedule = s;
		return this;
	}

	/** One pixel loss of weight 1. */
	public TrainingConfig loss(final Loss l) {
		this.losses = LossSpec.of(l);
		return this;
	}

	/** The objective's weighted terms (pixel, perceptual, texture, adversarial). */
	public TrainingConfig losses(final LossSpec spec) {
		this.losses = spec;
		return this;
	}

	/** "srgan" or "esrgan" (see {@link Discriminator}), trained beside the network for an adversarial term; null = none. */
	public TrainingConfig discriminator(final String name) {
		this.discriminator = name == null || name.trim().isEmpty() ? null : Discriminator.byName(name).name();
		return this;
	}

	/** The discriminator's base width; 0 = {@link Discriminator#WIDTH}. */
	public TrainingConfig discriminatorWidth(final int w) {
		this.discriminatorWidth = w;
		return this;
	}

	/** The discriminator's learning rate (the schedule is the network's); 0 = {@link #learningRate}. */
	public TrainingConfig discriminatorRate(final double r) {
		this.discriminatorRate = r;
		return this;
	}

	/** The perceptual and texture losses' extractor network: a frozen graph (.pb) or a SavedModel folder. */
	public TrainingConfig extractor(final Path file) {
		this.extractor = file;
		return this;
	}

	/** The extractor's layers for the perceptual loss. */
	public TrainingConfig extractorLayers(final List<String> layers) {
		this.extractorLayers = List.copyOf(layers);
		return this;
	}

	/** The extractor's layers for the texture loss. */
	public TrainingConfig textureLayers(final List<String> layers) {
		this.textureLayers = List.copyOf(layers);
		return this;
	}

	/** Clip gradients to this global L2 norm; 0 = no clipping (VDSR needs it). */
	public TrainingConfig clipNorm(final double norm) {
		this.clipNorm = norm;
		return this;
	}

	/** Seed of weights and patches: the same seed gives the same losses. */
	public TrainingConfig seed(final long s) {
		this.seed = s;
		return this;
	}

	/** Validation PSNR every this many steps (and at the end); 0 = only at the end. */
	public TrainingConfig validateEvery(final long n) {
		this.validateEvery = n;
		return this;
	}

	/** Checkpoint every this many steps (and on stop/cancel); 0 = only on stop/cancel. Needs {@link #checkpointDir}. */
	public TrainingConfig checkpointEvery(final long n) {
		this.checkpointEvery = n;
		return this;
	}

	/** Folder for {@code checkpoint.bin}; null = no checkpoints. */
	public TrainingConfig checkpointDir(final Path dir) {
		this.checkpointDir = dir;
		return this;
	}

	/** Continue from the checkpoint in {@link #checkpointDir} when there is one. */
	public TrainingConfig resume(final boolean r) {
		this.resume = r;
		return this;
	}

	/** Stop after this many validations without a better PSNR; 0 = never. */
	public TrainingConfig patience(final int p) {
		this.patience = p;
		return this;
	}

	/** TensorFlow intra-op threads; 0 = TensorFlow's choice. */
	public TrainingConfig threads(final int t) {
		this.threads = t;
		return this;
	}

	/** Where TensorFlow trains: {@link Device#AUTO} (a GPU when there is one), CPU or GPU. */
	public TrainingConfig device(final Device d) {
		if (d == null) throw new IllegalArgumentException("Device must not be null (use Device.AUTO).");
		this.device = d;
		return this;
	}

	/** @throws IllegalArgumentException naming the first bad setting */
	public TrainingConfig validate() {
		// before any graph is built: a scale the network cannot take is one line naming those it can
		architecture().check(netConfig());
		check(patchSize >= 1, "Patch size must be >= 1, got " + patchSize + ".");
		check(lossBorder >= 0 && 2 * lossBorder < patchSize, "The loss border must be >= 0 and leave part of the " + patchSize + " px patch, got " + lossBorder + ".");
		check(batchSize >= 1, "Batch size must be >= 1, got " + batchSize + ".");
		check(steps >= 1, "Steps must be >= 1, got " + steps + ".");
		check(learningRate > 0 && Double.isFinite(learningRate), "Learning rate must be > 0, got " + learningRate + ".");
		check(clipNorm >= 0, "Gradient clip norm must be >= 0 (0 = off), got " + clipNorm + ".");
		check(validateEvery >= 0 && checkpointEvery >= 0 && patience >= 0 && threads >= 0, "Intervals, patience and threads must be >= 0.");
		check(checkpointEvery == 0 || checkpointDir != null, "Checkpoints every " + checkpointEvery + " steps need a checkpoint folder.");
		checkGan();
		return this;
	}

	private void checkGan() {
		final LossSpec.Kind adversarial = losses.adversarial();
		check(adversarial == null || discriminator != null, "The " + adversarial + " loss needs a discriminator (--discriminator srgan or esrgan).");
		check(discriminator == null || adversarial != null, "A discriminator trains only for an adversarial loss term: add adversarial:0.005 (or relativistic:0.005) to the loss.");
		check(discriminatorWidth >= 0 && discriminatorRate >= 0 && Double.isFinite(discriminatorRate), "The discriminator's width and learning rate must be >= 0 (0 = the default).");
		if (discriminator != null) Discriminator.byName(discriminator).check(patchSize * scale, discriminatorWidth());
		check(!losses.needsExtractor() || extractor != null, "The perceptual and texture losses need an extractor network (--extractor FILE.pb or a SavedModel folder).");
		final Map<LossSpec.Kind, Double> t = losses.terms();
		check(!(t.containsKey(LossSpec.Kind.PERCEPTUAL) || t.containsKey(LossSpec.Kind.PERCEPTUAL_L2)) || !extractorLayers.isEmpty(), "The perceptual loss needs the extractor's layers (--extractor-layers conv5_4,...).");
		check(!t.containsKey(LossSpec.Kind.TEXTURE) || !textureLayers.isEmpty(), "The texture loss needs the extractor's layers (--texture-layers conv1_1,...).");
	}

	private static void check(final boolean ok, final String message) {
		if (!ok) throw new IllegalArgumentException(message);
	}

	public String network() {
		return network;
	}

	public Architecture architecture() {
		return NetRegistry.get(network);
	}

	/** The network's build configuration (scale, channels, width, depth, blocks, groups, recursions, residual scale). */
	public NetConfig netConfig() {
		// three channels are RGB (grey images' channels are samples of their own)
		return (channels == 3 ? NetConfig.of(scale, NetConfig.ChannelMode.RGB, NetConfig.ChannelMode.RGB) : NetConfig.of(scale, channels)).withWidth(width).withDepth(depth).withBlocks(blocks).withGroups(groups).withRecursions(recursions)
			.withResidualScale((float) residualScale).withSkip(skip);
	}

	public int scale() {
		return scale;
	}

	public int channels() {
		return channels;
	}

	public int patchSize() {
		return patchSize;
	}

	public int lossBorder() {
		return lossBorder;
	}

	/** Weights to start from, or null for random ones. */
	public Map<String, float[]> initialWeights() {
		return initialWeights;
	}

	public int batchSize() {
		return batchSize;
	}

	public long steps() {
		return steps;
	}

	public double learningRate() {
		return learningRate;
	}

	public LearningRateSchedule schedule() {
		return schedule != null ? schedule : TrainingOptions.schedule(DEFAULTS.schedule, steps);
	}

	public LossSpec losses() {
		return losses;
	}

	/** The discriminator's name, or null. */
	public String discriminator() {
		return discriminator;
	}

	public int discriminatorWidth() {
		return discriminatorWidth > 0 ? discriminatorWidth : Discriminator.WIDTH;
	}

	public double discriminatorRate() {
		return discriminatorRate > 0 ? discriminatorRate : learningRate;
	}

	public Path extractor() {
		return extractor;
	}

	public List<String> extractorLayers() {
		return extractorLayers;
	}

	public List<String> textureLayers() {
		return textureLayers;
	}

	public double clipNorm() {
		return clipNorm;
	}

	public long seed() {
		return seed;
	}

	public long validateEvery() {
		return validateEvery;
	}

	public long checkpointEvery() {
		return checkpointEvery;
	}

	public Path checkpointDir() {
		return checkpointDir;
	}

	public boolean resume() {
		return resume;
	}

	public int patience() {
		return patience;
	}

	public int threads() {
		return threads;
	}

	public Device device() {
		return device;
	}

	/** The session's device and threads: {@link #threads} for both pools, or one per processor when 0. */
	public SessionOptions sessionOptions() {
		return threads > 0 ? new SessionOptions(device, threads, threads) : SessionOptions.of(device);
	}
}
