package org.deepsr.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deepsr.backend.Device;
import org.deepsr.io.OmeZarr;
import org.deepsr.io.OmeZarrSink;
import org.deepsr.upscale.UpscaleSettings;

/**
 * What a {@code deepsr-spark upscale} job does, sent to every task: the same
 * options as {@code deepsr upscale}, as plain values (the core's settings are
 * rebuilt from them on each executor).
 */
public final class UpscaleJob implements Serializable {

	private static final long serialVersionUID = 1L;

	public String in, out;
	/** As {@code deepsr upscale --model}: a name, a bundle path, a classical method, or one per channel. */
	public String model = "bicubic";
	/**
	 * The file name of the bundle {@link #model} names, shipped to the executors (SparkContext.addFile), used
	 * by an executor that does not see {@link #model}'s path; null: none.
	 */
	public String shippedModel;
	public Integer scale;
	public String device = "auto";
	public int tile, batch;
	public boolean float32, overwrite;
	public String pattern = "";
	public int levels = 1, zarrVersion = 2;
	public String compression = "gzip";

	/** Whether the input is a folder of files (not an OME-Zarr folder). */
	public boolean folder() {
		final Path p = Path.of(in);
		return Files.isDirectory(p) && !OmeZarr.isZarr(p);
	}

	/** The core's settings, with {@code model} (the job's, or a shipped bundle's local path). */
	public UpscaleSettings settings(final String modelSpec) {
		return new UpscaleSettings().methods(modelSpec).scale(scale == null ? 2 : scale).exactScale(scale != null)
			.device(Device.parse(device)).tile(tile).batch(batch).float32(float32);
	}

	/** The OME-Zarr options of part {@code i} of {@code n}, as {@code deepsr upscale --part i/n} sets them. */
	public OmeZarrSink.Options zarr(final int i, final int n) {
		return new OmeZarrSink.Options().overwrite(overwrite).levels(levels).zarrVersion(zarrVersion).compression(
			compression).part(i, n);
	}

	/** What makes two upscalers interchangeable: the method and every setting it is opened with. */
	public String upscalerKey() {
		return model + "|" + scale + "|" + device + "|" + tile +
			"|" + batch + "|" + float32;
	}
}
