package org.deepsr.image;

import java.io.IOException;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Where an n-dimensional result goes, plane by plane as it is computed: an
 * ImagePlus ({@link ImagePlusSink}), a TIFF written slice by slice
 * ({@code org.deepsr.io.TiffSink}), and the other formats of
 * {@code org.deepsr.io}. Values are converted to the sink's pixel type
 * (rounded half up and clamped for integer types, NaN to 0).
 * <p>
 * Planes arrive in {@link VolumeInfo#planeIndex} order (channel fastest); a
 * sink may rely on it. {@link #finish()} makes the result final (a file is
 * renamed into place); {@link #close()} without it discards a partial result.
 */
public interface VolumeSink extends AutoCloseable {

	/** The volume this sink receives. */
	VolumeInfo info();

	/**
	 * @param c channel, 0-based
	 * @param z slice, 0-based
	 * @param t frame, 0-based
	 * @param xy dims (width, height) of {@link #info()}; iterated once, x fastest
	 */
	void write(long c, long z, long t, RandomAccessibleInterval<FloatType> xy) throws IOException;

	/**
	 * Whether the planes at slice {@code z}, frame {@code t} are not this
	 * sink's to receive (another part of a cluster array writes them, or a
	 * resumed part wrote them already); the upscaler then neither reads nor
	 * computes them. By default every plane is received.
	 */
	default boolean skips(final long z, final long t) {
		return false;
	}

	/** Completes the result once every plane is written. */
	void finish() throws IOException;

	/** Releases resources; discards the result when {@link #finish()} was not reached. */
	@Override
	void close() throws IOException;
}
