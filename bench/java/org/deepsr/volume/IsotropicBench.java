package org.deepsr.volume;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.imglib2.img.array.ArrayImgs;

import org.deepsr.cli.Main;
import org.deepsr.image.Axis;
import org.deepsr.image.AxisCalibration;
import org.deepsr.image.ImageFiles;
import org.deepsr.image.ImagePlanes;
import org.deepsr.image.ImagePlusSource;
import org.deepsr.image.PixelType;
import org.deepsr.image.VolumeInfo;
import org.deepsr.image.VolumeSource;
import org.deepsr.io.NiftiHeader;
import org.deepsr.io.NiftiSink;
import org.deepsr.io.NiftiSource;
import org.deepsr.metrics.Ssim;
import org.deepsr.resample.SliceProfile;

/**
 * The issue-12 done-when of isotropic reconstruction. MRI: the T1 volume
 * made anisotropic along its third axis (Gaussian slice profile FWHM F
 * voxels along k, every F-th slice kept from the first, the affine's k
 * column and pixdim[3] times F, the first slice's position kept), written as
 * NIfTI; then {@code deepsr isotropic ANISO OUT} with default settings (in
 * this JVM, through {@link Main#execute}); PSNR (data range = the
 * original's max - min) and mean axial-slice SSIM of DeepSR and of cubic
 * interpolation along z against the original, over the slices both cover
 * ({@code floor((nz'-1) F) + 1} from the first), plus the wall time and
 * whether the output affine is the original's.
 * <p>
 * Microscopy ({@code microscopy}): a 2-D image's rows taken as z, so each
 * XZ section of the volume is an image: {@code V(x, y, z) = I(x, y + z)}
 * for y = 0..47, with I side by side the columns 400..559 of the three BPAE
 * stains (actin, mito, nuclei; each scaled to its own maximum 1): a float
 * volume of 480 x 48 x 632, whose XZ sections and XY slices are windows of
 * the real images (its YZ sections are constant along diagonals); made
 * anisotropic along z the same way (TIFF, 0.1 micron voxels, z 0.4 after).
 * <p>
 * {@code bench/run IsotropicBench [mri|microscopy] [F=4] [data=../shared/data] [extra deepsr options...]}
 */
public final class IsotropicBench {

