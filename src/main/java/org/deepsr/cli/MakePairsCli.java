package org.deepsr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.deepsr.image.StagedFile;
import org.deepsr.train.TrainingPairs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deepsr make-pairs --hr DIR --out DIR --scale S --degradation D}: writes OUT/HR and OUT/X&lt;s&gt;. */
@Command(name = "make-pairs", mixinStandardHelpOptions = true, description = "Write degraded LR images (OUT/X<s>/<base>x<s>.<ext>) and modcropped HR copies (OUT/HR).")
final class MakePairsCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--hr", required = true, description = "Folder of HR images") private Path hr;
	@Option(names = "--out", required = true, description = "Output folder") private Path out;
	@Option(names = "--scale", required = true) private int scale;
	@Option(names = "--degradation", defaultValue = "matlab-bicubic", description = "e.g. matlab-bicubic (default), bin, gaussian-blur:1+decimate+gaussian-noise:0.01; noise as fractions of the data's range (8-bit: 255; 16-bit and float: the image's max - min)") private String degradation;
	@Option(names = "--seed", defaultValue = "1") private long seed;
	@Option(names = "--overwrite", description = "Replace existing files") private boolean overwrite;

	@Override
	public Integer call() throws Exception {
		StagedFile.requireFolder(out, "cannot write into " + out); // before any image is read
		final int n = TrainingPairs.write(hr, out, scale, degradation, seed, overwrite, new ConsoleProgress(spec.commandLine().getErr()));
		spec.commandLine().getOut().println("wrote " + n + " pair(s) into " + out.resolve("HR") + " and " + out.resolve("X" + scale));
		return 0;
	}
}
