package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deepsr.train.TrainingOptions;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of every subcommand is documented in {@code --help}: a
 * description, and the default where it has one; the defaults {@code train}
 * shows are {@link TrainingOptions}' own; usage help renders without
 * picocli's warnings (an unescaped % in a description).
 */
class HelpTest {

	private static List<CommandLine> all(final CommandLine cli) {
		final List<CommandLine> out = new ArrayList<>();
		out.add(cli);
		for (final CommandLine sub : cli.getSubcommands().values())
			out.addAll(all(sub));
		return out;
	}

	private static String description(final ArgSpec a) {
		final String d = String.join(" ", a.description());
		return a.defaultValue() == null ? d : d.replace("${DEFAULT-VALUE}", a.defaultValue());
	}

	private static String name(final CommandLine c, final ArgSpec a) {
		return c.getCommandSpec().qualifiedName() + " " + (a instanceof OptionSpec ? ((OptionSpec) a).longestName()
			: a.paramLabel());
	}

	@Test
	void everyOptionHasADescriptionAndShowsItsDefault() {
		final List<String> bad = new ArrayList<>();
		int options = 0;
		for (final CommandLine c : all(new CommandLine(new Main()))) {
			final CommandSpec spec = c.getCommandSpec();
			final List<ArgSpec> args = new ArrayList<>(spec.options());
			args.addAll(spec.positionalParameters());
			for (final ArgSpec a : args) {
				options++;
				final String d = description(a);
				if (d.isBlank()) {
					bad.add(name(c, a) + ": no description");
					continue;
				}
				final String def = a.defaultValue();
				final boolean flag = a.type() == boolean.class || a.type() == Boolean.class;
				if (def == null || flag && def.equals("false")) continue;
				final String lower = d.toLowerCase(Locale.ROOT);
				if (!lower.contains("default") || !def.isEmpty() && !lower.contains(def.toLowerCase(Locale.ROOT)))
					bad.add(name(c, a) + ": default '" + def + "' not shown in \"" + d + "\"");
			}
		}
		assertEquals(List.of(), bad);
		assertTrue(options > 100, "walked only " + options + " options");
	}

	/** "(default 16)", "(default 1e-3)", "(default 0: ...)" or "espcn (default)". */
	private static final Pattern AFTER = Pattern.compile("\\bdefault ([^):;,]+)");
	private static final Pattern BEFORE = Pattern.compile("(\\S+) \\(default\\)");

	@Test
	void trainShowsTheDefaultsOfTrainingOptions() throws Exception {
		final CommandLine train = new CommandLine(new Main()).getSubcommands().get("train");
		final TrainingOptions defaults = new TrainingOptions();
		final List<String> bad = new ArrayList<>();
		int checked = 0;
		for (final OptionSpec o : train.getCommandSpec().options()) {
			final Field f = field(o.longestName());
			if (f == null) continue;
			final Object value = f.get(defaults);
			if (value == null) continue;
			final String d = description(o);
			final Matcher after = AFTER.matcher(d), before = BEFORE.matcher(d);
			final String shown = after.find() ? after.group(1).trim() : before.find() ? before.group(1) : null;
			if (shown == null) {
				bad.add(o.longestName() + ": no default shown for " + value + " in \"" + d + "\"");
				continue;
			}
			checked++;
			final boolean same;
			if (value instanceof Boolean) same = shown.equals((Boolean) value ? "on" : "off");
			else if (value instanceof Number) same = Double.parseDouble(shown) == ((Number) value).doubleValue();
			else same = shown.equals(value);
			if (!same) bad.add(o.longestName() + ": shows " + shown + ", TrainingOptions has " + value);
		}
		assertEquals(List.of(), bad);
		assertTrue(checked >= 20, "checked only " + checked);
	}

	/** The TrainingOptions field an option stands for (--validate-every: validateEvery), or null. */
	private static Field field(final String option) {
		final StringBuilder b = new StringBuilder();
		boolean up = false;
		for (final char ch : option.replaceFirst("^--", "").toCharArray()) {
			if (ch == '-') up = true;
			else {
				b.append(up ? Character.toUpperCase(ch) : ch);
				up = false;
			}
		}
		try {
			return TrainingOptions.class.getField(b.toString());
		} catch (final NoSuchFieldException e) {
			return null;
		}
	}

	@Test
	void usageHelpRendersWithoutWarnings() {
		final PrintStream err = System.err;
		final ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		final StringWriter help = new StringWriter();
		try {
			for (final CommandLine c : all(new CommandLine(new Main())))
				c.usage(new PrintWriter(help));
		} finally {
			System.setErr(err);
		}
		final String warnings = captured.toString(StandardCharsets.UTF_8);
		assertFalse(warnings.contains("picocli"), warnings);
		assertTrue(help.toString().contains("95% Student-t"), "mos shows its % sign");
	}
}
