package org.deepsr.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training run's full state in one file, {@code checkpoint.bin}: network
 * identity, step, early-stopping state, and named float arrays (weights
 * "net/...", Adam moments "adam/...", best weights "best/..."). The patch
 * stream needs no state: batch k is a function of (seed, k). Written to a
 * temporary file and renamed, so a killed process leaves the previous
 * checkpoint intact.
 */
public final class Checkpoint {

	/** File name inside the checkpoint folder. */
	public static final String FILE_NAME = "checkpoint.bin";

	private static final String MAGIC = "DeepSR checkpoint";
	private static final int VERSION = 1;

	final String network;
	final String netConfig;
	final long seed;
	final long step;
	final double bestPsnr;
	final long bestStep;
	final int staleValidations;
	final Map<String, float[]> arrays;

	Checkpoint(final String network, final String netConfig, final long seed, final long step, final double bestPsnr,
		final long bestStep, final int staleValidations, final Map<String, float[]> arrays)
	{
		this.network = network;
		this.netConfig = netConfig;
		this.seed = seed;
		this.step = step;
		this.bestPsnr = bestPsnr;
		this.bestStep = bestStep;
		this.staleValidations = staleValidations;
		this.arrays = arrays;
	}

	/** Reads {@code dir/checkpoint.bin}. */
	public static Checkpoint read(final Path dir) throws IOException {
		final Path file = dir.resolve(FILE_NAME);
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) throw new IOException(file + " is not a DeepSR checkpoint of version " + VERSION + ".");
			final String network = in.readUTF(), netConfig = in.readUTF();
			final long seed = in.readLong(), step = in.readLong();
			final double bestPsnr = in.readDouble();
			final long bestStep = in.readLong();
			final int stale = in.readInt(), count = in.readInt();
			final Map<String, float[]> arrays = new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				final String name = in.readUTF();
				final byte[] bytes = new byte[in.readInt() * Float.BYTES];
				in.readFully(bytes);
				final float[] v = new float[bytes.length / Float.BYTES];
				ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
				arrays.put(name, v);
			}
			return new Checkpoint(network, netConfig, seed, step, bestPsnr, bestStep, stale, arrays);
		}
	}

	/** True when {@code dir} holds a checkpoint. */
	public static boolean exists(final Path dir) {
		return dir != null && Files.isRegularFile(dir.resolve(FILE_NAME));
	}

	/** Writes atomically into {@code dir} (created if needed). */
	void write(final Path dir) {
		try {
			Files.createDirectories(dir);
			// a fixed name: a process killed mid-write leaves one stale file that the next write overwrites
			final Path tmp = dir.resolve(FILE_NAME + ".tmp");
			try {
				try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
					out.writeUTF(MAGIC);
					out.writeInt(VERSION);
					out.writeUTF(network);
					out.writeUTF(netConfig);
					out.writeLong(seed);
					out.writeLong(step);
					out.writeDouble(bestPsnr);
					out.writeLong(bestStep);
					out.writeInt(staleValidations);
					out.writeInt(arrays.size());
					for (final Map.Entry<String, float[]> e : arrays.entrySet()) {
						out.writeUTF(e.getKey());
						out.writeInt(e.getValue().length);
						final ByteBuffer b = ByteBuffer.allocate(e.getValue().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
						b.asFloatBuffer().put(e.getValue());
						out.write(b.array());
					}
				}
				Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} finally {
				Files.deleteIfExists(tmp);
			}
		} catch (final IOException e) {
			throw new UncheckedIOException("Could not write a checkpoint into " + dir + ": " + e.getMessage(), e);
		}
	}

	public String network() {
		return network;
	}

	/** Updates done when it was written. */
	public long step() {
		return step;
	}

	/** Best validation PSNR so far in dB (NaN if none). */
	public double bestPsnr() {
		return bestPsnr;
	}

	/** The weights with the best validation PSNR so far, by parameter name (for export). */
	public Map<String, float[]> bestWeights() {
		return withPrefix("best/");
	}

	/** The weights at {@link #step()}, by parameter name. */
	public Map<String, float[]> weights() {
		return withPrefix("net/");
	}

	Map<String, float[]> withPrefix(final String prefix) {
		final Map<String, float[]> out = new LinkedHashMap<>();
		for (final Map.Entry<String, float[]> e : arrays.entrySet())
			if (e.getKey().startsWith(prefix)) out.put(e.getKey().substring(prefix.length()), e.getValue());
		return Collections.unmodifiableMap(out);
	}
}
