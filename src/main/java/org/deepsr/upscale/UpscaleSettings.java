package org.deepsr.upscale;

import org.deepsr.backend.Device;

/**
 * What to upscale with and how: shared by the Fiji commands, the macros and
 * the command line, so all three behave the same.
 */
public final class UpscaleSettings {

	/** A bundled or user model name, a model file/folder path, or a classical method name. */
	public String method = "bicubic";
	/** Upscaling factor for classical methods; a model's own scale is used for models. */
	public int scale = 2;
	/** The scale was asked for explicitly: a model of another scale is then an error rather than used at its own. */
	public boolean exactScale = false;
	/** Interior tile size in input pixels; 0 chooses it from the memory budget. */
	public int tile = 0;
	/** CPU, GPU, or AUTO (a GPU when one is usable). */
	public Device device = Device.AUTO;
	/** Write 32-bit float output instead of the input's bit depth. */
	public boolean float32 = false;

	public UpscaleSettings method(final String value) {
		method = value;
		return this;
	}

	public UpscaleSettings scale(final int value) {
		scale = value;
		return this;
	}

	public UpscaleSettings exactScale(final boolean value) {
		exactScale = value;
		return this;
	}

	public UpscaleSettings tile(final int value) {
		tile = value;
		return this;
	}

	public UpscaleSettings device(final Device value) {
		device = value;
		return this;
	}

	public UpscaleSettings float32(final boolean value) {
		float32 = value;
		return this;
	}
}
