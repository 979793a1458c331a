package org.deepsr.command;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.deepsr.install.TensorFlowClash;
import org.deepsr.model.ImportOptions;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelEntry;
import org.deepsr.model.ModelManager;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins &gt; DeepSR &gt; Models: list, import, export, remove, check,
 * trust and untrust models ("trust" lets a model run ops outside the op
 * allow-list, see docs/models.md). Macro:
 * {@code run("Models", "action=import file=/path/ESPCN_x2.pb");}
 * {@code run("Models", "action=list");} fills the table "DeepSR Models"
 * (headless: the "Results" table, as headless ImageJ has no other tables).
 * The metadata fields matter only for frozen graphs and SavedModels that are
 * neither DeepSR bundles nor OpenCV models.
 */
@Plugin(type = Command.class, menuPath = "Plugins>DeepSR>Models", headless = true,
	description = "List, import, export, remove, check and trust DeepSR models")
public class ModelsCommand extends ContextCommand {

	/** The title of the table that "list" fills. */
	public static final String TABLE = "DeepSR Models";

	@Parameter
	private StatusService statusService;

	@Parameter
	private LogService logService;

	@Parameter(label = "Action", choices = { "list", "import", "export", "remove", "check", "trust",
		"untrust" })
	private String action = "list";

	@Parameter(label = "Model (name or bundle path)", required = false,
		description = "For export, remove, check, trust and untrust")
	private String model = "";

	@Parameter(label = "File", required = false,
		description = "Import: the bundle, bioimage.io package (.zip or folder with rdf.yaml), .pb or SavedModel " +
			"folder; export: the zip to write")
	private File file;

	@Parameter(label = "Export format", choices = { "bundle", "bioimageio" })
	private String format = "bundle";

	@Parameter(label = "Overwrite", description = "Replace an existing model or file")
	private boolean overwrite = false;

	@Parameter(label = "Name (import, optional)", required = false)
	private String name = "";

	@Parameter(label = "Scale (frozen graph / SavedModel)", min = "0", max = "8",
		description = "2..8; 0 when the file says it (bundles, OpenCV models)")
	private int scale = 0;

	@Parameter(label = "Channels", choices = { "y", "grey", "per_channel", "rgb" })
	private String channels = "y";

	@Parameter(label = "Luma (channels y)", choices = { "full", "studio" })
	private String luma = "full";

	@Parameter(label = "Input tensor", required = false)
	private String input = "";

	@Parameter(label = "Output tensor", required = false)
	private String output = "";

	@Parameter(label = "Output layout", choices = { "NHWC", "NCHW" })
	private String layout = "NHWC";

	@Parameter(label = "Halo (input pixels, 0 = measured)", min = "0")
	private int halo = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Result")
	private String result;

	@Override
	public void run() {
		final CommandProgress progress = new CommandProgress(statusService, logService);
		try {
			final ModelManager manager = ModelManager.fromEnvironment();
			switch (action.trim().toLowerCase(Locale.ROOT)) {
				case "list":
					result = list(manager) + " models";
					break;
				case "import":
					TensorFlowClash.requireNone();
					final ModelEntry entry = manager.importModel(required(file, "file").toPath(), new ImportOptions()
						.name(name).scale(scale).channels(channels).ycbcr(luma).tensors(input, output).outputLayout(
							layout).halo(halo).overwrite(overwrite), progress);
					result = "imported " + entry;
					break;
				case "export":
					TensorFlowClash.requireNone();
					manager.export(requiredModel(), required(file, "file").toPath(), ModelManager.Format.parse(format),
						overwrite, progress);
					result = "exported " + model + " to " + file;
					break;
				case "remove":
					manager.remove(requiredModel(), progress);
					result = "removed " + model;
					break;
				case "check":
					TensorFlowClash.requireNone();
					result = model + ": self-test passed on " + manager.check(requiredModel(), progress);
					break;
				case "trust":
				case "untrust":
					final boolean trust = "trust".equals(action.trim().toLowerCase(Locale.ROOT));
					result = (trust ? "trusted " : "no longer trusted ") + model + " (weights sha256 " + manager.trust(
						requiredModel(), trust, progress) + ")";
					break;
				default:
					throw new IllegalArgumentException("action must be list, import, export, remove, check, trust or " +
						"untrust, got '" + action + "'");
			}
			progress.log(result);
		} catch (final IOException | IllegalArgumentException | IllegalStateException e) {
			cancel(e.getMessage());
			logService.error("DeepSR: " + e.getMessage());
		} finally {
			progress.done();
		}
	}

	/** Fills and shows the "DeepSR Models" table ("Results" when headless); returns the number of rows. */
	private int list(final ModelManager manager) {
		final List<ModelEntry> entries = manager.list(new CommandProgress(statusService, logService));
		final ResultsTable table = new ResultsTable();
		for (final ModelEntry e : entries) {
			table.incrementCounter();
			table.addValue("name", e.name());
			table.addValue("scale", e.scale());
			table.addValue("architecture", e.architecture());
			table.addValue("channels", e.channelMode());
			table.addValue("source", e.source().name().toLowerCase(Locale.ROOT));
			table.addValue("path", e.path().toString());
			String provenance = "", score = "";
			try {
				final ModelDescriptor d = manager.describe(e.path().toString());
				provenance = d.provenance == null || d.provenance.source == null ? "" : d.provenance.source;
				score = bestScore(d);
			} catch (final IOException | IllegalArgumentException ex) {
				provenance = "unreadable: " + ex.getMessage();
			}
			table.addValue("provenance", provenance);
			table.addValue("best score", score);
		}
		// Headless ImageJ keeps no named tables (they live in windows), only the system "Results" table.
		if (java.awt.GraphicsEnvironment.isHeadless()) {
			Analyzer.setResultsTable(table);
			table.show("Results");
		} else {
			table.show(TABLE);
		}
		return entries.size();
	}

	private static String bestScore(final ModelDescriptor d) {
		if (d.scores == null) return "";
		return d.scores.stream().filter(s -> s.psnr != null).max((a, b) -> Double.compare(a.psnr, b.psnr)).map(
			s -> String.format(Locale.ROOT, "%s x%d: %.2f dB", s.dataset, s.scale, s.psnr)).orElse("");
	}

	private String requiredModel() {
		if (model == null || model.trim().isEmpty()) throw new IllegalArgumentException("action " + action +
			" needs model=<name or bundle path>");
		return model.trim();
	}

	private File required(final File value, final String key) {
		if (value == null) throw new IllegalArgumentException("action " + action + " needs " + key + "=<path>");
		return value;
	}
}
