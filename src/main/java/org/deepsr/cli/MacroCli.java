package org.deepsr.cli;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.imagej.patcher.LegacyInjector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code deepsr macro FILE.ijm "ARGS"}: an ImageJ 1.x macro run headless, as
 * {@code fiji --headless -macro FILE ARGS} runs it, with DeepSR's commands
 * under their menu names ({@code run("Upscale", "model=... scale=2")}).
 * ImageJ 1.x is patched for headless use by ij1-patcher before any of its
 * classes loads, which is why the session ({@code command.MacroSession}) is
 * reached by name only then. Exit code 0 when the macro ran to its end, 1
 * when it aborted.
 */
@Command(name = "macro", mixinStandardHelpOptions = true,
	description = "Run an ImageJ 1.x macro file headless, as Fiji's --headless -macro does, with DeepSR's " +
		"commands (Upscale, Upscale Folder, ...) available to run().")
final class MacroCli implements Callable<Integer> {

	@Parameters(index = "0", description = "Macro file (.ijm)")
	private Path file;

	@Parameters(index = "1", arity = "0..1", defaultValue = "",
		description = "The macro's argument string, getArgument() (default: empty)")
	private String argument;

	@Override
	public Integer call() throws Exception {
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) throw new IllegalArgumentException(
			"cannot read the macro " + file + (Files.exists(file) ? "" : ": no such file"));
		try {
			LegacyInjector.preinit();
		} catch (final RuntimeException | LinkageError e) {
			throw new IllegalStateException("cannot patch ImageJ 1.x for headless use (" + e +
				"); on Java 17 start Java with --add-opens=java.base/java.lang=ALL-UNNAMED", e);
		}
		try {
			return (Integer) Class.forName("org.deepsr.command.MacroSession").getMethod("run", String.class,
				String.class).invoke(null, file.toString(), argument);
		} catch (final InvocationTargetException e) {
			throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
		}
	}
}
