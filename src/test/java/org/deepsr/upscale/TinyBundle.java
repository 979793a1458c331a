package org.deepsr.upscale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.deepsr.backend.Device;
import org.deepsr.backend.TinyNet;
import org.deepsr.model.ModelDescriptor;
import org.deepsr.model.ModelImporter;
import org.deepsr.model.ModelRegistry;
import org.deepsr.progress.Progress;

/**
 * Model bundles of a {@link TinyNet} for the tests: one as it comes (x3, one
 * channel), or one 1x1 convolution and a pixel shuffle whose every output
 * pixel of an s x s block is {@code M} times the input pixel's channels, so
 * that the whole pipeline's output can be written down by hand. Tests using
 * them point the model cache at a temporary folder
 * ({@link org.deepsr.model.TemporaryModelCache}).
 */
public final class TinyBundle {

	private TinyBundle() {}

	/**
	 * @param mode the descriptor's channel mode ("y" with full-range YCbCr, or "grey")
	 * @return the bundle of {@code net} at x3, written in {@code dir}
	 */
	public static Path create(final TinyNet net, final String mode, final Path dir) throws IOException {
		final ModelDescriptor d = descriptor("tiny", 3, mode);
		d.channels.ycbcr = "full";
		final Path pb = dir.resolve("tiny.pb");
		Files.write(pb, net.graphDef(false));
		return ModelImporter.importFrozenGraph(pb, d, dir.resolve("tiny.zip"), false, Progress.NONE);
	}

	/** A descriptor with value range [0,1] and fixed normalisation, to be adjusted. */
	public static ModelDescriptor descriptor(final String name, final int scale, final String channelMode) {
		final ModelDescriptor d = new ModelDescriptor();
		d.name = name;
		d.architecture = "TinyNet";
		d.scale = scale;
		d.channels.mode = channelMode;
		d.input.tensor = "input";
		d.output.tensor = "output";
		return d;
	}

	/**
	 * Imports the 1x1 network {@code mix} under descriptor {@code d} (its channel counts are set here).
	 *
	 * @param mix out channel c = sum over c' of mix[c][c'] * in channel c'
	 */
	public static Path bundle(final Path dir, final ModelDescriptor d, final double[][] mix) throws IOException {
		final int c = mix.length, s = d.scale, outC = c * s * s;
		final TinyNet net = new TinyNet(c, s, 1);
		// weights [inC][outC]; depth_to_space gives output channel c of sub-pixel k from conv channel k * C + c
		Arrays.fill(net.weights, 0);
		for (int in = 0; in < c; in++)
			for (int out = 0; out < c; out++)
				for (int k = 0; k < s * s; k++)
					net.weights[in * outC + k * c + out] = (float) mix[out][in];
		d.input.channels = c;
		d.output.channels = c;
		final Path pb = dir.resolve(d.name + ".pb");
		Files.write(pb, net.graphDef(false));
		return ModelImporter.importFrozenGraph(pb, d, dir.resolve(d.name + ".zip"), false, Progress.NONE);
	}

	/** An upscaler of {@code bundle} on the CPU, with no bundled models and a user folder in {@code dir}. */
	public static Upscaler open(final Path bundle, final Path dir, final boolean float32) throws IOException {
		return Upscaler.open(new UpscaleSettings().method(bundle.toString()).device(Device.CPU).float32(float32),
			new ModelRegistry(null, dir.resolve("user")), Progress.NONE);
	}
}
