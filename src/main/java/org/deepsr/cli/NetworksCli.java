package org.deepsr.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.deepsr.train.NetworkCatalogue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deepsr networks [--scale S]}: the networks {@code deepsr train --network} builds, one line each: {@link NetworkCatalogue#table}, the Markdown table of docs/networks.md. */
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
		for (final String line : NetworkCatalogue.table(scale)) out.println(line);
		return 0;
	}
}
