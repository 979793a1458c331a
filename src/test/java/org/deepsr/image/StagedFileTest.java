package org.deepsr.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Staged writes: all or nothing, the umask's mode, and ImageJ's bytes for every format. */
class StagedFileTest {

	@TempDir
	Path dir;

	@Test
	void aFailedWriteKeepsTheTargetAndLeavesNoTemporaryFile() throws IOException {
		final Path target = Files.write(dir.resolve("out.csv"), "good".getBytes(StandardCharsets.US_ASCII));
		final IOException e = assertThrows(IOException.class, () -> StagedFile.write(target, true, file -> {
			Files.write(file, "half".getBytes(StandardCharsets.US_ASCII));
			throw new IOException("No space left on device");
		}));
		assertEquals("cannot write " + target + ": No space left on device; the existing file is unchanged", e
			.getMessage());
		assertEquals("good", new String(Files.readAllBytes(target), StandardCharsets.US_ASCII));
		assertEquals(Arrays.asList("out.csv"), names());
	}

	@Test
	void withoutOverwritingAFileThatAppearedMeanwhileIsKept() throws IOException {
		final Path target = dir.resolve("out.csv");
		assertThrows(IOException.class, () -> StagedFile.write(target, false, file -> {
			Files.write(file, "mine".getBytes(StandardCharsets.US_ASCII));
			Files.write(target, "theirs".getBytes(StandardCharsets.US_ASCII));
		}));
		assertEquals("theirs", new String(Files.readAllBytes(target), StandardCharsets.US_ASCII));
		assertEquals(Arrays.asList("out.csv"), names());
	}

	@Test
	void aCommittedFileReplacesTheTargetAndMissingFoldersAreMade() throws IOException {
		final Path target = Files.write(dir.resolve("out.csv"), "old".getBytes(StandardCharsets.US_ASCII));
		StagedFile.write(target, true, file -> Files.write(file, "new".getBytes(StandardCharsets.US_ASCII)));
		assertEquals("new", new String(Files.readAllBytes(target), StandardCharsets.US_ASCII));
		final Path deep = dir.resolve("sub").resolve("deeper").resolve("out.csv");
		StagedFile.write(deep, false, file -> Files.write(file, "deep".getBytes(StandardCharsets.US_ASCII)));
		assertEquals("deep", new String(Files.readAllBytes(deep), StandardCharsets.US_ASCII));
		assertEquals(Arrays.asList("out.csv", "sub"), names());
		try (Stream<Path> list = Files.list(deep.getParent())) {
			assertEquals(1, list.count(), "no temporary folder left");
		}
	}

	/** Each format as ImageJ's FileSaver writes it directly: the staging changes where, never what. */
	@ParameterizedTest
	@ValueSource(strings = { "png", "jpg", "bmp", "gif", "tif" })
	void imageFilesAreImageJsBytesWithTheUmasksMode(final String ext) throws IOException {
		final ImagePlus imp = ext.equals("jpg") ? new ImagePlus("rgb", noise(new ColorProcessor(40, 30))) : new ImagePlus(
			"grey", noise(new ByteProcessor(40, 30)));
		final Path ours = dir.resolve("ours." + ext), direct = dir.resolve("direct." + ext);
		ImageFiles.save(imp, ours, false);
		final FileSaver saver = new FileSaver(imp);
		final String path = direct.toString();
		switch (ext) {
			case "png":
				saver.saveAsPng(path);
				break;
			case "jpg":
				saver.saveAsJpeg(path);
				break;
			case "bmp":
				saver.saveAsBmp(path);
				break;
			case "gif":
				saver.saveAsGif(path);
				break;
			default:
				saver.saveAsTiff(path);
		}
		assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(ours));
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX modes");
		// A file created the ordinary way, under the same umask, is the reference (a temp file would be 0600).
		final Path plain = Files.createFile(dir.resolve("plain"));
		assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(ours));
		assertEquals(Arrays.asList("direct." + ext, "ours." + ext, "plain"), names());
	}

	private static <P extends ij.process.ImageProcessor> P noise(final P ip) {
		final Random random = new Random(3);
		for (int i = 0; i < ip.getPixelCount(); i++)
			ip.set(i, random.nextInt(ip instanceof ColorProcessor ? 1 << 24 : 256));
		return ip;
	}

	private List<String> names() throws IOException {
		try (Stream<Path> list = Files.list(dir)) {
			return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
