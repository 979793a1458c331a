package org.deepsr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.Prerequisites;

/**
 * nibabel's view of NIfTI files: the committed golden files with the JSON
 * that src/test/python/nifti_fixtures.py wrote for them, and, at test time,
 * that script run on any file (skipped without Debian's python3-nibabel).
 */
final class NiftiReference {

	private NiftiReference() {}

	/** The golden file {@code name}. */
	static Path golden(final String name) {
		try {
			return Paths.get(NiftiReference.class.getResource("nifti/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** expected.json: nibabel's view of each golden file, by name. */
	static JsonObject expected() throws IOException {
		try (Reader r = new InputStreamReader(NiftiReference.class.getResourceAsStream("nifti/expected.json"),
			StandardCharsets.UTF_8))
		{
			return JsonParser.parseReader(r).getAsJsonObject();
		}
	}

	/** nibabel's view of {@code file} now; {@code values} false leaves the voxel values out (slice sums stay). */
	static JsonObject nibabel(final Path file, final boolean values) throws IOException, InterruptedException {
		return nibabel(values, file).get(0);
	}

	/** nibabel's view of each file, in one Python run. */
	static List<JsonObject> nibabel(final boolean values, final Path... files) throws IOException,
		InterruptedException
	{
		Prerequisites.python("nibabel", "numpy");
		final List<String> command = new ArrayList<>(Arrays.asList(Prerequisites.python(), script(), "read"));
		if (!values) command.add("--header");
		for (final Path f : files)
			command.add(f.toString());
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(2, TimeUnit.MINUTES));
		assertEquals(0, p.exitValue(), out);
		final List<JsonObject> views = new ArrayList<>();
		for (final String line : out.split("\n"))
			if (!line.isBlank()) views.add(JsonParser.parseString(line).getAsJsonObject());
		assertEquals(files.length, views.size(), out);
		return views;
	}

	private static String script() {
		return Paths.get("src", "test", "python", "nifti_fixtures.py").toString();
	}

	/** A 3-row (or 4-row) JSON matrix's first 3 rows. */
	static double[][] matrix(final JsonArray rows) {
		final double[][] m = new double[3][4];
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++)
				m[r][c] = rows.get(r).getAsJsonArray().get(c).getAsDouble();
		return m;
	}

	static void assertMatrix(final double[][] expected, final double[][] actual, final double tolerance,
		final String what)
	{
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++)
				assertEquals(expected[r][c], actual[r][c], tolerance, what + " [" + r + "][" + c + "]");
	}

	/** Every voxel of {@code source} equals nibabel's values (nested [t][z][y][x]) as floats. */
	static void assertValues(final JsonArray values, final org.deepsr.image.VolumeSource source,
		final String what)
	{
		for (int t = 0; t < values.size(); t++) {
			final JsonArray volume = values.get(t).getAsJsonArray();
			for (int z = 0; z < volume.size(); z++) {
				final JsonArray slice = volume.get(z).getAsJsonArray();
				final RandomAccess<FloatType> ra = source.plane(0, z, t).randomAccess();
				for (int y = 0; y < slice.size(); y++) {
					final JsonArray row = slice.get(y).getAsJsonArray();
					for (int x = 0; x < row.size(); x++)
						assertEquals((float) row.get(x).getAsDouble(), ra.setPositionAndGet(x, y).get(), what + " at (" +
							x + ", " + y + ", " + z + ", " + t + ")");
				}
			}
		}
	}
}
