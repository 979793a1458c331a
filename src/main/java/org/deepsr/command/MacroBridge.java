package org.deepsr.command;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.plugin.PlugIn;

import java.io.File;
import java.util.Hashtable;
import java.util.concurrent.ExecutionException;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

/**
 * Runs DeepSR's SciJava commands from ImageJ 1.x macros where imagej-legacy is
 * absent (plain ImageJ 1.x, the tests). It follows imagej-legacy's
 * conventions, so a macro behaves the same in Fiji: the menu leaf is the
 * command ({@code run("Upscale", ...)}), option keys are the lower-cased
 * {@code @Parameter} field names, a boolean is true when its key is present,
 * and an {@link ImagePlus} input is the current image unless its key names an
 * image title. Inputs absent from the options keep the command's defaults,
 * never values remembered from an earlier run, so batches are repeatable.
 * <p>
 * In Fiji, imagej-legacy registers the commands itself and nothing installs
 * this bridge, so the menus show no duplicate entries.
 */
public final class MacroBridge implements PlugIn {

	private static final String PACKAGE = "org.deepsr.command.";
	private static Context context;

	/**
	 * Registers every DeepSR command under its menu leaf in ImageJ 1.x's command
	 * table, unless a command of that name exists already.
	 *
	 * @return the number of commands registered
	 */
	public static synchronized int install(final Context ctx) {
		context = ctx;
		@SuppressWarnings("unchecked")
		Hashtable<String, String> table = Menus.getCommands();
		if (table == null) {
			// Headless ImageJ 1.x builds its command table on the first IJ.run; build it now.
			initImageJ1();
			table = Menus.getCommands();
		}
		int count = 0;
		for (final CommandInfo info : ctx.service(CommandService.class).getCommands()) {
			if (!info.getClassName().startsWith(PACKAGE) || info.getMenuPath() == null ||
				info.getMenuPath().isEmpty()) continue;
			final String leaf = info.getMenuPath().getLeaf().getName();
			if (table.containsKey(leaf)) continue;
			table.put(leaf, MacroBridge.class.getName() + "(\"" + info.getClassName() + "\")");
			count++;
		}
		return count;
	}

	private static void initImageJ1() {
		try {
			final java.lang.reflect.Method init = IJ.class.getDeclaredMethod("init");
			init.setAccessible(true);
			init.invoke(null);
		}
		catch (final ReflectiveOperationException e) {
			throw new IllegalStateException("cannot initialise ImageJ 1.x's command table", e);
		}
	}

	@Override
	public void run(final String className) {
		final Context ctx = context;
		if (ctx == null) {
			IJ.error("DeepSR", "DeepSR's macro bridge was not installed.");
			return;
		}
		try {
			final Module module = createModule(ctx, className, Macro.getOptions());
			ctx.service(ModuleService.class).run(module, true).get();
			if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
				fail(((Cancelable) module).getCancelReason());
				return;
			}
			showImageOutputs(module);
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause() == null ? e : e.getCause();
			fail(cause.getMessage() == null ? cause.toString() : cause.getMessage());
		}
		catch (final IllegalArgumentException e) {
			fail(e.getMessage());
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			fail("interrupted");
		}
	}

	/** Builds the module with every input resolved from the macro options or the command's default. */
	static Module createModule(final Context ctx, final String className, final String options) {
		final CommandInfo info = ctx.service(CommandService.class).getCommand(className);
		if (info == null) throw new IllegalArgumentException("unknown DeepSR command " + className);
		final Module module = ctx.service(ModuleService.class).createModule(info);
		final String opts = options == null ? "" : options;
		for (final ModuleItem<?> item : info.inputs()) {
			final Class<?> type = item.getType();
			if (Context.class.isAssignableFrom(type) || isService(type)) continue;
			final String key = item.getName().toLowerCase();
			final Object value = inputValue(type, key, opts);
			if (value != null) module.setInput(item.getName(), value);
			module.resolveInput(item.getName());
		}
		// Images are shown by showImageOutputs, not by SciJava's display postprocessor, which has no display
		// for an ImagePlus here and would warn "Ignoring unsupported output" at every run.
		for (final ModuleItem<?> item : info.outputs())
			if (ImagePlus.class.isAssignableFrom(item.getType())) module.resolveOutput(item.getName());
		return module;
	}

	private static boolean isService(final Class<?> type) {
		return org.scijava.service.Service.class.isAssignableFrom(type);
	}

	/** The macro's value for one input, or null to keep the command's default. */
	private static Object inputValue(final Class<?> type, final String key, final String options) {
		if (type == boolean.class || type == Boolean.class) return hasKey(key, options);
		if (type == ImagePlus.class) {
			final String title = Macro.getValue(options, key, null);
			final ImagePlus imp = title == null ? WindowManager.getCurrentImage() : WindowManager.getImage(title);
			if (imp == null) throw new IllegalArgumentException(title == null
				? "no image is open: open an image first" : "no image titled '" + title + "' is open");
			return imp;
		}
		final String text = Macro.getValue(options, key, null);
		if (text == null) return null;
		try {
			if (type == int.class || type == Integer.class) return Integer.valueOf(text.trim());
			if (type == long.class || type == Long.class) return Long.valueOf(text.trim());
			if (type == double.class || type == Double.class) return Double.valueOf(text.trim());
			if (type == float.class || type == Float.class) return Float.valueOf(text.trim());
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(key + "=" + text + " is not a number");
		}
		if (type == File.class) return new File(text);
		if (type == String.class) return text;
		throw new IllegalArgumentException("macro option " + key + " of type " + type.getSimpleName() +
			" is not supported");
	}

	/** A checkbox is set when its key stands alone (or is given as key=true), as in ImageJ 1.x. */
	static boolean hasKey(final String key, final String options) {
		final String value = Macro.getValue(options, key, null);
		if (value != null) return Boolean.parseBoolean(value.trim());
		return (" " + options + " ").contains(" " + key + " ");
	}

	/**
	 * Shows image outputs and makes them current, as imagej-legacy does in a GUI
	 * session. Headless, imagej-legacy does neither (its issue 215), and nor
	 * does this bridge, so that tests see what a headless Fiji does; the
	 * commands handle that case themselves.
	 */
	private static void showImageOutputs(final Module module) {
		if (java.awt.GraphicsEnvironment.isHeadless()) return;
		for (final ModuleItem<?> item : module.getInfo().outputs()) {
			final Object value = module.getOutput(item.getName());
			if (!(value instanceof ImagePlus)) continue;
			final ImagePlus imp = (ImagePlus) value;
			if (WindowManager.getImage(imp.getID()) == null) imp.show();
			WindowManager.setTempCurrentImage(imp);
		}
	}

	private static void fail(final String message) {
		IJ.error("DeepSR", message);
		Macro.abort();
	}
}
