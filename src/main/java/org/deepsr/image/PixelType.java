package org.deepsr.image;

/** How pixel values are stored: what sources read and sinks write. RGB is UINT8 with three channels. */
public enum PixelType {
	UINT8(8, 255), UINT16(16, 65535), FLOAT32(32, Double.NaN);

	private final int bits;
	private final double max;

	PixelType(final int bits, final double max) {
		this.bits = bits;
		this.max = max;
	}

	/** Bits per sample. */
	public int bits() {
		return bits;
	}

	/** Bytes per sample. */
	public int bytes() {
		return bits / 8;
	}

	/** Largest value of an integer type (its range starts at 0); NaN for float. */
	public double max() {
		return max;
	}

	/** The type of an ImageJ bit depth (24, RGB, is UINT8 per channel). */
	public static PixelType ofBitDepth(final int bitDepth) {
		switch (bitDepth) {
			case 8:
			case 24:
				return UINT8;
			case 16:
				return UINT16;
			case 32:
				return FLOAT32;
			default:
				throw new IllegalArgumentException("Unsupported bit depth " + bitDepth +
					"; convert the image to 8, 16 or 32-bit or RGB.");
		}
	}
}
