package org.deepsr.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deepsr.nets.Discriminator;

/**
 * What a {@link Trainer} optimises: a {@link NetSpec}, the weighted
 * {@link LossTerm}s of the objective, and one or more {@link Optimiser}s, each
 * on variable groups of its own.
 */
public final class TrainingParts {

	private final NetSpec net;
	private final List<LossTerm> losses;
	private final List<Optimiser> optimisers;

	public TrainingParts(final NetSpec net, final List<LossTerm> losses, final List<Optimiser> optimisers) {
		if (losses.isEmpty()) throw new IllegalArgumentException("Training needs at least one loss term.");
		if (optimisers.isEmpty()) throw new IllegalArgumentException("Training needs at least one optimiser.");
		final Set<String> terms = new HashSet<>(), groups = new HashSet<>(), names = new HashSet<>();
		for (final LossTerm t : losses)
			if (!terms.add(t.name())) throw new IllegalArgumentException("Two loss terms are called '" + t.name() + "': give them distinct names.");
		for (final Optimiser o : optimisers) {
			if (!names.add(o.name()) || "best".equals(o.name())) throw new IllegalArgumentException("Optimiser name '" + o.name() + "' is taken: give each optimiser its own name.");
			for (final String g : o.groups())
				if (!groups.add(g)) throw new IllegalArgumentException("Variable group '" + g + "' is updated by two optimisers: give each optimiser its own variables.");
			for (final String t : o.terms())
				if (!terms.contains(t)) throw new IllegalArgumentException("Optimiser '" + o.name() + "' minimises '" + t + "', which is no loss term (" + terms + ").");
		}
		for (final String g : groups)
			if (names.contains(g) || "best".equals(g)) throw new IllegalArgumentException("Variable group '" + g + "' has the name of an optimiser or of the best weights: rename it.");
		this.net = net;
		this.losses = Collections.unmodifiableList(new ArrayList<>(losses));
		this.optimisers = Collections.unmodifiableList(new ArrayList<>(optimisers));
	}

	/**
	 * The parts of the configuration's objective. A lone pixel loss: the
	 * network in group "net", that loss (less the loss border) between
	 * {@link NetSpec#OUTPUT} and {@link NetSpec#TARGET}, and one Adam called
	 * "adam" with its learning rate, schedule and clipping. Weighted terms
	 * ({@link LossSpec}): each term weighted, "adam" minimising them all, and
	 * for an adversarial term the discriminator ({@link Adversarial}) in group
	 * "discriminator" with its own Adam, "discriminator_adam", minimising its
	 * own term at the discriminator's rate (same schedule and clipping).
	 *
	 * @throws IllegalArgumentException when the extractor cannot be read
	 */
	public static TrainingParts standard(final TrainingConfig config) {
		final LossSpec spec = config.losses();
		final Loss pixel = spec.pixelOnly();
		final int border = config.lossBorder() * config.scale();
		final Optimiser adam = Optimiser.adam("adam", config.learningRate(), config.schedule(), NetSpec.NET).clipNorm(config.clipNorm());
		final NetSpec plain = NetSpec.of(config.architecture(), config.netConfig());
		if (pixel != null) return new TrainingParts(plain, List.of(LossTerm.pixel(pixel, NetSpec.OUTPUT, NetSpec.TARGET, border)), List.of(adam));
		final FeatureLoss features = spec.needsExtractor() ? extractor(config.extractor()) : null;
		final List<LossTerm> terms = new ArrayList<>();
		for (final Map.Entry<LossSpec.Kind, Double> e : spec.terms().entrySet()) {
			final LossSpec.Kind k = e.getKey();
			final LossTerm t;
			switch (k) {
				case PERCEPTUAL: case PERCEPTUAL_L2: t = features.perceptual(config.extractorLayers(), k == LossSpec.Kind.PERCEPTUAL_L2); break;
				case TEXTURE: t = features.texture(config.textureLayers()); break;
				case ADVERSARIAL: case RELATIVISTIC: t = Adversarial.generator(k == LossSpec.Kind.RELATIVISTIC); break;
				default: t = LossTerm.pixel(Loss.valueOf(k.name()), NetSpec.OUTPUT, NetSpec.TARGET, border);
			}
			terms.add(t.weighted(e.getValue()));
		}
		final Optimiser generator = adam.minimising(terms.stream().map(LossTerm::name).toArray(String[]::new));
		if (spec.adversarial() == null) return new TrainingParts(plain, terms, List.of(generator));
		final LossTerm judge = Adversarial.discriminator(spec.adversarial() == LossSpec.Kind.RELATIVISTIC);
		terms.add(judge);
		final NetSpec gan = Adversarial.spec(config.architecture(), config.netConfig(), Discriminator.byName(config.discriminator()), config.patchSize() * config.scale(), config.discriminatorWidth());
		return new TrainingParts(gan, terms, List.of(generator,
			Optimiser.adam("discriminator_adam", config.discriminatorRate(), config.schedule(), Adversarial.GROUP).clipNorm(config.clipNorm()).minimising(judge.name())));
	}

	private static FeatureLoss extractor(final Path file) {
		try {
			return FeatureLoss.read(file);
		} catch (final IOException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
	}

	public NetSpec net() {
		return net;
	}

	public List<LossTerm> losses() {
		return losses;
	}

	public List<Optimiser> optimisers() {
		return optimisers;
	}
}
