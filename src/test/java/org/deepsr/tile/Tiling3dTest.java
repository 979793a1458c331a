package org.deepsr.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.deepsr.progress.Progress;
import org.junit.jupiter.api.Test;

/**
 * 3-D plans by brute force over many random volumes (every voxel written
 * exactly once, one block shape, the last block shifted inward, halos as
 * asked), 2-D plans unchanged by the z dimension, and blocked output of a toy
 * 3-D network against the network applied once to the whole volume padded by
 * hand (symmetric mirroring, numpy.pad mode="symmetric").
 */
class Tiling3dTest {

	/** Receptive-field radius of the toy network in x/y and in z. */
	private static final int RADIUS = 2, RADIUS_Z = 1;

	@Test
	void everyVoxelWrittenOnceByEqualBlocks() {
		final Random random = new Random(3);
		for (int trial = 0; trial < 400; trial++) {
			final int width = 1 + random.nextInt(40), height = 1 + random.nextInt(40), depth = 1 + random.nextInt(30);
			final int step = 1 + random.nextInt(4), halo = random.nextInt(5), haloZ = random.nextInt(4);
			final int tile = 1 + random.nextInt(20), tileZ = 1 + random.nextInt(12);
			final TilePlan plan = TilePlan.of(width, height, depth, tile, tileZ, step, halo, haloZ);
			final String what = plan.toString();
			assertEquals(Math.min(tileZ, depth), plan.interiorDepth(), what);
			assertEquals(haloZ, plan.haloZ(), what);
			assertEquals(plan.interiorDepth() + 2 * haloZ, plan.tileDepth(), what);
			final TilePlan flat = TilePlan.of(width, height, tile, step, halo);
			assertEquals(flat.interiorWidth(), plan.interiorWidth(), what);
			assertEquals(flat.halo(), plan.halo(), what);
			final int[] count = new int[width * height * depth];
			long lastZ = -1;
			for (final Tile t : plan.tiles()) {
				assertTrue(t.z() >= 0 && t.z() + plan.interiorDepth() <= depth, what);
				assertTrue(t.writeZ() >= t.z() && t.writeZ() + t.writeDepth() <= t.z() + plan.interiorDepth(), what);
				assertEquals(t.z() - haloZ, plan.windowZ(t), what);
				lastZ = Math.max(lastZ, t.z());
				for (long z = t.writeZ(); z < t.writeZ() + t.writeDepth(); z++)
					for (long y = t.writeY(); y < t.writeY() + t.writeHeight(); y++)
						for (long x = t.writeX(); x < t.writeX() + t.writeWidth(); x++)
							count[(int) ((z * height + y) * width + x)]++;
			}
			// The last block ends at the last slice: shifted inward, not shrunk.
			assertEquals(depth - plan.interiorDepth(), lastZ, what);
			for (int i = 0; i < count.length; i++)
				assertEquals(1, count[i], what + " voxel " + i);
		}
	}

	@Test
	void hugeVolumesArePlannedLazily() {
		// 10^5 x 10^5 x 10^4 voxels (10^14): the plan is metadata, its tiles computed when asked.
		final TilePlan plan = TilePlan.of(100_000, 100_000, 10_000, 1000, 100, 4, 8, 2);
		assertEquals(100L * 100 * 100, plan.tiles().size());
		final Tile last = plan.tiles().get(plan.tiles().size() - 1);
		assertEquals(99_000, last.x());
		assertEquals(9_900, last.z());
		assertEquals(9_898, plan.windowZ(last));
	}

	@Test
	void blockedEqualsWholeVolumeForAToy3dNetwork() {
		final Random random = new Random(4);
		for (int trial = 0; trial < 12; trial++) {
			final int width = 3 + random.nextInt(20), height = 3 + random.nextInt(20), depth = 1 + random.nextInt(12);
			final int inC = 1 + random.nextInt(2), outC = 1 + random.nextInt(2), scale = 1 + random.nextInt(3);
			final ArrayImg<FloatType, FloatArray> input = ArrayImgs.floats(width, height, depth, inC);
			for (final FloatType v : input)
				v.set(random.nextFloat());
			final float[] expected = reference(input, scale, outC);
			final TilePlan plan = TilePlan.of(width, height, depth, 1 + random.nextInt(8), 1 + random.nextInt(5), 1,
				RADIUS, RADIUS_Z);
			final ArrayImg<FloatType, FloatArray> output = ArrayImgs.floats(scale * width, scale * height, depth, outC);
			Tiler.runBlocks(input, (in, d, h, w) -> net(in, d, h, w, inC, outC, scale), plan, scale, output, Progress.NONE);
			final float[] got = output.update(null).getCurrentStorageArray();
			for (int i = 0; i < expected.length; i++)
				assertEquals(expected[i], got[i], 1e-5, plan + " at " + i);
		}
	}

