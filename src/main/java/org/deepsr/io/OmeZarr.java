package org.deepsr.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;

/**
 * The OME-Zarr (NGFF) image metadata DeepSR reads and writes: version 0.4
 * (Zarr v2: {@code .zgroup}, {@code .zattrs}) and 0.5 (Zarr v3: a group's
 * {@code zarr.json}, {@code attributes.ome}); the first {@code multiscales}
 * entry: its axes (a subset of t, c, z, y, x in that order, y and x last) and
 * each level's path with its {@code scale} and {@code translation}
 * transforms. A bare array (no multiscales) gets axes from its
 * {@code dimension_names} or its rank (yx, zyx, czyx, tczyx).
 */
public final class OmeZarr {

	/** UDUNITS names of NGFF and the units ImageJ writes. */
	private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("µm", "micrometer"), Map.entry(
		"um", "micrometer"), Map.entry("micron", "micrometer"), Map.entry("microns", "micrometer"), Map.entry(
			"nm", "nanometer"), Map.entry("mm", "millimeter"), Map.entry("cm", "centimeter"), Map.entry("m",
				"meter"), Map.entry("pm", "picometer"), Map.entry("Å", "angstrom"), Map.entry("s", "second"), Map
					.entry("sec", "second"), Map.entry("ms", "millisecond"), Map.entry("min", "minute"), Map.entry("h",
						"hour"));

	/** The axes in file order, and for each level its path, scale and translation (file order). */
	final List<Axis> axes;
	final List<String> units;
	final List<String> paths;
	final List<double[]> scales, translations;
	final int version;

	private OmeZarr(final List<Axis> axes, final List<String> units, final List<String> paths,
		final List<double[]> scales, final List<double[]> translations, final int version)
	{
		this.axes = axes;
		this.units = units;
		this.paths = paths;
		this.scales = scales;
		this.translations = translations;
		this.version = version;
	}

	/** Whether {@code p} names an OME-Zarr or Zarr folder: ".zarr" or a folder with Zarr metadata. */
	public static boolean isZarr(final Path p) {
		final String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".zarr") || name.endsWith(".ome.zarr")) return true;
		return Files.isDirectory(p) && (Files.exists(p.resolve(".zattrs")) || Files.exists(p.resolve(".zgroup")) ||
			Files.exists(p.resolve(".zarray")) || Files.exists(p.resolve("zarr.json")));
	}

	/** The name without ".ome.zarr" or ".zarr". */
	public static String title(final Path p) {
		final String name = p.toAbsolutePath().normalize().getFileName().toString();
		final String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".ome.zarr")) return name.substring(0, name.length() - 9);
		if (lower.endsWith(".zarr")) return name.substring(0, name.length() - 5);
		return name;
	}

	/** The NGFF unit of an ImageJ unit (null for pixels); an unknown unit is kept as it is. */
	static String ngffUnit(final String unit) {
		if (unit == null || unit.isEmpty() || unit.equals("pixel") || unit.equals("pixels")) return null;
		return UNITS.getOrDefault(unit, unit);
	}

	/** ImageJ's unit for an NGFF unit. */
	static String imagejUnit(final String unit) {
		if (unit == null) return "pixel";
		switch (unit) {
			case "micrometer":
				return "µm";
			case "nanometer":
				return "nm";
			case "millimeter":
				return "mm";
			case "centimeter":
				return "cm";
			case "meter":
				return "m";
			case "second":
				return "sec";
			case "millisecond":
				return "ms";
			default:
				return unit;
		}
	}

	/** Reads the metadata of an OME-Zarr image (or a bare array) in {@code root}. */
	static OmeZarr read(final Path root) throws IOException {
		if (!Files.isDirectory(root)) throw new IOException(root + (Files.exists(root)
			? " is a file: an OME-Zarr is a folder" : " does not exist"));
		final Path v3 = root.resolve("zarr.json"), attrs = root.resolve(".zattrs");
		JsonObject ms = null;
		int version;
		Path file;
		if (Files.isRegularFile(v3)) {
			file = v3;
			version = 3;
			final JsonObject o = ZarrArray.readJson(v3);
			if (o.has("node_type") && "array".equals(o.get("node_type").getAsString())) return bare(root);
			final JsonObject a = o.has("attributes") ? o.getAsJsonObject("attributes") : new JsonObject();
			final JsonObject ome = a.has("ome") ? a.getAsJsonObject("ome") : a;
			ms = multiscales(ome, v3);
		}
		else if (Files.isRegularFile(attrs)) {
			file = attrs;
			version = 2;
			ms = multiscales(ZarrArray.readJson(attrs), attrs);
		}
		else if (Files.isRegularFile(root.resolve(".zarray"))) return bare(root);
		else if (Files.isRegularFile(root.resolve(".zgroup"))) throw new IOException(root +
			": the Zarr group has no .zattrs, so no OME-Zarr image (multiscales)");
		else throw new IOException(root + " is not an OME-Zarr: it has no zarr.json (NGFF 0.5), .zattrs (NGFF 0.4) " +
			"or .zarray");
		if (ms == null) throw new IOException(file + ": no 'multiscales' image metadata");
		try {
			final List<Axis> axes = new ArrayList<>();
			final List<String> units = new ArrayList<>();
			for (final JsonElement e : ms.getAsJsonArray("axes")) {
				final String name = e.isJsonObject() ? e.getAsJsonObject().get("name").getAsString() : e.getAsString();
				axes.add(axis(name, file));
				units.add(e.isJsonObject() && e.getAsJsonObject().has("unit") ? e.getAsJsonObject().get("unit")
					.getAsString() : null);
			}
			checkOrder(axes, file);
			final int n = axes.size();
			final double[] globalScale = ones(n), globalShift = new double[n];
			if (ms.has("coordinateTransformations")) transforms(ms.getAsJsonArray("coordinateTransformations"),
				globalScale, globalShift, file);
			final List<String> paths = new ArrayList<>();
			final List<double[]> scales = new ArrayList<>(), shifts = new ArrayList<>();
			for (final JsonElement e : ms.getAsJsonArray("datasets")) {
				final JsonObject d = e.getAsJsonObject();
				paths.add(d.get("path").getAsString());
				final double[] s = ones(n), t = new double[n];
				if (d.has("coordinateTransformations")) transforms(d.getAsJsonArray("coordinateTransformations"), s, t,
					file);
				for (int i = 0; i < n; i++) {
					t[i] = t[i] * globalScale[i] + globalShift[i];
					s[i] *= globalScale[i];
				}
				scales.add(s);
				shifts.add(t);
			}
			if (paths.isEmpty()) throw ZarrArray.bad(file, "multiscales lists no datasets");
			return new OmeZarr(axes, units, paths, scales, shifts, version);
		}
		catch (final RuntimeException e) {
			throw ZarrArray.bad(file, "malformed multiscales (" + ZarrArray.why(e) + ")");
		}
	}

	private static JsonObject multiscales(final JsonObject attrs, final Path file) throws IOException {
		if (!attrs.has("multiscales")) return null;
		final JsonArray a = attrs.getAsJsonArray("multiscales");
		if (a.size() == 0) throw ZarrArray.bad(file, "multiscales is empty");
		return a.get(0).getAsJsonObject();
	}

	private static OmeZarr bare(final Path root) throws IOException {
		final ZarrArray a = ZarrArray.open(root);
		final int n = a.shape().length;
		final List<Axis> axes = new ArrayList<>();
		if (a.dimensionNames() != null && !a.dimensionNames().contains(null)) for (final String name : a
			.dimensionNames())
			axes.add(axis(name, root.resolve("zarr.json")));
		else {
			if (n < 2 || n > 5) throw new IOException(root + ": a Zarr array of " + n +
				" dimensions is not an image (2 to 5: [t][c][z]yx)");
			final String names = "tczyx".substring(5 - n);
			for (final char c : (n == 4 ? "czyx" : names).toCharArray())
				axes.add(axis(String.valueOf(c), root));
		}
		checkOrder(axes, root);
		final List<String> units = new ArrayList<>();
		for (int i = 0; i < n; i++)
			units.add(null);
		return new OmeZarr(axes, units, List.of(""), List.of(ones(n)), List.of(new double[n]), a.version());
	}

	private static Axis axis(final String name, final Path file) throws IOException {
		switch (name.toLowerCase(Locale.ROOT)) {
			case "x":
				return Axis.X;
			case "y":
				return Axis.Y;
			case "z":
				return Axis.Z;
			case "c":
				return Axis.C;
			case "t":
				return Axis.T;
			default:
				throw ZarrArray.bad(file, "axis '" + name + "' is not one of t, c, z, y, x");
		}
	}

	private static void checkOrder(final List<Axis> axes, final Path file) throws IOException {
		final int n = axes.size();
		if (n < 2 || axes.get(n - 1) != Axis.X || axes.get(n - 2) != Axis.Y) throw ZarrArray.bad(file, "axes " +
			axes + " do not end with y, x");
		for (int i = 1; i < n; i++)
			if (order(axes.get(i)) <= order(axes.get(i - 1))) throw ZarrArray.bad(file, "axes " + axes +
				" are not a subset of t, c, z, y, x in that order");
	}

	private static int order(final Axis a) {
		return "TCZYX".indexOf(a.name());
	}

	private static double[] ones(final int n) {
		final double[] v = new double[n];
		java.util.Arrays.fill(v, 1);
		return v;
	}

	private static void transforms(final JsonArray list, final double[] scale, final double[] shift,
		final Path file) throws IOException
	{
		for (final JsonElement e : list) {
			final JsonObject t = e.getAsJsonObject();
			final String type = t.get("type").getAsString();
			if (type.equals("identity")) continue;
			final String key = type.equals("scale") ? "scale" : type.equals("translation") ? "translation" : null;
			if (key == null) throw ZarrArray.bad(file, "coordinate transformation '" + type + "' is not supported");
			if (!t.has(key)) throw ZarrArray.bad(file, "a " + type + " transformation given by path is not supported");
			final JsonArray v = t.getAsJsonArray(key);
			if (v.size() != scale.length) throw ZarrArray.bad(file, key + " " + v + " does not have one value per axis");
			for (int i = 0; i < scale.length; i++) {
				final double x = v.get(i).getAsDouble();
				if (key.equals("scale")) {
					if (!(x > 0) || Double.isInfinite(x)) throw ZarrArray.bad(file, "scale " + v + " is not positive");
					// a translation before a scale is scaled too
					shift[i] *= x;
					scale[i] *= x;
				}
				else shift[i] += x;
			}
		}
	}

	/** The calibration of axis {@code a} at level {@code level}, or none when the image has no such axis. */
	AxisCalibration calibration(final Axis a, final int level) {
		final int i = axes.indexOf(a);
		if (i < 0 || a == Axis.C) return AxisCalibration.NONE;
		return new AxisCalibration(imagejUnit(units.get(i)), scales.get(level)[i], translations.get(level)[i]);
	}

	/**
	 * The multiscales entry for {@code axes} (file order) with one level per
	 * scale and translation.
	 *
	 * @param version 2 (NGFF 0.4: "version" inside) or 3 (0.5: "version" in "ome")
	 */
	static JsonObject multiscales(final String name, final List<Axis> axes, final List<String> units,
		final List<double[]> scales, final List<double[]> translations, final int version)
	{
		final JsonObject ms = new JsonObject();
		if (version == 2) ms.addProperty("version", "0.4");
		ms.addProperty("name", name);
		final JsonArray ax = new JsonArray();
		for (int i = 0; i < axes.size(); i++) {
			final JsonObject a = new JsonObject();
			final Axis axis = axes.get(i);
			a.addProperty("name", axis.name().toLowerCase(Locale.ROOT));
			a.addProperty("type", axis == Axis.T ? "time" : axis == Axis.C ? "channel" : "space");
			if (units.get(i) != null && axis != Axis.C) a.addProperty("unit", units.get(i));
			ax.add(a);
		}
		ms.add("axes", ax);
		final JsonArray datasets = new JsonArray();
		for (int l = 0; l < scales.size(); l++) {
			final JsonObject d = new JsonObject();
			d.addProperty("path", String.valueOf(l));
			final JsonArray ct = new JsonArray();
			final JsonObject s = new JsonObject();
			s.addProperty("type", "scale");
			s.add("scale", ZarrArray.GSON.toJsonTree(scales.get(l)));
			ct.add(s);
			boolean shifted = false;
			for (final double v : translations.get(l))
				shifted |= v != 0;
			if (shifted) {
				final JsonObject t = new JsonObject();
				t.addProperty("type", "translation");
				t.add("translation", ZarrArray.GSON.toJsonTree(translations.get(l)));
				ct.add(t);
			}
			d.add("coordinateTransformations", ct);
			datasets.add(d);
		}
		ms.add("datasets", datasets);
		if (scales.size() > 1) ms.addProperty("type", "mean");
		return ms;
	}

	/** Writes the group metadata of an image with {@code multiscales} into {@code root}. */
	static void writeGroup(final Path root, final JsonObject multiscales, final int version) throws IOException {
		Files.createDirectories(root);
		final JsonArray list = new JsonArray();
		list.add(multiscales);
		if (version == 2) {
			final JsonObject g = new JsonObject();
			g.addProperty("zarr_format", 2);
			ZarrArray.writeJson(root.resolve(".zgroup"), g);
			final JsonObject a = new JsonObject();
			a.add("multiscales", list);
			ZarrArray.writeJson(root.resolve(".zattrs"), a);
		}
		else {
			final JsonObject g = new JsonObject(), attrs = new JsonObject(), ome = new JsonObject();
			g.addProperty("zarr_format", 3);
			g.addProperty("node_type", "group");
			ome.addProperty("version", "0.5");
			ome.add("multiscales", list);
			attrs.add("ome", ome);
			g.add("attributes", attrs);
			ZarrArray.writeJson(root.resolve("zarr.json"), g);
		}
	}
}
