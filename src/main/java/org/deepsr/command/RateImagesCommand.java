package org.deepsr.command;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.gui.NonBlockingGenericDialog;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deepsr.image.ImageFiles;
import org.deepsr.metrics.mos.Mos;
import org.deepsr.metrics.mos.Rating;
import org.deepsr.metrics.mos.RatingSession;
import org.deepsr.metrics.mos.RatingsCsv;
import org.deepsr.upscale.FolderUpscaler;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins &gt; DeepSR &gt; Rate Images: a blind mean-opinion-score study. With a
 * folder holding one subfolder per method (the same file names in each), it
 * shows every method's output of every image in a shuffled order without
 * naming the method, asks for a score 1 (bad) to 5 (excellent), writes the
 * ratings CSV and lists each method's MOS with its 95% confidence interval in
 * the ResultsTable "DeepSR MOS". With a ratings file it only aggregates that
 * file, showing nothing (the headless path). Macro:
 * {@code run("Rate Images", "ratings=/data/ratings.csv");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Rate Images", headless = true,
	description = "Blind 1-5 rating of several methods' outputs, and MOS with 95% CI")
public class RateImagesCommand extends ContextCommand {

	/** Title of the results window. */
	public static final String TABLE = "DeepSR MOS";

	@Parameter
	private LogService logService;

	@Parameter(label = "Ratings file to aggregate (optional)", required = false, style = FileWidget.OPEN_STYLE,
		description = "An existing rater,image,method,score CSV: only its MOS are computed, nothing is shown")
	private File ratings;

	@Parameter(label = "Outputs folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "One subfolder per method, with the same image file names in each")
	private File folder;

	@Parameter(label = "Rater name", required = false)
	private String rater = "";

	@Parameter(label = "Save ratings to", required = false, style = FileWidget.SAVE_STYLE,
		description = "Ratings CSV to write; default <outputs folder>/ratings-<rater>.csv")
	private File output;

	@Parameter(label = "Random seed (0 = new order)", description = "The same seed shows the same order")
	private long seed = 0;

	@Override
	public void run() {
		try {
			final List<Rating> all;
			if (ratings != null) all = RatingsCsv.read(ratings.toPath());
			else all = rateInteractively();
			if (all.isEmpty()) return;
			ResultsTables.publish(ResultsTables.mos(Mos.aggregate(all)), TABLE);
		}
		catch (final IOException | IllegalArgumentException e) {
			cancel(e.getMessage());
			logService.error("DeepSR: " + e.getMessage());
		}
	}

	private List<Rating> rateInteractively() throws IOException {
		if (folder == null) throw new IllegalArgumentException("give a ratings file to aggregate, or an outputs " +
			"folder with one subfolder per method to rate");
		if (GraphicsEnvironment.isHeadless()) throw new IllegalArgumentException("rating needs a screen; headless, " +
			"give ratings=<csv> to aggregate existing ratings");
		if (rater == null || rater.trim().isEmpty()) throw new IllegalArgumentException("give a rater name");
		final RatingSession<Path> session = new RatingSession<>(rater, outputs(folder.toPath()), seed != 0 ? seed
			: System.nanoTime());
		for (int i = 0; i < session.size(); i++) {
			final ImagePlus imp = ImageFiles.open(session.trial(i).item());
			imp.setTitle("Image " + (i + 1) + " of " + session.size());
			imp.show();
			try {
				// Non-blocking for the rest of ImageJ (the rater may zoom the image), but waits for OK here.
				final GenericDialog gd = new NonBlockingGenericDialog("DeepSR: rate image " + (i + 1) + "/" + session
					.size());
				gd.addChoice("Quality", SCORES, SCORES[2]);
				gd.showDialog();
				if (gd.wasCanceled()) break;
				session.rate(i, gd.getNextChoiceIndex() + 1);
			}
			finally {
				imp.close();
			}
		}
		final List<Rating> list = session.ratings();
		final Path file = output != null ? output.toPath() : folder.toPath().resolve("ratings-" + rater.trim()
			.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv");
		RatingsCsv.write(file, list);
		logService.info("DeepSR: " + list.size() + " of " + session.size() + " ratings written to " + file);
		return list;
	}

	private static final String[] SCORES = { "1 bad", "2 poor", "3 fair", "4 good", "5 excellent" };

	/** image name -> method (subfolder) -> file, for the images every method has. */
	static Map<String, Map<String, Path>> outputs(final Path root) throws IOException {
		final Map<String, Map<String, Path>> byImage = new TreeMap<>();
		final List<Path> methods = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
			dirs.forEach(methods::add);
		}
		if (methods.size() < 1) throw new IOException(root + " has no method subfolders");
		for (final Path m : methods)
			try (DirectoryStream<Path> files = Files.newDirectoryStream(m, FolderUpscaler.DEFAULT_PATTERN)) {
				for (final Path f : files)
					byImage.computeIfAbsent(f.getFileName().toString(), k -> new TreeMap<>()).put(m.getFileName()
						.toString(), f);
			}
		byImage.values().removeIf(v -> v.size() != methods.size());
		if (byImage.isEmpty()) throw new IOException("no image file name is present in every subfolder of " + root);
		return byImage;
	}
}
