package org.deepsr.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.deepsr.nets.Architecture;
import org.deepsr.nets.NetConfig;
import org.deepsr.nets.NetRegistry;
import org.tensorflow.EagerSession;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The registered networks, one row each: what {@code deepsr networks} and
 * docs/networks.md show. Parameter counts are those of the paper's
 * configuration (the architecture's defaults, on the paper's channels) at a
 * scale: weights, biases, PReLU slopes and batch-norm parameters and
 * statistics, as the papers' code counts them. A multi-scale model (MDSR,
 * CARN) is counted for the one scale's graph.
 */
public final class NetworkCatalogue {

	/** One network: {@code parameters} is -1 when it does not build the scale asked for. */
	public static final class Row {
		public final String name;
		public final long parameters;
		public final Set<Integer> scales;
		public final Set<NetConfig.ChannelMode> modes;
		public final NetConfig.ChannelMode paperChannels;
		public final String paper;

		Row(final Architecture a, final long parameters) {
			this.name = a.name();
			this.parameters = parameters;
			this.scales = a.scales();
			this.modes = a.inputModes();
			this.paperChannels = a.paperChannels();
			this.paper = a.paper();
		}

		/** The scales as "x2 x3 x4", runs of four or more as "x1-x16". */
		public String scaleList() {
			final List<Integer> s = new ArrayList<>(scales);
			if (s.size() >= 4 && s.get(s.size() - 1) - s.get(0) == s.size() - 1) return "x" + s.get(0) + "-x" + s.get(s.size() - 1);
			return s.stream().map(v -> "x" + v).collect(Collectors.joining(" "));
		}
	}

	private NetworkCatalogue() {}

	/** Every registered network at {@code scale}, by name. */
	public static List<Row> rows(final int scale) {
		if (scale < 1 || scale > 16) throw new IllegalArgumentException("Scale must be between 1 and 16, got " + scale + ".");
		final List<Row> rows = new ArrayList<>();
		for (final String name : NetRegistry.names()) {
			final Architecture a = NetRegistry.get(name);
			rows.add(new Row(a, a.scales().contains(scale) ? parameters(a, NetConfig.of(scale, a.paperChannels(), a.paperChannels())) : -1));
		}
		return rows;
	}

	/**
	 * The catalogue as a Markdown table, one row per network: name, parameter
	 * count at {@code scale} ("-" where it does not build that scale), the
	 * paper's channels, scales, channel modes, paper. {@code deepsr networks},
	 * the Train Model command's help and docs/networks.md show these lines.
	 */
	public static List<String> table(final int scale) {
		final List<String> lines = new ArrayList<>();
		lines.add("| network | params x" + scale + " | on | scales | channels | paper |");
		lines.add("|---|---:|---|---|---|---|");
		for (final Row r : rows(scale))
			lines.add("| `" + r.name + "` | " + (r.parameters < 0 ? "-" : String.format(java.util.Locale.ROOT, "%,d", r.parameters)) + " | " + r.paperChannels + " | " + r.scaleList() + " | "
				+ r.modes.stream().map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", ")) + " | " + r.paper + " |");
		return lines;
	}

	/**
	 * The values of every parameter the network asks for. Built eagerly on
	 * zeros for a 4x4 input: in a Graph each new name scope scans every op
	 * before it (TensorFlow Java's NameScope), so RCAN's 200 blocks would take
	 * tens of seconds; an eager session has no such scan and the
	 * convolutions of a 4x4 input cost nothing.
	 */
	public static long parameters(final Architecture a, final NetConfig config) {
		final long[] count = { 0 };
		try (EagerSession eager = EagerSession.create()) {
			final Ops tf = Ops.create(eager);
			a.build(tf, tf.zeros(tf.constant(new long[] { 1, 4, 4, config.channels() }), TFloat32.class), config, (scope, name, shape, init) -> {
				long n = 1;
				for (final long d : shape) n *= d;
				count[0] += n;
				return scope.zeros(scope.constant(shape), TFloat32.class);
			});
		}
		return count[0];
	}
}
