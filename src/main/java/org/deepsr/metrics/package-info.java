/**
 * Image quality metrics computed as the super-resolution literature does:
 * PSNR with an explicit data range, SSIM (Wang et al. 2004, Gaussian 11x11,
 * sigma 1.5, valid region), MS-SSIM (Wang et al. 2003), NRMSE and MAE, on 2D
 * ImgLib2 planes. {@link org.deepsr.metrics.MetricOptions} states the
 * convention (Y / RGB / each channel, border shave, data range) and
 * {@link org.deepsr.metrics.ImageQuality} applies it to ImageJ images and
 * stacks, giving a {@link org.deepsr.metrics.QualityReport}.
 */
package org.deepsr.metrics;
