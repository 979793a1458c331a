package org.deepsr.nets;

/** Receptive-field arithmetic of the layers, in low-resolution pixels. */
final class Radius {

	private Radius() {}

	/** A post-upsampling network's radius {@code radius}, widened to the bicubic taps when the skip is on. */
	static int withSkip(final int radius, final NetConfig config) {
		return config.skip() ? Math.max(radius, bicubicThenConv(config.scale(), 0)) : radius;
	}

	/**
	 * LR radius of bicubic upsampling by {@code scale} followed by convolutions
	 * of total HR radius {@code hrRadius}: the HR pixels of LR block 0 are
	 * [0, s-1]; widened by the convolutions they need the LR taps of HR pixels
	 * -hrRadius .. s-1+hrRadius (all of them: taps are not monotonic in j,
	 * since a pixel that falls exactly on an LR centre uses that centre only).
	 */
	static int bicubicThenConv(final int scale, final int hrRadius) {
		int radius = 0;
		for (int j = -hrRadius; j <= scale - 1 + hrRadius; j++)
			radius = Math.max(radius, Math.max(-bicubicFirstTap(j, scale), bicubicLastTap(j, scale)));
		return radius;
	}

	/** LR radius of a stride-{@code scale} transposed convolution with a k x k kernel and TF "SAME" padding. */
	static int deconv(final int k, final int scale) {
		// HR j receives LR i where j = s*i + t - padBefore, t in [0,k).
		final int padBefore = Math.max(k - scale, 0) / 2;
		final int first = Math.floorDiv(k - 1 - padBefore, scale); // = -ceil((j+pb-k+1)/s) at j = 0
		final int last = Math.floorDiv(scale - 1 + padBefore, scale);
		return Math.max(first, last);
	}

	// HR pixel j samples LR position x = (j+0.5)/s - 0.5 with taps floor(x)-1..floor(x)+2;
	// at integer x the cubic kernel is zero at all other taps.
	private static int bicubicFirstTap(final int j, final int s) {
		final int num = 2 * j + 1 - s, den = 2 * s;
		final int floor = Math.floorDiv(num, den);
		return Math.floorMod(num, den) == 0 ? floor : floor - 1;
	}

	private static int bicubicLastTap(final int j, final int s) {
		final int num = 2 * j + 1 - s, den = 2 * s;
		final int floor = Math.floorDiv(num, den);
		return Math.floorMod(num, den) == 0 ? floor : floor + 2;
	}

	/**
	 * LR radius of a network that works at LR with radius {@code lrRadius},
	 * then upsamples by {@code factors[0]}, {@code factors[1]}, ... (sub-pixel
	 * or nearest, each output pixel from its own input pixel), after stage i
	 * applying convolutions of radius {@code radii[i]} at that resolution. An
	 * output pixel's interval is followed back stage by stage: widened by the
	 * radius, divided (floor) by the factor; the widest reach over the output
	 * block of LR pixel 0 is the radius.
	 */
	static int upsampled(final int lrRadius, final int[] factors, final int[] radii) {
		int total = 1;
		for (final int f : factors) total *= f;
		int radius = 0;
		for (int j = 0; j < total; j++) {
			int lo = j, hi = j;
			for (int i = factors.length - 1; i >= 0; i--) {
				lo = Math.floorDiv(lo - radii[i], factors[i]);
				hi = Math.floorDiv(hi + radii[i], factors[i]);
			}
			radius = Math.max(radius, Math.max(lrRadius - lo, hi + lrRadius));
		}
		return radius;
	}

	/** {@link #upsampled} for {@link Blocks#upsample}'s stages, 3x3 convolutions after every stage but the last, then {@code hrRadius} at full resolution. */
	static int subPixel(final int lrRadius, final int scale, final int hrRadius) {
		final int[] factors = Blocks.upsampleStages(scale), radii = new int[factors.length];
		java.util.Arrays.fill(radii, 1);
		radii[radii.length - 1] = hrRadius;
		// the first stage's convolution runs at LR
		return upsampled(lrRadius + 1, factors, radii);
	}
}