	@Test
	void tooSmallAZHaloShows() {
		final ArrayImg<FloatType, FloatArray> input = ArrayImgs.floats(8, 8, 9, 1);
		final Random random = new Random(5);
		for (final FloatType v : input)
			v.set(random.nextFloat());
		final float[] expected = reference(input, 2, 1);
		final ArrayImg<FloatType, FloatArray> output = ArrayImgs.floats(16, 16, 9, 1);
		Tiler.runBlocks(input, (in, d, h, w) -> net(in, d, h, w, 1, 1, 2), TilePlan.of(8, 8, 9, 8, 3, 1, RADIUS, 0),
			2, output, Progress.NONE);
		final float[] got = output.update(null).getCurrentStorageArray();
		double max = 0;
		for (int i = 0; i < expected.length; i++)
			max = Math.max(max, Math.abs(expected[i] - got[i]));
		assertTrue(max > 1e-3, "without a z halo the block edges differ, max |diff| " + max);
	}

	/** Kernel weight of tap (dz, dy, dx) from input channel c to output channel o. */
	private static float weight(final int dz, final int dy, final int dx, final int c, final int o) {
		return (float) Math.sin(1.3 * dz + 0.7 * dy + 0.37 * dx + 0.5 * c + 1.1 * o + 0.2);
	}

	/**
	 * The toy network on a [d][h][w][inC] block: a 5x5x3 convolution with zero
	 * padding at the block edge, then each voxel repeated scale x scale times
	 * in x and y, with a sub-pixel offset so that positions differ.
	 */
	private static float[] net(final float[] in, final int d, final int h, final int w, final int inC,
		final int outC, final int s)
	{
		final float[] out = new float[d * s * h * s * w * outC];
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					for (int o = 0; o < outC; o++) {
						float sum = 0;
						for (int dz = -RADIUS_Z; dz <= RADIUS_Z; dz++)
							for (int dy = -RADIUS; dy <= RADIUS; dy++)
								for (int dx = -RADIUS; dx <= RADIUS; dx++) {
									final int zz = z + dz, yy = y + dy, xx = x + dx;
									if (zz < 0 || zz >= d || yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
									for (int c = 0; c < inC; c++)
										sum += weight(dz, dy, dx, c, o) * in[((zz * h + yy) * w + xx) * inC + c];
								}
						for (int j = 0; j < s; j++)
							for (int i = 0; i < s; i++)
								out[((z * s * h + s * y + j) * s * w + s * x + i) * outC + o] = sum + 0.1f * (j * s + i);
					}
		return out;
	}

	/** The network's output on the whole volume mirrored by hand, as (x, y, z, c) planar floats. */
	private static float[] reference(final ArrayImg<FloatType, FloatArray> input, final int s, final int outC) {
		final int w = (int) input.dimension(0), h = (int) input.dimension(1), d = (int) input.dimension(2);
		final int inC = (int) input.dimension(3);
		final float[] src = input.update(null).getCurrentStorageArray();
		final float[] out = new float[s * w * s * h * d * outC];
		for (int o = 0; o < outC; o++)
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						float sum = 0;
						for (int dz = -RADIUS_Z; dz <= RADIUS_Z; dz++)
							for (int dy = -RADIUS; dy <= RADIUS; dy++)
								for (int dx = -RADIUS; dx <= RADIUS; dx++)
									for (int c = 0; c < inC; c++)
										sum += weight(dz, dy, dx, c, o) * src[((c * d + mirror(z + dz, d)) * h + mirror(y + dy, h)) * w +
											mirror(x + dx, w)];
						for (int j = 0; j < s; j++)
							for (int i = 0; i < s; i++)
								out[((o * d + z) * s * h + s * y + j) * s * w + s * x + i] = sum + 0.1f * (j * s + i);
					}
		return out;
	}

	/** numpy.pad mode="symmetric": period 2n, the edge pixel repeated. */
	private static int mirror(final int i, final int n) {
		final int m = Math.floorMod(i, 2 * n);
		return m < n ? m : 2 * n - 1 - m;
	}
}
