package org.deepsr.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
	 * The configuration's network in group "net", its pixel loss (less the loss
	 * border) between {@link NetSpec#OUTPUT} and {@link NetSpec#TARGET}, and
	 * one Adam called "adam" with its learning rate, schedule and clipping.
	 */
	public static TrainingParts standard(final TrainingConfig config) {
		return new TrainingParts(NetSpec.of(config.architecture(), config.netConfig()),
			List.of(LossTerm.pixel(config.loss(), NetSpec.OUTPUT, NetSpec.TARGET, config.lossBorder() * config.scale())),
			List.of(Optimiser.adam("adam", config.learningRate(), config.schedule(), NetSpec.NET).clipNorm(config.clipNorm())));
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