	public static void main(final String... args) throws Exception {
		final String mode = args.length > 0 ? args[0] : "mri";
		final int f = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		final Path data = Paths.get(args.length > 2 ? args[2] : "../shared/data");
		final String[] extra = args.length > 3 ? Arrays.copyOfRange(args, 3, args.length) : new String[0];
		final Path dir = Files.createTempDirectory("deepsr-isotropic-bench-");
		final float[][] original;
		final int nx;
		final NiftiHeader header;
		final VolumeInfo info;
		if (mode.equals("mri")) {
			try (NiftiSource s = NiftiSource.open(data.resolve("mri/niivue_chris_t1.nii.gz"))) {
				info = s.info();
				header = s.header();
				original = read(s);
			}
		}
		else {
			// V(x, y, z) = I(x, y + z): every XZ section (and every XY slice) is a window of a real image, rows as z
			final int width = 160, depth = 48;
			final String[] names = { "bian_BPAE_actin", "bian_BPAE_mito", "bian_BPAE_nuclei" };
			int zs = Integer.MAX_VALUE;
			final List<float[]> images = new ArrayList<>();
			int w = 0;
			for (final String name : names) {
				final VolumeSource s = new ImagePlusSource(ImageFiles.open(data.resolve("microscopy/" + name + ".tif")));
				w = (int) s.info().width();
				final int h = (int) s.info().height();
				final float[] img = ImagePlanes.copy(s.plane(0, 0, 0), new float[w * h], 0);
				float max = 0;
				for (final float v : img)
					max = Math.max(max, v);
				for (int i = 0; i < img.length; i++)
					img[i] /= max; // each image to its own 0..max range
				images.add(img);
				zs = Math.min(zs, h - depth);
			}
			final int x0 = 400, sx = width * names.length;
			original = new float[zs][sx * depth];
			for (int k = 0; k < names.length; k++)
				for (int z = 0; z < zs; z++)
					for (int y = 0; y < depth; y++)
						for (int x = 0; x < width; x++)
							original[z][k * width + x + sx * y] = images.get(k)[(y + z) * w + x0 + x];
			final AxisCalibration[] cal = new AxisCalibration[5];
			Arrays.fill(cal, AxisCalibration.NONE);
			for (final Axis a : new Axis[] { Axis.X, Axis.Y, Axis.Z })
				cal[a.ordinal()] = new AxisCalibration("micron", 0.1, 0);
			info = new VolumeInfo("bpae", new long[] { sx, depth, 1, zs, 1 }, cal, PixelType.FLOAT32, false, 0, 1, null);
			header = null;
		}
		nx = (int) info.width();
		final int nyy = (int) info.height(), nz = original.length;
		// the anisotropic acquisition: blur along z with the profile, keep every f-th slice from the first
		final SliceProfile profile = SliceProfile.of(SliceProfile.Shape.GAUSSIAN, f);
		final int kept = SliceProfile.samples(nz, f);
		final float[][] aniso = new float[kept][nx * nyy];
		for (int y = 0; y < nyy; y++) {
			final float[] xz = new float[nx * nz];
			for (int z = 0; z < nz; z++)
				System.arraycopy(original[z], y * nx, xz, z * nx, nx);
			final float[] low = profile.acquire(xz, nx, nz, 1, f);
			for (int z = 0; z < kept; z++)
				System.arraycopy(low, z * nx, aniso[z], y * nx, nx);
		}
		final Path in = dir.resolve(mode.equals("mri") ? "aniso.nii.gz" : "aniso.tif"), out = dir.resolve(mode.equals(
			"mri") ? "deepsr.nii.gz" : "deepsr.tif");
		final AxisCalibration[] cal = new AxisCalibration[5];
		for (final Axis a : Axis.values())
			cal[a.ordinal()] = info.calibration(a);
		final AxisCalibration z0 = info.calibration(Axis.Z);
		cal[Axis.Z.ordinal()] = new AxisCalibration(z0.unit(), z0.spacing() * f, z0.origin());
		final VolumeInfo anisoInfo = new VolumeInfo(info.title(), new long[] { nx, nyy, 1, kept, 1 }, cal, info.type(),
			false, info.displayMin(), info.displayMax(), null);
		if (header != null) try (NiftiSink sink = NiftiSink.create(in, anisoInfo, header.refinedAlongK(kept, 1.0 / f),
			false, true))
		{
			for (int z = 0; z < kept; z++)
				sink.write(0, z, 0, ArrayImgs.floats(aniso[z], nx, nyy));
			sink.finish();
		}
		else try (org.deepsr.io.TiffSink sink = org.deepsr.io.TiffSink.create(in, anisoInfo, true)) {
			for (int z = 0; z < kept; z++)
				sink.write(0, z, 0, ArrayImgs.floats(aniso[z], nx, nyy));
			sink.finish();
		}
		// the same input for cubic as for DeepSR: the file as written (NIfTI int16 rounds)
		final float[][] stored;
		final VolumeSource storedSource = header != null ? NiftiSource.open(in) : org.deepsr.io.TiffSource.open(in);
		stored = read(storedSource);
		if (storedSource instanceof AutoCloseable) ((AutoCloseable) storedSource).close();
		final int cover = (int) ZGrid.nodes(kept, f).slices();
		final float[][] cubic = new float[cover][nx * nyy];
		for (int y = 0; y < nyy; y++) {
			final float[] xz = new float[nx * kept];
			for (int z = 0; z < kept; z++)
				System.arraycopy(stored[z], y * nx, xz, z * nx, nx);
			final float[] up = SliceProfile.cubic(xz, nx, kept, 1, cover, 1.0 / f);
			for (int z = 0; z < cover; z++)
				System.arraycopy(up, z * nx, cubic[z], y * nx, nx);
		}
		final List<String> cli = new ArrayList<>(List.of("isotropic", in.toString(), out.toString(), "--overwrite"));
		cli.addAll(Arrays.asList(extra));
		System.out.println("input " + in + ": " + nx + "x" + nyy + "x" + kept + " (from " + nz + " slices, " + profile +
			", every " + f + "th slice); running deepsr " + String.join(" ", cli));
		final long start = System.nanoTime();
		final int code = Main.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), cli.toArray(
			new String[0]));
		final double seconds = (System.nanoTime() - start) / 1e9;
		if (code != 0) throw new IllegalStateException("deepsr isotropic failed with " + code);
		final float[][] result;
		final VolumeSource outSource = header != null ? NiftiSource.open(out) : org.deepsr.io.TiffSource.open(out);
		result = read(outSource);
		final VolumeInfo outInfo = outSource.info();
		if (header != null) {
			final NiftiHeader oh = ((NiftiSource) outSource).header();
			System.out.println("output affine (sform): " + Arrays.deepToString(oh.sform()) + "\noriginal affine:       " +
				Arrays.deepToString(header.sform()) + "\noutput qform:          " + Arrays.deepToString(oh.qform()));
			((NiftiSource) outSource).close();
		}
		System.out.println("output " + outInfo.width() + "x" + outInfo.height() + "x" + outInfo.slices() + ", z voxel " +
			outInfo.calibration(Axis.Z) + "; compared over " + cover + " of " + nz + " original slices");
		if (result.length != cover) throw new IllegalStateException("output has " + result.length + " slices, not " +
			cover);
		float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
		for (final float[] s : original)
			for (final float v : s) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		final double range = hi - lo;
		final double[] deep = score(original, result, cover, nx, nyy, range), cub = score(original, cubic, cover, nx,
			nyy, range);
		System.out.printf(Locale.ROOT, "%s x%d: cubic PSNR %.3f dB SSIM %.4f | DeepSR PSNR %.3f dB SSIM %.4f | gain %+.3f dB %+.4f SSIM | deepsr isotropic %.1f s%n",
			mode, f, cub[0], cub[1], deep[0], deep[1], deep[0] - cub[0], deep[1] - cub[1], seconds);
	}

	/** {PSNR over the covered voxels, mean SSIM of the covered axial slices}. */
	private static double[] score(final float[][] ref, final float[][] test, final int slices, final int nx, final int ny,
		final double range)
	{
		double se = 0, ssim = 0;
		for (int z = 0; z < slices; z++) {
			for (int i = 0; i < ref[z].length; i++) {
				final double d = ref[z][i] - test[z][i];
				se += d * d;
			}
			ssim += Ssim.ssim(ArrayImgs.floats(ref[z], nx, ny), ArrayImgs.floats(test[z], nx, ny), range);
		}
		return new double[] { 10 * Math.log10(range * range / (se / ((double) slices * nx * ny))), ssim / slices };
	}

	private static float[][] read(final VolumeSource s) {
		final VolumeInfo i = s.info();
		final float[][] v = new float[(int) i.slices()][];
		for (int z = 0; z < v.length; z++)
			v[z] = ImagePlanes.copy(s.plane(0, z, 0), new float[(int) (i.width() * i.height())], 0);
		return v;
	}
}
