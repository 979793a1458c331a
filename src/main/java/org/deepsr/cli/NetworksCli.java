package org.deepsr.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.train.NetworkCatalogue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deepsr networks [--scale S]}: the networks {@code deepsr train --network} builds, one line each. */
@Command(name = "networks", mixinStandardHelpOptions = true,
	description = "The networks 'deepsr train --network NAME' builds: name, parameters of the paper's configuration at the scale, scales, channel modes, paper.")
final class NetworksCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--scale", defaultValue = "4", description = "upscaling factor the parameters are counted at (default ${DEFAULT-VALUE})")
	private int scale;

	@Override
	public Integer call() {
		final PrintWriter out = spec.commandLine().getOut();
		out.printf(Locale.ROOT, "%-14s %12s %-4s  %-12s %-14s %s%n", "network", "params x" + scale, "on", "scales", "channels", "paper");
		for (final NetworkCatalogue.Row r : NetworkCatalogue.rows(scale))
			out.printf(Locale.ROOT, "%-14s %12s %-4s  %-12s %-14s %s%n", r.name, r.parameters < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.parameters), r.paperChannels, r.scaleList(),
				modes(r), r.paper);
		return 0;
	}

	private static String modes(final NetworkCatalogue.Row r) {
		final StringBuilder b = new StringBuilder();
		for (final org.deepsr.nets.NetConfig.ChannelMode m : r.modes) b.append(b.length() == 0 ? "" : ",").append(m.name().toLowerCase(Locale.ROOT));
		return b.toString();
	}
}
