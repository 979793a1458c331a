package org.deepsr.upscale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.backend.TinyNet;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelImporter;
import org.deepsr.progress.Progress;

/** A model bundle of a one-channel x3 {@link TinyNet} for the upscaling tests. */
public final class TinyBundle {

	private TinyBundle() {}

	/**
	 * @param mode the descriptor's channel mode ("y" with full-range YCbCr, or "grey")
	 * @return the bundle, written in {@code dir}
	 */
	public static Path create(final TinyNet net, final String mode, final Path dir) throws IOException {
		final Path pb = dir.resolve("tiny.pb");
		Files.write(pb, net.graphDef(false));
		final ModelDescriptor d = new ModelDescriptor();
		d.name = "tiny";
		d.architecture = "TinyNet";
		d.scale = 3;
		d.channels.mode = mode;
		d.channels.ycbcr = "full";
		d.input.tensor = "input";
		d.output.tensor = "output";
		return ModelImporter.importFrozenGraph(pb, d, dir.resolve("tiny.zip"), false, Progress.NONE);
	}
}
