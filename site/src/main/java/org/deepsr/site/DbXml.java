package org.deepsr.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes {@code db.xml.gz} in the format imagej-updater's
 * {@code XMLFileWriter} writes for an update site (the remote flavour: no
 * {@code update-site} elements, no {@code update-site} attribute on plugins).
 * The internal DTD below is the updater's; elements appear in its order:
 * {@code plugin (platform*, category*, version?, previous-version*)} and
 * {@code version (description?, dependency*, link*, author*)}.
 */
public final class DbXml {

	/** File name of the database inside a site folder. */
	public static final String FILE_NAME = "db.xml.gz";

	/** The DTD imagej-updater embeds in every db.xml(.gz). */
	static final String DTD = "<!DOCTYPE pluginRecords [\n" +
		"<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>\n" +
		"<!ELEMENT update-site EMPTY>\n" +
		"<!ELEMENT disabled-update-site EMPTY>\n" +
		"<!ELEMENT plugin (platform*, category*, version?, previous-version*)>\n" +
		"<!ELEMENT version (description?, dependency*, link*, author*)>\n" +
		"<!ELEMENT previous-version EMPTY>\n" +
		"<!ELEMENT description (#PCDATA)>\n" +
		"<!ELEMENT dependency EMPTY>\n" +
		"<!ELEMENT link (#PCDATA)>\n" +
		"<!ELEMENT author (#PCDATA)>\n" +
		"<!ELEMENT platform (#PCDATA)>\n" +
		"<!ELEMENT category (#PCDATA)>\n" +
		"<!ATTLIST update-site name CDATA #REQUIRED>\n" +
		"<!ATTLIST update-site url CDATA #REQUIRED>\n" +
		"<!ATTLIST update-site ssh-host CDATA #IMPLIED>\n" +
		"<!ATTLIST update-site upload-directory CDATA #IMPLIED>\n" +
		"<!ATTLIST update-site description CDATA #IMPLIED>\n" +
		"<!ATTLIST update-site maintainer CDATA #IMPLIED>\n" +
		"<!ATTLIST update-site timestamp CDATA #REQUIRED>\n" +
		"<!ATTLIST disabled-update-site name CDATA #REQUIRED>\n" +
		"<!ATTLIST disabled-update-site url CDATA #REQUIRED>\n" +
		"<!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>\n" +
		"<!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>\n" +
		"<!ATTLIST disabled-update-site description CDATA #IMPLIED>\n" +
		"<!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>\n" +
		"<!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>\n" +
		"<!ATTLIST plugin update-site CDATA #IMPLIED>\n" +
		"<!ATTLIST plugin filename CDATA #REQUIRED>\n" +
		"<!ATTLIST plugin executable CDATA #IMPLIED>\n" +
		"<!ATTLIST dependency filename CDATA #REQUIRED>\n" +
		"<!ATTLIST dependency timestamp CDATA #IMPLIED>\n" +
		"<!ATTLIST dependency overrides CDATA #IMPLIED>\n" +
		"<!ATTLIST version timestamp CDATA #REQUIRED>\n" +
		"<!ATTLIST version checksum CDATA #REQUIRED>\n" +
		"<!ATTLIST version filesize CDATA #REQUIRED>\n" +
		"<!ATTLIST previous-version filename CDATA #IMPLIED>\n" +
		"<!ATTLIST previous-version timestamp CDATA #REQUIRED>\n" +
		"<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>\n" +
		"<!ATTLIST previous-version checksum CDATA #REQUIRED>]>\n";

	private DbXml() {}

