package org.deepsr.metrics;

/**
 * Metrics of one plane, or of one group of channels taken together. PSNR in
 * dB ({@code +Infinity} for identical data); SSIM and MS-SSIM in [-1, 1], MS-SSIM
 * NaN where the plane is smaller than {@link MsSsim#MIN_SIZE}; NRMSE = RMSE /
 * data range; MAE in image units.
 */
public final class QualityRow {

	private final String label;
	private final double psnr, ssim, msSsim, nrmse, mae;

	public QualityRow(final String label, final double psnr, final double ssim, final double msSsim,
		final double nrmse, final double mae)
	{
		this.label = label;
		this.psnr = psnr;
		this.ssim = ssim;
		this.msSsim = msSsim;
		this.nrmse = nrmse;
		this.mae = mae;
	}

	/** What the row covers, e.g. "z3 R" or "mean". */
	public String label() {
		return label;
	}

	public double psnr() {
		return psnr;
	}

	public double ssim() {
		return ssim;
	}

	public double msSsim() {
		return msSsim;
	}

	public double nrmse() {
		return nrmse;
	}

	public double mae() {
		return mae;
	}

	@Override
	public String toString() {
		return label + ": PSNR " + psnr + " dB, SSIM " + ssim + ", MS-SSIM " + msSsim + ", NRMSE " + nrmse + ", MAE " +
			mae;
	}
}
