package org.deepsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;

import org.deepsr.volume.IsotropicOptions;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code deepsr isotropic}: with nothing given, every option is {@link IsotropicOptions}'s default; bad input is one line. */
class IsotropicCliTest {

	@Test
	void withNothingGivenTheOptionsAreTheRecordsDefaults() throws Exception {
		final IsotropicCli cli = new IsotropicCli();
		new CommandLine(cli).parseArgs("in.nii.gz", "out.nii.gz");
		final IsotropicOptions defaults = new IsotropicOptions();
		int compared = 0;
		for (final Field f : IsotropicCli.class.getDeclaredFields()) {
			final Field record;
			try {
				record = IsotropicOptions.class.getField(f.getName());
			}
			catch (final NoSuchFieldException e) {
				continue;
			}
			f.setAccessible(true);
			assertEquals(record.get(defaults), f.get(cli), f.getName());
			compared++;
		}
		assertTrue(compared >= 15, "compared " + compared + " options");
	}

	@Test
	void aMissingInputIsOneLine() {
		final StringWriter out = new StringWriter(), err = new StringWriter();
		final int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "isotropic", "/nonexistent/in.nii.gz",
			"/tmp/out.nii.gz", "--z-factor", "4");
		assertTrue(code != 0);
		assertTrue(err.toString().contains("in.nii.gz"), err.toString());
		assertEquals(1, err.toString().trim().split("\n").length, err.toString());
	}
}
