package org.deepsr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * A missing prerequisite skips a test, and fails it under the switch: the
 * decision itself, then the whole path (property, environment variable) in a
 * child JVM whose environment the test controls.
 */
class PrerequisitesTest {

	@TempDir
	Path tmp;

	@Test
	void missingSkipsUnlessRequired() {
		Prerequisites.check(true, "unused", true);
		Prerequisites.check(true, "unused", false);
		assertEquals("gone", assertThrows(TestAbortedException.class, () -> Prerequisites.check(false, "gone", false)).getMessage()
			.replace("Assumption failed: ", ""));
		final String failed = assertThrows(AssertionFailedError.class, () -> Prerequisites.check(false, "gone", true)).getMessage();
		assertTrue(failed.startsWith("gone (deepsr.requireSharedData"), failed);
	}

	@Test
	void switchFromPropertyOrEnvironment() throws Exception {
		final Path missing = tmp.resolve("no-such-data");
		assertEquals("skipped: shared data absent: " + missing, child(missing, null, null));
		assertTrue(child(missing, "-D" + Prerequisites.PROPERTY + "=true", null).startsWith("failed: shared data absent: " + missing + " ("));
		assertTrue(child(missing, null, "1").startsWith("failed: shared data absent: " + missing + " ("));
		assertEquals("skipped: shared data absent: " + missing, child(missing, "-D" + Prerequisites.PROPERTY + "=false", null));
		assertEquals("present", child(tmp, "-D" + Prerequisites.PROPERTY + "=true", "1"));
	}

	/** Child JVM: what {@link Prerequisites#need(Path)} does with {@code args[0]}. */
	public static void main(final String[] args) {
		try {
			Prerequisites.need(Paths.get(args[0]));
			System.out.print("present");
		}
		catch (final TestAbortedException e) {
			System.out.print("skipped: " + e.getMessage().replace("Assumption failed: ", ""));
		}
		catch (final AssertionFailedError e) {
			System.out.print("failed: " + e.getMessage());
		}
	}

	private static String child(final Path path, final String property, final String variable) throws IOException, InterruptedException {
		final List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
			System.getProperty("java.class.path")));
		if (property != null) command.add(property);
		command.add(PrerequisitesTest.class.getName());
		command.add(path.toString());
		final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove(Prerequisites.VARIABLE);
		if (variable != null) builder.environment().put(Prerequisites.VARIABLE, variable);
		final Process p = builder.start();
		final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
		return output;
	}
}
