package org.deepsr.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deepsr.progress.Failures;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code deepsr-spark}: DeepSR's upscaling over Apache Spark executors
 * (docs/cluster.md). The only {@code main} of this module; thin: options,
 * then {@link SparkUpscale}.
 */
@Command(name = "deepsr-spark", mixinStandardHelpOptions = true, subcommands = SparkMain.Upscale.class,
	description = "DeepSR on Apache Spark: deepsr-spark upscale --master URL IN OUT --model M")
public final class SparkMain implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	@Command(name = "upscale", mixinStandardHelpOptions = true, description = "Upscale a folder's files, or a " +
		"volume (OME-Zarr, TIFF or NIfTI stack) into an OME-Zarr, over Spark executors; a rerun resumes")
	static final class Upscale implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Option(names = "--master", description = "Spark master: local[N], spark://HOST:7077, yarn, ... " +
			"(default: spark-submit's, else local[*])")
		String master;

		@Option(names = "--model", required = true, description = "As deepsr upscale --model: a model name, " +
			"a bundle path (shipped to the executors), or nearest|bilinear|bicubic|lanczos3")
		String model;

		@Option(names = "--scale", description = "Scale for classical methods (default 2); with a model, the scale it must have")
		Integer scale;

		@Option(names = "--device", defaultValue = "auto", description = "auto|cpu|gpu (default auto)")
		String device;

		@Option(names = "--tile", defaultValue = "0", description = "Tile size in input pixels (default 0: automatic)")
		int tile;

		@Option(names = "--batch", defaultValue = "0", description = "Most tiles per network call, 0 = automatic")
		int batch;

		@Option(names = "--float32", description = "Write 32-bit float output instead of the input's bit depth")
		boolean float32;

		@Option(names = "--overwrite", description = "Replace existing outputs (not for resuming: rerun without it)")
		boolean overwrite;

		@Option(names = "--pattern", defaultValue = "", description = "File-name glob for folders, e.g. '*.tif'")
		String pattern;

		@Option(names = "--parts", defaultValue = "0", description = "Tasks: a folder's files (default: one task " +
			"per file) or a volume's shares of z chunks (default: the cluster's default parallelism)")
		int parts;

		@Option(names = "--levels", defaultValue = "1", description = "OME-Zarr output: pyramid levels")
		int levels;

		@Option(names = "--zarr-version", defaultValue = "2", description = "OME-Zarr output: 2 (NGFF 0.4) or 3 (NGFF 0.5)")
		int zarrVersion;

		@Option(names = "--compression", defaultValue = "gzip", description = "OME-Zarr output: gzip, zstd, blosc, zlib (v2) or none")
		String compression;

		@Parameters(index = "0", description = "Input folder, OME-Zarr, TIFF or NIfTI stack (on a file system every executor sees)")
		Path in;

		@Parameters(index = "1", description = "Output folder, or OUT.zarr for a volume (shared likewise)")
		Path out;

		@Override
		public Integer call() throws Exception {
			final UpscaleJob job = new UpscaleJob();
			job.in = in.toAbsolutePath().normalize().toString();
			job.out = out.toAbsolutePath().normalize().toString();
			job.model = model;
			job.scale = scale;
			job.device = device;
			job.tile = tile;
			job.batch = batch;
			job.float32 = float32;
			job.overwrite = overwrite;
			job.pattern = pattern;
			job.levels = levels;
			job.zarrVersion = zarrVersion;
			job.compression = compression;
			job.zarr(1, 1); // the options checked here, not in a task
			if (parts < 0) throw new IllegalArgumentException("--parts must be 0 (automatic) or positive, got " + parts);
			final int files = SparkUpscale.check(job);
			final SparkConf conf = new SparkConf().setAppName("deepsr-spark upscale " + in.getFileName());
			if (master != null) conf.setMaster(master);
			else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
			final PrintWriter o = spec.commandLine().getOut();
			final long start = System.nanoTime();
			try (JavaSparkContext sc = new JavaSparkContext(conf)) {
				final Path bundle = Path.of(model);
				if (Files.isRegularFile(bundle)) { // a bundle path: shipped, so executors need not see it
					job.model = bundle.toAbsolutePath().normalize().toString();
					sc.addFile(job.model);
					job.shippedModel = bundle.getFileName().toString();
				}
				final int n = parts > 0 ? parts : files > 0 ? files : Math.max(1, sc.defaultParallelism());
				final List<PartResult> results = SparkUpscale.run(sc, job, n, null);
				int written = 0, skipped = 0, failed = 0;
				for (final PartResult r : results) {
					written += r.written;
					skipped += r.skipped;
					failed += r.failed.size();
					for (final String m : r.messages)
						o.println("part " + r.part + "/" + r.parts + " (" + r.host + "): " + m);
					for (final String f : r.failed)
						spec.commandLine().getErr().println("deepsr-spark: part " + r.part + "/" + r.parts + ": " + f);
				}
				o.println(in + " -> " + out + ": " + n + " parts, " + written + " written, " + skipped + " skipped, " +
					failed + " failed in " + String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - start) / 1e9));
				return failed > 0 ? 1 : 0;
			}
			finally {
				Upscalers.closeAll();
			}
		}
	}

	/** Runs a command line and returns its exit code (0 success, 1 failure, 2 usage error). */
	public static int execute(final PrintWriter out, final PrintWriter err, final String... args) {
		final CommandLine cli = new CommandLine(new SparkMain()).setOut(out).setErr(err);
		cli.setExecutionExceptionHandler((e, line, parsed) -> {
			// A task's failure comes back as Spark's message with the remote stack trace: its first line.
			final String m = e.getMessage();
			err.println("deepsr-spark: " + (e instanceof org.apache.spark.SparkException && m != null ? Failures.oneLine(m
				.split("\n", 2)[0]) : Failures.describe(e)));
			return 1;
		});
		return cli.execute(args);
	}

	public static void main(final String... args) {
		final int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
		System.exit(code);
	}
}
