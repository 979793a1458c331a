package org.deepsr.io;

import java.nio.ByteBuffer;

import org.deepsr.image.OutputImage;

/** The NIfTI-1 datatypes DeepSR reads and writes, with how a value is read from and stored into bytes. */
public enum NiftiType {
	UINT8(2, 1, 0, 255), INT16(4, 2, Short.MIN_VALUE, Short.MAX_VALUE), INT32(8, 4, Integer.MIN_VALUE,
		Integer.MAX_VALUE), FLOAT32(16, 4, Double.NaN, Double.NaN), FLOAT64(64, 8, Double.NaN, Double.NaN),
	UINT16(512, 2, 0, 65535);

	private final int code, bytes;
	private final double min, max;

	NiftiType(final int code, final int bytes, final double min, final double max) {
		this.code = code;
		this.bytes = bytes;
		this.min = min;
		this.max = max;
	}

	/** NIfTI's datatype code. */
	public int code() {
		return code;
	}

	public int bytes() {
		return bytes;
	}

	public boolean integer() {
		return !Double.isNaN(min);
	}

	/** The type of a datatype code, or null when DeepSR does not read it. */
	public static NiftiType of(final int code) {
		for (final NiftiType t : values())
			if (t.code == code) return t;
		return null;
	}

	/** The stored value at the buffer's position, as a double. */
	double get(final ByteBuffer b) {
		switch (this) {
			case UINT8:
				return b.get() & 0xff;
			case INT16:
				return b.getShort();
			case UINT16:
				return b.getShort() & 0xffff;
			case INT32:
				return b.getInt();
			case FLOAT32:
				return b.getFloat();
			default:
				return b.getDouble();
		}
	}

	/**
	 * Stores a value: integer types round half up and clamp to their range,
	 * NaN stores 0 (as every DeepSR sink does, {@link OutputImage#clampRound}).
	 */
	void put(final ByteBuffer b, final double value) {
		if (!integer()) {
			if (this == FLOAT32) b.putFloat((float) value);
			else b.putDouble(value);
			return;
		}
		final double v = Double.isNaN(value) ? 0 : Math.max(min, Math.min(max, Math.floor(value + 0.5)));
		switch (this) {
			case UINT8:
				b.put((byte) (int) v);
				break;
			case INT16:
			case UINT16:
				b.putShort((short) (int) v);
				break;
			default:
				b.putInt((int) v);
		}
	}
}
