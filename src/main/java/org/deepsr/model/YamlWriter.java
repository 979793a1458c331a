package org.deepsr.model;

import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Writes a JSON tree as block-style YAML: mappings and lists of mappings as
 * blocks, lists of scalars in flow style, every string double-quoted (with
 * JSON-compatible escapes, so no value is read back as a number, boolean or
 * date). Written by hand because SnakeYAML is not on DeepSR's class path and
 * this is all the rdf.yaml needs.
 */
final class YamlWriter {

	private YamlWriter() {}

	/** The document for a JSON object; keys keep their insertion order. */
	static String write(final JsonObject root) {
		final StringBuilder out = new StringBuilder();
		mapping(root, 0, out);
		return out.toString();
	}

	private static void mapping(final JsonObject object, final int indent, final StringBuilder out) {
		for (final Map.Entry<String, JsonElement> e : object.entrySet()) {
			pad(indent, out).append(key(e.getKey())).append(':');
			value(e.getValue(), indent, out);
		}
	}

	/** Writes after "key:" - inline for scalars and scalar lists, else on the following lines. */
	private static void value(final JsonElement value, final int indent, final StringBuilder out) {
		if (value.isJsonObject()) {
			if (value.getAsJsonObject().size() == 0) out.append(" {}\n");
			else {
				out.append('\n');
				mapping(value.getAsJsonObject(), indent + 2, out);
			}
		} else if (value.isJsonArray() && !isScalarList(value.getAsJsonArray())) {
			out.append('\n');
			for (final JsonElement item : value.getAsJsonArray()) {
				pad(indent + 2, out).append('-');
				if (item.isJsonObject()) {
					// The first key goes on the dash's line, the others align under it.
					final String block = write(item.getAsJsonObject());
					out.append(' ').append(block.replace("\n", "\n" + " ".repeat(indent + 4)).stripTrailing()).append(
						'\n');
				} else {
					value(item, indent + 2, out);
				}
			}
		} else {
			out.append(' ').append(inline(value)).append('\n');
		}
	}

	private static boolean isScalarList(final JsonArray array) {
		for (final JsonElement item : array) if (!item.isJsonPrimitive() && !item.isJsonNull()) return false;
		return true;
	}

	private static String inline(final JsonElement value) {
		if (value.isJsonNull()) return "null";
		if (value.isJsonArray()) {
			final StringBuilder list = new StringBuilder("[");
			for (final JsonElement item : value.getAsJsonArray()) {
				if (list.length() > 1) list.append(", ");
				list.append(inline(item));
			}
			return list.append(']').toString();
		}
		final JsonPrimitive p = value.getAsJsonPrimitive();
		if (p.isString()) return quote(p.getAsString());
		if (p.isNumber()) {
			final double d = p.getAsDouble();
			if (Double.isNaN(d)) return ".nan";
			if (Double.isInfinite(d)) return d > 0 ? ".inf" : "-.inf";
		}
		return p.toString();
	}

	private static String key(final String key) {
		return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? key : quote(key);
	}

	/** A double-quoted YAML string; escapes are the JSON subset YAML 1.1 and 1.2 both read. */
	static String quote(final String text) {
		final StringBuilder q = new StringBuilder("\"");
		for (final char c : text.toCharArray()) {
			if (c == '"' || c == '\\') q.append('\\').append(c);
			else if (c == '\n') q.append("\\n");
			else if (c == '\t') q.append("\\t");
			else if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) q.append(String
				.format("\\u%04x", (int) c));
			else q.append(c);
		}
		return q.append('"').toString();
	}

	private static StringBuilder pad(final int indent, final StringBuilder out) {
		return out.append(" ".repeat(indent));
	}
}
