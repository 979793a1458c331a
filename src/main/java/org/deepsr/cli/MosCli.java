package org.deepsr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.deepsr.metrics.mos.MethodScore;
import org.deepsr.metrics.mos.Mos;
import org.deepsr.metrics.mos.RatingsCsv;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code deepsr mos --ratings FILE}: mean opinion score per method with its 95% confidence interval. */
@Command(name = "mos", mixinStandardHelpOptions = true,
	description = "Mean opinion score per method, with 95%% Student-t confidence intervals, from a ratings CSV.")
final class MosCli implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--ratings", required = true, description = "CSV with header rater,image,method,score (1..5)")
	private Path ratings;

	@Override
	public Integer call() throws Exception {
		for (final MethodScore s : Mos.aggregate(RatingsCsv.read(ratings)))
			spec.commandLine().getOut().println(s);
		return 0;
	}
}
