package org.deepsr.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deepsr.model.ImportOptions;
import org.deepsr.model.ModelEntry;
import org.deepsr.model.ModelManager;
import org.deepsr.progress.Progress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr models}: one model per line (name, x scale, architecture,
 * channel mode, source); subcommands import, export, remove, check and trust.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
	description = "List the bundled and user models: name, scale, architecture, channels, source.",
	subcommands = { ModelsCli.Import.class, ModelsCli.Export.class, ModelsCli.Remove.class,
		ModelsCli.Check.class, ModelsCli.Trust.class })
final class ModelsCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		ModelManager.fromEnvironment().list(new ConsoleProgress(spec.commandLine().getErr())).forEach(e -> spec
			.commandLine().getOut().println(line(e)));
		return 0;
	}

	static String line(final ModelEntry e) {
		return e.name() + "\tx" + e.scale() + "\t" + e.architecture() + "\t" + e.channelMode() + "\t" + e.source().name().toLowerCase(Locale.ROOT);
	}

	@Command(name = "import", mixinStandardHelpOptions = true,
		description = "Import a DeepSR bundle (.zip or folder), a bioimage.io model package (.zip or folder with " +
			"rdf.yaml, TensorFlow SavedModel weights), an OpenCV dnn_superres .pb, a frozen graph (.pb) or a " +
			"SavedModel folder into the user models, then run its self-test.")
	static final class Import implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", description = "The file or folder to import")
		private Path file;

		@Option(names = "--name", description = "Model name (default: the bundle's or file's name)")
		private String name;

		@Option(names = "--scale", defaultValue = "0", description = "Scale 2..8, needed for frozen graphs and SavedModels (default ${DEFAULT-VALUE}: not given)")
		private int scale;

		@Option(names = "--channels", defaultValue = "y", description = "y|grey|per_channel|rgb (default y)")
		private String channels;

		@Option(names = "--ycbcr", defaultValue = "full", description = "Luma of channel mode y: full|studio (default ${DEFAULT-VALUE})")
		private String ycbcr;

		@Option(names = "--input", description = "Input tensor name (frozen graphs)")
		private String input;

		@Option(names = "--output", description = "Output tensor name (frozen graphs)")
		private String output;

		@Option(names = "--layout", defaultValue = "NHWC", description = "Output layout NHWC|NCHW (default NHWC)")
		private String layout;

		@Option(names = "--halo", defaultValue = "0", description = "Least halo in input pixels (default ${DEFAULT-VALUE}: measured)")
		private int halo;

		@Option(names = "--overwrite", description = "Replace a user model of the same name")
		private boolean overwrite;

		@Override
		public Integer call() throws Exception {
			final ImportOptions options = new ImportOptions().name(name).scale(scale).channels(channels).ycbcr(ycbcr)
				.tensors(input, output).outputLayout(layout).halo(halo).overwrite(overwrite);
			final ModelEntry entry = ModelManager.fromEnvironment().importModel(file, options, new ConsoleProgress(spec
				.commandLine().getErr()));
			spec.commandLine().getOut().println("imported " + line(entry) + "\t" + entry.path());
			return 0;
		}
	}

	@Command(name = "export", mixinStandardHelpOptions = true,
		description = "Write a model as a DeepSR bundle zip or a bioimage.io model package zip.")
	static final class Export implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", description = "Model name or bundle path")
		private String model;

		@Parameters(index = "1", description = "The zip file to write")
		private Path out;

		@Option(names = "--format", defaultValue = "bundle", description = "bundle|bioimageio (default bundle)")
		private String format;

		@Option(names = "--overwrite", description = "Replace an existing file")
		private boolean overwrite;

		@Override
		public Integer call() throws Exception {
			final ModelManager.Format f = ModelManager.Format.parse(format);
			ModelManager.fromEnvironment().export(model, out, f, overwrite, new ConsoleProgress(spec.commandLine()
				.getErr()));
			spec.commandLine().getOut().println("exported " + model + " to " + out + " (" + f.name().toLowerCase(
				java.util.Locale.ROOT) + ")");
			return 0;
		}
	}

	@Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a user model.")
	static final class Remove implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", description = "Model name")
		private String model;

		@Override
		public Integer call() throws Exception {
			ModelManager.fromEnvironment().remove(model, Progress.NONE);
			spec.commandLine().getOut().println("removed " + model);
			return 0;
		}
	}

	@Command(name = "check", mixinStandardHelpOptions = true,
		description = "Verify a model's weights and run its self-test.")
	static final class Check implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", description = "Model name or bundle path")
		private String model;

		@Override
		public Integer call() throws Exception {
			final String device = ModelManager.fromEnvironment().check(model, Progress.NONE);
			spec.commandLine().getOut().println(model + ": self-test passed on " + device);
			return 0;
		}
	}

	@Command(name = "trust", mixinStandardHelpOptions = true,
		description = "Let a model run TensorFlow ops outside DeepSR's allow-list, which may read or write files: " +
			"only for a model whose source you trust. Recorded by the SHA-256 of its weights in the user model " +
			"folder, so it ends when the weights change.")
	static final class Trust implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Parameters(index = "0", description = "Model name, bundle, frozen graph (.pb) or SavedModel folder")
		private String model;

		@Option(names = "--revoke", description = "Withdraw the trust instead")
		private boolean revoke;

		@Override
		public Integer call() throws Exception {
			final String sha256 = ModelManager.fromEnvironment().trust(model, !revoke, new ConsoleProgress(spec
				.commandLine().getErr()));
			spec.commandLine().getOut().println((revoke ? "no longer trusted " : "trusted ") + model + "\t" + sha256);
			return 0;
		}
	}
}
