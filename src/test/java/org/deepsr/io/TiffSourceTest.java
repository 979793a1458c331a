package org.deepsr.io;

import org.deepsr.Prerequisites;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TiffSource reads another tool's TIFF (tifffile: one IFD per page, zlib), plane by plane, and names bad files. */
class TiffSourceTest {

	@TempDir
	Path dir;

	@Test
	void readsAPlainCompressedMultiPageTiffFromTifffile() throws Exception {
		final Path file = dir.resolve("plain.tif");
		Prerequisites.python("tifffile");
		final Process p = new ProcessBuilder(Prerequisites.python(), Paths.get("src", "test", "python", "write_tiff.py").toString(),
			file.toString()).redirectErrorStream(true).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(2, TimeUnit.MINUTES));
		assertEquals(0, p.exitValue(), out);
		final VolumeSource source = TiffSource.open(file);
		assertEquals(6, source.info().width());
		assertEquals(4, source.info().height());
		assertEquals(5, source.info().planes());
		assertEquals(PixelType.UINT16, source.info().type());
		for (int page = 0; page < 5; page++) {
			final RandomAccess<FloatType> ra = source.plane(0, page, 0).randomAccess();
			for (int y = 0; y < 4; y++)
				for (int x = 0; x < 6; x++)
					assertEquals(1000 * page + 10 * y + x, ra.setPositionAndGet(x, y).get(), "page " + page);
		}
	}

	@Test
	void aFileThatIsNoTiffIsNamed() throws IOException {
		final Path file = Files.writeString(dir.resolve("broken.tif"), "not a tiff");
		final IOException e = assertThrows(IOException.class, () -> TiffSource.open(file));
		assertTrue(e.getMessage().contains("broken.tif"), e.getMessage());
		assertThrows(IOException.class, () -> TiffSource.open(dir.resolve("missing.tif")));
	}
}
