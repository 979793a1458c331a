package org.deepsr.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Menus;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * What Fiji will show: every DeepSR command once, under Plugins &gt; DeepSR
 * (the NIfTI reader and writer under File &gt; Import and File &gt; Export),
 * found through the generated SciJava annotation index, with menu leaves
 * that clash neither with each other nor with ImageJ 1.x's own commands (a
 * macro's run("&lt;leaf&gt;") must reach DeepSR), and macro keys (lower-cased
 * field names) that are unambiguous.
 */
class CommandsTest {

	private static Context context;
	private static List<CommandInfo> commands;

	@BeforeAll
	static void discover() {
		context = new Context(CommandService.class);
		commands = context.service(CommandService.class).getCommands().stream().filter(c -> c.getClassName()
			.startsWith("org.deepsr.")).collect(Collectors.toList());
	}

	@AfterAll
	static void dispose() {
		context.dispose();
	}

	@Test
	void commandsAreIndexedUnderPluginsDeepSR() {
		assertTrue(commands.size() >= 2, "commands found through the annotation index: " + commands);
		// File formats sit where Fiji users look for them (File > Import, File > Export); the rest under Plugins > DeepSR.
		final java.util.Map<String, String> formats = java.util.Map.of(ImportNiftiCommand.class.getName(),
			"Import", ExportNiftiCommand.class.getName(), "Export", ImportOmeZarrCommand.class.getName(), "Import",
			ExportOmeZarrCommand.class.getName(), "Export");
		for (final CommandInfo info : commands) {
			final String format = formats.get(info.getClassName());
			assertEquals(3, info.getMenuPath().size(), info.getClassName());
			assertEquals(format == null ? "Plugins" : "File", info.getMenuPath().get(0).getName(), info.getClassName());
			assertEquals(format == null ? "DeepSR" : format, info.getMenuPath().get(1).getName(), info.getClassName());
			assertTrue(info.canRunHeadless(), info.getClassName() + " must run headless");
		}
	}

	@Test
	void menuLeavesAreUniqueAndDoNotShadowImageJ1Commands() throws java.io.IOException {
		final Set<String> leaves = new HashSet<>();
		for (final CommandInfo info : commands)
			assertTrue(leaves.add(info.getMenuPath().getLeaf().getName()), "duplicate menu entry " + info
				.getMenuPath());
		// ImageJ 1.x's built-in command labels, from its menu definition (IJ_Props.txt: key="Label",class).
		final Set<String> builtIn = new HashSet<>();
		try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(Menus.class
			.getResourceAsStream("/IJ_Props.txt"), java.nio.charset.StandardCharsets.ISO_8859_1)))
		{
			final java.util.regex.Matcher m = java.util.regex.Pattern.compile("=\\s*\"([^\"]+)\"").matcher("");
			for (String line; (line = in.readLine()) != null;)
				if (m.reset(line).find()) builtIn.add(m.group(1));
		}
		assertTrue(builtIn.contains("Benchmark") && builtIn.contains("Gaussian Blur..."), "parsed " + builtIn
			.size() + " ImageJ 1.x commands");
		for (final String leaf : leaves)
			assertFalse(builtIn.contains(leaf), "'" + leaf + "' is an ImageJ 1.x command already");
	}

	@Test
	void macroKeysAreUnambiguous() {
		for (final CommandInfo info : commands) {
			final Set<String> keys = new HashSet<>();
			for (final ModuleItem<?> item : info.inputs())
				assertTrue(keys.add(item.getName().toLowerCase(Locale.ROOT)), info.getClassName() +
					": two parameters share the macro key " + item.getName().toLowerCase(Locale.ROOT));
		}
	}

	/** Train Model's Network choice has the catalogue's table (docs/networks.md) as its help. */
	@Test
	void trainModelHelpsWithTheNetworkTable() throws Exception {
		final String help;
		try (Context full = new Context(CommandService.class, org.scijava.app.StatusService.class, org.scijava.log.LogService.class)) {
			final org.scijava.module.Module module = full.service(CommandService.class).getCommand(TrainModelCommand.class).createModule();
			full.inject(module);
			module.initialize();
			help = module.getInfo().getInput("network").getDescription();
		}
		for (final String line : org.deepsr.train.NetworkCatalogue.table(4))
			assertTrue(help.contains(line.replace("&", "&amp;").replace("<", "&lt;")), line);
	}

	@Test
	void noImageJ1PluginsConfigWouldDuplicateTheMenus() {
		assertNull(getClass().getResource("/plugins.config"), "plugins.config would add a second menu entry");
		assertFalse(commands.isEmpty());
	}
}
