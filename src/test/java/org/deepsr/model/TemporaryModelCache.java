package org.deepsr.model;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Points the model cache (system property deepsr.cache) at a fresh folder for one test class. */
public final class TemporaryModelCache implements BeforeAllCallback, AfterAllCallback {

	@Override
	public void beforeAll(final ExtensionContext context) throws Exception {
		System.setProperty("deepsr.cache", Files.createTempDirectory("deepsr-cache").toString());
	}

	@Override
	public void afterAll(final ExtensionContext context) throws Exception {
		final Path cache = Path.of(System.clearProperty("deepsr.cache"));
		if (Files.isDirectory(cache)) SafeZip.deleteTree(cache);
	}
}
