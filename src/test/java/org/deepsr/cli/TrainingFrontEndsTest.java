package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deepsr.command.TrainModelCommand;
import org.deepsr.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;
import org.scijava.service.Service;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line, the Fiji command (and so macros) and recipe files are
 * front ends of one record, {@link TrainingOptions}: with nothing given each
 * yields the record's defaults, and every field of the record is set by some
 * option of each. The reference is the record's own field list, read by
 * reflection; each option is probed with a value unlike any default and must
 * change exactly one field. train.ijm passes on every key of the command, and
 * the bundled recipes use only keys of the record.
 */
class TrainingFrontEndsTest {

	@TempDir
	Path tmp;

	@Test
	void withNothingGivenEveryFrontEndHasTheRecordsDefaults() throws Exception {
		final Map<String, Object> defaults = values(new TrainingOptions());
		final TrainCli cli = new TrainCli();
		new CommandLine(cli).parseArgs();
		assertEquals(defaults, values(cli.options()), "deepsr train with no options");
		assertEquals(defaults, values(new TrainModelCommand().options()), "Train Model's parameters");
		assertEquals(defaults, values(TrainingOptions.read(Files.write(tmp.resolve("empty.json"), "{}".getBytes(StandardCharsets.UTF_8)))), "an empty recipe");
	}

	@Test
	void everyOptionIsReachableFromTheCommandLine() throws Exception {
		final Set<String> reached = new TreeSet<>();
		for (final OptionSpec o : new CommandLine(new TrainCli()).getCommandSpec().options()) {
			if (o.usageHelp() || o.versionHelp() || o.longestName().equals("--recipe") || o.longestName().equals("--data")) continue;
			final TrainCli cli = new TrainCli();
			final boolean flag = o.type() == Boolean.class || o.type() == boolean.class;
			final String[] args = flag ? new String[] { o.longestName() } : new String[] { o.longestName(), probe(o.type()).toString() };
			new CommandLine(cli).parseArgs(args);
			reached.add(onlyChange(cli.options(), String.join(" ", args)));
		}
		assertEquals(values(new TrainingOptions()).keySet(), reached, "record fields set by some deepsr train option");
	}

	@Test
	void everyOptionIsReachableFromTheFijiCommandAndItsMacroKeys() throws Exception {
		final Set<String> reached = new TreeSet<>(), macroKeys = new TreeSet<>();
		for (final Field f : TrainModelCommand.class.getDeclaredFields()) {
			final Parameter p = f.getAnnotation(Parameter.class);
			if (p == null || p.type() == ItemIO.OUTPUT || Service.class.isAssignableFrom(f.getType())) continue;
			final TrainModelCommand command = new TrainModelCommand();
			f.setAccessible(true);
			f.set(command, f.getType() == File.class ? new File("x1") : probe(f.getType()));
			reached.add(onlyChange(command.options(), "parameter " + f.getName()));
			macroKeys.add(f.getName().toLowerCase(Locale.ROOT));
		}
		assertEquals(values(new TrainingOptions()).keySet(), reached, "record fields set by some Train Model parameter");
		final String macro = new String(Files.readAllBytes(Paths.get("macros", "train.ijm")), StandardCharsets.UTF_8);
		final Set<String> passed = new TreeSet<>(List.of("hr", "output"));
		final Matcher arrays = Pattern.compile("newArray\\(([^)]*)\\)").matcher(macro);
		while (arrays.find())
			for (final String k : arrays.group(1).split(",")) passed.add(k.trim().replace("\"", ""));
		assertEquals(macroKeys, passed, "keys train.ijm passes on to Train Model");
	}

	@Test
	void everyOptionIsReachableFromARecipeAndTheRecipesUseOnlyThose() throws Exception {
		final Set<String> reached = new TreeSet<>();
		for (final String field : values(new TrainingOptions()).keySet()) {
			final Object v = probe(TrainingOptions.class.getField(field).getType());
			final String json = "{\"" + snake(field) + "\": " + (v instanceof String ? "\"" + v + "\"" : v) + "}";
			reached.add(onlyChange(TrainingOptions.read(Files.write(tmp.resolve(field + ".json"), json.getBytes(StandardCharsets.UTF_8))), json));
		}
		assertEquals(values(new TrainingOptions()).keySet(), reached, "record fields set by a recipe key");
		final Set<String> keys = new TreeSet<>();
		for (final String field : reached) keys.add(snake(field));
		try (DirectoryStream<Path> recipes = Files.newDirectoryStream(Paths.get("models", "recipes"), "*.json")) {
			for (final Path r : recipes)
				for (final String key : JsonParser.parseString(new String(Files.readAllBytes(r), StandardCharsets.UTF_8)).getAsJsonObject().keySet())
					assertTrue(keys.contains(key), r + ": '" + key + "' is no training option");
		}
	}

	/** A value unlike every default of its type (the defaults are 0, 1, 2, 16, 17, 100, 1000, 1e-3, false, null or a word). */
	private static Object probe(final Class<?> type) {
		if (type == String.class) return "x1";
		if (type == int.class || type == Integer.class) return 3;
		if (type == long.class || type == Long.class) return 3L;
		if (type == double.class || type == Double.class) return 0.5;
		if (type == boolean.class || type == Boolean.class) return true;
		throw new AssertionError("no probe for " + type);
	}

	/** The one record field that differs from the defaults. */
	private static String onlyChange(final TrainingOptions o, final String what) throws Exception {
		final Map<String, Object> d = values(new TrainingOptions()), v = values(o);
		final List<String> changed = new ArrayList<>();
		for (final String k : d.keySet()) if (!Objects.equals(d.get(k), v.get(k))) changed.add(k);
		assertEquals(1, changed.size(), what + " changes " + changed);
		return changed.get(0);
	}

	/** The record's options: its public instance fields that are not transient. */
	private static Map<String, Object> values(final TrainingOptions o) throws Exception {
		final Map<String, Object> out = new LinkedHashMap<>();
		for (final Field f : TrainingOptions.class.getFields())
			if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) out.put(f.getName(), f.get(o));
		return out;
	}

	/** lossBorder -> loss_border */
	private static String snake(final String camel) {
		return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
	}
}
