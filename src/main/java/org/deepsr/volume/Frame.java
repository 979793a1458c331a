package org.deepsr.volume;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One frame of a through-plane result while its sections arrive: every
 * channel's (x, y, z) voxels, x fastest, summed over the orientations. In
 * memory when it fits the budget, else in a memory-mapped temporary file
 * (deleted on close), so that the Java heap holds none of it and the
 * operating system pages it to disk as needed.
 */
abstract class Frame implements Closeable {

	/** Adds {@code v} to voxel {@code i} of channel {@code c}. */
	abstract void add(int c, long i, float v);

	abstract float get(int c, long i);

	/** {@code channels} volumes of {@code voxels}: float arrays when {@code 4 channels voxels <= budget} bytes, else a mapped file. */
	static Frame of(final int channels, final long voxels, final long budget) throws IOException {
		return 4 * channels * voxels <= budget && voxels <= Integer.MAX_VALUE - 8 ? new InMemory(channels,
			(int) voxels) : new Mapped(channels, voxels);
	}

	private static final class InMemory extends Frame {

		private final float[][] voxels;

		InMemory(final int channels, final int voxels) {
			this.voxels = new float[channels][voxels];
		}

		@Override
		void add(final int c, final long i, final float v) {
			voxels[c][(int) i] += v;
		}

		@Override
		float get(final int c, final long i) {
			return voxels[c][(int) i];
		}

		@Override
		public void close() {}
	}

	private static final class Mapped extends Frame {

		/** Floats per mapping: a mapping holds at most 2 GiB. */
		private static final long CHUNK = 1L << 28;

		private final FileChannel channel;
		private final FloatBuffer[] chunks;
		private final long voxels;

		Mapped(final int channels, final long voxels) throws IOException {
			this.voxels = voxels;
			final Path file = Files.createTempFile("deepsr-through-plane-", ".f32");
			channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
				StandardOpenOption.DELETE_ON_CLOSE);
			final long total = channels * voxels;
			chunks = new FloatBuffer[Math.toIntExact((total + CHUNK - 1) / CHUNK)];
			try {
				for (int k = 0; k < chunks.length; k++)
					chunks[k] = channel.map(FileChannel.MapMode.READ_WRITE, 4 * k * CHUNK, 4 * Math.min(CHUNK, total -
						k * CHUNK)).order(ByteOrder.nativeOrder()).asFloatBuffer();
			}
			catch (final IOException | RuntimeException e) {
				channel.close();
				throw e;
			}
		}

		@Override
		void add(final int c, final long i, final float v) {
			final long at = c * voxels + i;
			final FloatBuffer b = chunks[(int) (at / CHUNK)];
			final int j = (int) (at % CHUNK);
			b.put(j, b.get(j) + v);
		}

		@Override
		float get(final int c, final long i) {
			final long at = c * voxels + i;
			return chunks[(int) (at / CHUNK)].get((int) (at % CHUNK));
		}

		@Override
		public void close() throws IOException {
			channel.close();
		}
	}
}
