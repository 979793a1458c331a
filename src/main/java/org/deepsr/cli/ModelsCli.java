package org.deepsr.cli;

import java.util.concurrent.Callable;

import org.deepsr.model.ModelRegistry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deepsr models}: one model per line: name, scale (x2), architecture, channel mode. */
@Command(name = "models", mixinStandardHelpOptions = true,
	description = "List the bundled and user models: name, scale, architecture, channels, source.")
final class ModelsCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		ModelRegistry.fromEnvironment().list(org.deepsr.progress.Progress.NONE).forEach(e -> spec.commandLine().getOut().println(e.name() + "\tx" + e
			.scale() + "\t" + e.architecture() + "\t" + e.channelMode() + "\t" + e.source().name().toLowerCase(java.util.Locale.ROOT)));
		return 0;
	}
}
