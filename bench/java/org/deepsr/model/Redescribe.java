package org.deepsr.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.deepsr.progress.Progress;

/**
 * Maintenance program (models/README.md): rewrites a bundle's descriptor with
 * a metadata file's keys ({@link ModelDescriptors#withMetadata}: conserve,
 * trained_on, description), keeping its weights, through the importer (weights
 * sha256 recomputed, ops checked, self-test pair made again). What
 * {@code deepsr train --metadata FILE} writes at export, for bundles whose
 * training runs are too long to repeat.
 * <p>
 * Usage: {@code bench/run Redescribe BUNDLE METADATA.json OUT.zip}
 */
public final class Redescribe {

	private Redescribe() {}

	public static void main(final String[] args) throws Exception {
		final Path in = Paths.get(args[0]), metadata = Paths.get(args[1]), out = Paths.get(args[2]);
		final ModelBundle bundle = ModelBundle.open(in);
		final ModelDescriptor d = ModelDescriptors.withMetadata(bundle.descriptor(),
			new String(Files.readAllBytes(metadata), StandardCharsets.UTF_8), metadata.getFileName().toString());
		final boolean same = in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize());
		final Path weights = Files.createTempFile("deepsr-redescribe-", ".pb");
		try {
			Files.copy(bundle.weights(), weights, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			ModelImporter.importFrozenGraph(weights, d, out, same || Files.exists(out), Progress.NONE);
		} finally {
			Files.deleteIfExists(weights);
		}
		System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
	}
}
