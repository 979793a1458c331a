package org.deepsr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the repository: the shared research data
 * ({@code ../shared/data}, or {@code -Ddeepsr.data=DIR}) and python3 modules.
 * When it is missing the test is skipped, unless {@code -Ddeepsr.requireSharedData=true}
 * or {@code DEEPSR_REQUIRE_SHARED_DATA=1} is set (CI sets it where the data
 * exists): then the test fails and names what is missing, so a skipped
 * protocol test cannot hide a failure.
 */
public final class Prerequisites {

	public static final String PROPERTY = "deepsr.requireSharedData";
	public static final String VARIABLE = "DEEPSR_REQUIRE_SHARED_DATA";
	private static final String DEBIAN_PYTHON = "/usr/bin/python3";

	private Prerequisites() {}

	/** The shared data folder, whether or not it exists. */
	public static Path sharedData() {
		return Paths.get(System.getProperty("deepsr.data", Paths.get("..", "shared", "data").toString()));
	}

	/** Returns {@code path} (a file or folder of the shared data) when it exists; otherwise skips or fails. */
	public static Path need(final Path path) {
		need(Files.exists(path), "shared data absent: " + path.toAbsolutePath().normalize());
		return path;
	}

	/** Skips, or fails under the switch, with {@code missing} as the message unless {@code present}. */
	public static void need(final boolean present, final String missing) {
		check(present, missing, required());
	}

	/**
	 * The Python that Debian's python3-* packages install into: /usr/bin/python3
	 * where it exists (a pyenv or venv python3 earlier on the PATH does not see
	 * them), else python3 from the PATH.
	 */
	public static String python() {
		return Files.isExecutable(Paths.get(DEBIAN_PYTHON)) ? DEBIAN_PYTHON : "python3";
	}

	/** Skips, or fails under the switch, unless {@link #python()} {@code -c "import MODULES"} succeeds. */
	public static void python(final String... modules) {
		final String imports = String.join(", ", modules);
		String output;
		boolean ok;
		try {
			final Process p = new ProcessBuilder(python(), "-c", "import " + imports).redirectErrorStream(true).start();
			output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (final IOException e) {
			output = e.getMessage();
			ok = false;
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		need(ok, python() + " with " + imports + " absent (Debian: python3-" + String.join(" python3-", modules) + "): " + output);
	}

	/** True when the switch is set: missing prerequisites fail instead of skipping. */
	static boolean required() {
		final String env = System.getenv(VARIABLE);
		return Boolean.parseBoolean(System.getProperty(PROPERTY)) || "1".equals(env) || "true".equalsIgnoreCase(env);
	}

	/** The decision: nothing when present; otherwise a failure when required, else a skip. */
	static void check(final boolean present, final String missing, final boolean required) {
		if (present) return;
		if (required) Assertions.fail(missing + " (" + PROPERTY + " or " + VARIABLE + " is set: missing prerequisites fail)");
		Assumptions.abort(missing);
	}
}
