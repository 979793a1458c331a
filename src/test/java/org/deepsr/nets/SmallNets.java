package org.deepsr.nets;

/**
 * Small configurations of the catalogue's networks for tests that run them:
 * width 8 (16 for RCAN's attention) and one or two of each repeated block, so
 * that every kind of layer is built but a training step takes milliseconds.
 */
public final class SmallNets {

	/** The networks this class knows small configurations of, beyond SRCNN, FSRCNN, ESPCN, VDSR. */
	public static final String[] NAMES = { "edsr", "edsr-baseline", "mdsr", "carn", "carn-m", "rcan", "srresnet", "esrgan", "drrn", "drcn", "idn", "lapsrn", "enhancenet", "selnet", "ms-lapsrn", "btsrn", "cmsc" };

	private SmallNets() {}

	/** {@code name} at {@code scale} with {@code channels} grey channels, small. */
	public static NetConfig config(final String name, final int scale, final int channels) {
		final NetConfig c = NetConfig.of(scale, channels).withWidth(8);
		switch (name) {
			case "edsr": return c.withBlocks(2);
			case "edsr-baseline": return c.withBlocks(1);
			case "mdsr": return c.withBlocks(1);
			case "carn": return c.withBlocks(2).withDepth(2);
			case "carn-m": return c.withBlocks(2).withDepth(3).withGroups(2);
			case "rcan": return c.withWidth(16).withGroups(2).withBlocks(2);
			case "srresnet": return c.withBlocks(2);
			case "esrgan": return c.withBlocks(1);
			case "drrn": return c.withBlocks(2).withRecursions(2);
			case "drcn": return c.withRecursions(3);
			case "idn": return c.withWidth(16).withBlocks(2);
			case "lapsrn": return c.withDepth(2);
			case "enhancenet": return c.withBlocks(2);
			case "selnet": return c.withDepth(3);
			case "ms-lapsrn": return c.withDepth(2).withRecursions(2);
			case "btsrn": return c.withBlocks(2).withDepth(1);
			case "cmsc": return c.withBlocks(2).withDepth(1);
			default: throw new IllegalArgumentException("No small configuration of " + name + ".");
		}
	}
}