	/**
	 * Writes the database gzip-compressed, UTF-8, with the updater's DTD.
	 *
	 * @param db the records to write
	 * @param file the {@code db.xml.gz} to create or replace
	 */
	public static void write(final SiteDatabase db, final Path file) throws IOException {
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			writeXml(db, out);
		}
	}

	/** Writes the uncompressed XML (used by {@link #write} and by tests). */
	static void writeXml(final SiteDatabase db, final OutputStream out) throws IOException {
		final Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		w.write(DTD);
		w.write("<pluginRecords>\n");
		for (final SiteRecord record : db.records()) {
			w.write("    <plugin filename=\"" + escape(record.filename()) + "\">\n");
			for (final String platform : record.platforms())
				w.write("        <platform>" + escape(platform) + "</platform>\n");
			final Version current = record.current();
			if (current != null) {
				w.write("        <version checksum=\"" + current.checksum() + "\" timestamp=\"" + current.timestamp() +
					"\" filesize=\"" + current.filesize() + "\">\n");
				if (record.description() != null)
					w.write("            <description>" + escape(record.description()) + "</description>\n");
				for (final Dependency dependency : record.dependencies())
					w.write("            <dependency filename=\"" + escape(dependency.filename()) + "\" timestamp=\"" +
						dependency.timestamp() + "\"/>\n");
				w.write("        </version>\n");
			}
			for (final Version previous : record.previous()) {
				w.write("        <previous-version timestamp=\"" + previous.timestamp() + "\" timestamp-obsolete=\"" +
					previous.timestampObsolete() + "\" checksum=\"" + previous.checksum() + "\"" +
					(previous.filename() == null ? "" : " filename=\"" + escape(previous.filename()) + "\"") + "/>\n");
			}
			w.write("    </plugin>\n");
		}
		w.write("</pluginRecords>\n");
		w.flush();
	}

	private static String escape(final String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/**
	 * Reads a {@code db.xml.gz}; the XML is validated against its DTD.
	 *
	 * @param file a gzip-compressed db.xml
	 * @return its records
	 * @throws IOException if the file is unreadable, not gzip, not valid XML
	 *           against the updater's DTD, or holds bad numbers
	 */
	public static SiteDatabase read(final Path file) throws IOException {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			return readXml(in, file.toString());
		}
	}

	/** Reads uncompressed XML; {@code source} names it in error messages. */
	static SiteDatabase readXml(final InputStream in, final String source) throws IOException {
		final Document document = parse(in, source);
		final Element root = document.getDocumentElement();
		if (!root.getTagName().equals("pluginRecords"))
			throw new IOException(source + ": root element is <" + root.getTagName() + ">, expected <pluginRecords>");
		final List<SiteRecord> records = new ArrayList<>();
		for (final Element plugin : children(root, "plugin")) {
			try {
				records.add(record(plugin));
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(source + ": file " + plugin.getAttribute("filename") + ": " + e.getMessage(), e);
			}
		}
		try {
			return new SiteDatabase(records);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(source + ": " + e.getMessage(), e);
		}
	}

	private static SiteRecord record(final Element plugin) {
		final String filename = plugin.getAttribute("filename");
		final List<String> platforms = new ArrayList<>();
		for (final Element platform : children(plugin, "platform")) platforms.add(platform.getTextContent().trim());
		Version current = null;
		String description = null;
		final List<Dependency> dependencies = new ArrayList<>();
		for (final Element version : children(plugin, "version")) {
			current = new Version(version.getAttribute("checksum"), timestamp(version, "timestamp"),
				Long.parseLong(version.getAttribute("filesize")), 0, null);
			for (final Element d : children(version, "description")) description = d.getTextContent();
			for (final Element d : children(version, "dependency"))
				dependencies.add(new Dependency(d.getAttribute("filename"), d.hasAttribute("timestamp") ? timestamp(d,
					"timestamp") : 0));
		}
		final List<Version> previous = new ArrayList<>();
		for (final Element p : children(plugin, "previous-version")) {
			previous.add(new Version(p.getAttribute("checksum"), timestamp(p, "timestamp"), 0, p.hasAttribute(
				"timestamp-obsolete") ? Long.parseLong(p.getAttribute("timestamp-obsolete")) : 0, p.hasAttribute("filename")
					? p.getAttribute("filename") : null));
		}
		return new SiteRecord(filename, current, previous, platforms, description, dependencies);
	}

	private static long timestamp(final Element element, final String attribute) {
		return Timestamps.parse(element.getAttribute(attribute));
	}

	private static List<Element> children(final Element parent, final String tag) {
		final List<Element> result = new ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
			if (n instanceof Element && ((Element) n).getTagName().equals(tag)) result.add((Element) n);
		return result;
	}

	private static Document parse(final InputStream in, final String source) throws IOException {
		try {
			final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setValidating(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setExpandEntityReferences(false);
			final DocumentBuilder builder = factory.newDocumentBuilder();
			// the DTD is internal; never fetch anything from outside
			builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
			builder.setErrorHandler(new DefaultHandler() {

				@Override
				public void error(final SAXParseException e) throws SAXException {
					throw e;
				}
			});
			return builder.parse(in);
		}
		catch (final SAXException e) {
			throw new IOException(source + " is not a valid update-site database: " + e.getMessage(), e);
		}
		catch (final ParserConfigurationException e) {
			throw new IllegalStateException(e);
		}
	}
}
