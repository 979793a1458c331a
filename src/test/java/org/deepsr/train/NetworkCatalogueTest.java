package org.deepsr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** docs/networks.md holds the catalogue's table exactly as {@code deepsr networks} prints it (regenerate it with {@code deepsr networks}). */
class NetworkCatalogueTest {

	@Test
	void theDocumentedTableIsTheCataloguesOwn() throws Exception {
		final List<String> page = Files.readAllLines(Paths.get("docs", "networks.md"), StandardCharsets.UTF_8), table = new ArrayList<>();
		final int start = page.indexOf("| network | params x4 | on | scales | channels | paper |");
		for (int i = start; i >= 0 && i < page.size() && page.get(i).startsWith("|"); i++) table.add(page.get(i));
		assertEquals(String.join("\n", NetworkCatalogue.table(4)), String.join("\n", table), "docs/networks.md against deepsr networks");
	}
}
