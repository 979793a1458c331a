package org.deepsr.site;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The versions a current Fiji ships, and the rule that DeepSR's site ships
 * the same ones.
 * <p>
 * Fiji's jars are the versions pom-scijava manages (its
 * {@code dependencyManagement}, properties resolved). Every jar the site
 * publishes is identified by its Maven coordinates (the
 * {@code META-INF/maven/<group>/<artifact>/pom.properties} inside it); where
 * pom-scijava manages that artifact, its version must be Fiji's, or the
 * artifact must be listed in {@link #REPLACEMENTS} with the reason DeepSR
 * needs another version. An unlisted mismatch fails the site build
 * ({@link #check}): the updater knows a file by its name without version, so
 * a different version would replace Fiji's own copy for every plugin.
 */
public final class FijiVersions {

	/**
	 * Artifact id to why DeepSR must ship another version than Fiji's (the file
	 * it replaces is named in the site's description of it and in
	 * docs/install.md). Empty: TensorFlow Java 1.1.0 runs on Fiji's
	 * protobuf-java and javacpp (site test {@code FijiClassPathTest}).
	 */
	public static final Map<String, String> REPLACEMENTS = Map.of();

	/** Maven coordinates of a jar. */
	public static final class Coordinates {

		public final String groupId, artifactId, version;

		Coordinates(final String groupId, final String artifactId, final String version) {
			this.groupId = groupId;
			this.artifactId = artifactId;
			this.version = version;
		}

		public String key() {
			return groupId + ":" + artifactId;
		}

		@Override
		public String toString() {
			return groupId + ":" + artifactId + ":" + version;
		}
	}

	private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)\\}");

	private FijiVersions() {}

	/**
	 * @param pomScijava pom-scijava's POM (e.g. from the local Maven repository)
	 * @return {@code groupId:artifactId} to Fiji's version, for every managed
	 *         dependency whose version resolves within the POM
	 */
	public static Map<String, String> managed(final Path pomScijava) throws IOException {
		final Document pom;
		try {
			final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			pom = factory.newDocumentBuilder().parse(pomScijava.toFile());
		}
		catch (final IOException e) {
			throw e;
		}
		catch (final Exception e) {
			throw new IOException("Cannot read " + pomScijava + ": " + e.getMessage(), e);
		}
		final Element project = pom.getDocumentElement();
		final Map<String, String> properties = new LinkedHashMap<>();
		final Element props = child(project, "properties");
		if (props != null) for (final Element e : children(props)) properties.put(e.getTagName(), e.getTextContent()
			.trim());
		final Element version = child(project, "version");
		if (version != null) properties.put("project.version", version.getTextContent().trim());
		final Map<String, String> managed = new LinkedHashMap<>();
		final Element management = child(project, "dependencyManagement");
		final Element dependencies = management == null ? null : child(management, "dependencies");
		if (dependencies == null) throw new IOException("No dependencyManagement in " + pomScijava);
		for (final Element dependency : children(dependencies)) {
			final String g = resolve(text(dependency, "groupId"), properties);
			final String a = resolve(text(dependency, "artifactId"), properties);
			final String v = resolve(text(dependency, "version"), properties);
			if (g == null || a == null || v == null) continue;
			managed.putIfAbsent(g + ":" + a, v);
		}
		return managed;
	}

	/**
	 * @return the jar's Maven coordinates from its {@code pom.properties}, or
	 *         null when it holds none (or several)
	 */
	public static Coordinates coordinates(final Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			Coordinates found = null;
			for (final Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
				final ZipEntry entry = e.nextElement();
				final String name = entry.getName();
				if (!name.startsWith("META-INF/maven/") || !name.endsWith("/pom.properties")) continue;
				final Properties p = new Properties();
				try (InputStream in = zip.getInputStream(entry)) {
					p.load(in);
				}
				final Coordinates c = new Coordinates(p.getProperty("groupId"), p.getProperty("artifactId"), p
					.getProperty("version"));
				if (c.groupId == null || c.artifactId == null || c.version == null) continue;
				if (found != null && !found.key().equals(c.key())) return null;
				found = c;
			}
			return found;
		}
	}

	/**
	 * @param jars the jars the site publishes
	 * @param managed {@link #managed}
	 * @param replacements {@link #REPLACEMENTS} or a test's own
	 * @return one line per jar whose version differs from Fiji's and is not
	 *         listed, naming both versions; empty when all agree
	 */
	public static List<String> mismatches(final List<Path> jars, final Map<String, String> managed,
		final Map<String, String> replacements) throws IOException
	{
		final List<String> problems = new ArrayList<>();
		for (final Path jar : jars) {
			final Coordinates c = coordinates(jar);
			if (c == null) continue; // not a Maven artifact (DeepSR's own files): nothing in Fiji to agree with
			final String fiji = managed.get(c.key());
			if (fiji == null || fiji.equals(c.version) || replacements.containsKey(c.artifactId)) continue;
			problems.add(jar.getFileName() + " is " + c + " but Fiji ships " + c.artifactId + "-" + fiji +
				".jar (pom-scijava); use Fiji's version, or list " + c.artifactId +
				" in FijiVersions.REPLACEMENTS with the reason and document it in docs/install.md");
		}
		return problems;
	}

	/**
	 * @return the replacement note for a published jar ("replaces Fiji's
	 *         jars/x-1.jar: reason"), or null when it is not a replacement
	 */
	public static String replacementNote(final Path jar, final Map<String, String> managed,
		final Map<String, String> replacements) throws IOException
	{
		final Coordinates c = coordinates(jar);
		if (c == null || !replacements.containsKey(c.artifactId)) return null;
		final String fiji = managed.get(c.key());
		if (fiji == null || fiji.equals(c.version)) return null;
		return "replaces Fiji's jars/" + c.artifactId + "-" + fiji + ".jar: " + replacements.get(c.artifactId);
	}

	/** @throws IllegalArgumentException listing every unlisted mismatch */
	public static void check(final List<Path> jars, final Map<String, String> managed,
		final Map<String, String> replacements)
		throws IOException
	{
		final List<String> problems = mismatches(jars, managed, replacements);
		if (!problems.isEmpty()) throw new IllegalArgumentException("Not Fiji's version:\n  " + String.join("\n  ",
			problems));
	}

	private static String resolve(final String value, final Map<String, String> properties) {
		if (value == null) return null;
		String v = value;
		for (int depth = 0; depth < 10 && v.contains("${"); depth++) {
			final Matcher m = PROPERTY.matcher(v);
			final StringBuilder out = new StringBuilder();
			while (m.find()) {
				final String p = properties.get(m.group(1));
				if (p == null) return null;
				m.appendReplacement(out, Matcher.quoteReplacement(p));
			}
			m.appendTail(out);
			v = out.toString();
		}
		return v.contains("${") ? null : v;
	}

	private static String text(final Element parent, final String name) {
		final Element e = child(parent, name);
		return e == null ? null : e.getTextContent().trim();
	}

	private static Element child(final Element parent, final String name) {
		for (final Element e : children(parent))
			if (e.getTagName().equals(name)) return e;
		return null;
	}

	private static List<Element> children(final Element parent) {
		final List<Element> list = new ArrayList<>();
		final NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++)
			if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) list.add((Element) nodes.item(i));
		return list;
	}
}
