/**
 * Benchmarks of super-resolution methods on image sets (Set5, Set14, DIV2K
 * layouts) with the protocol of published tables: modcrop, MATLAB-bicubic LR,
 * Y-channel PSNR/SSIM with the scale shaved. Uses upscale, metrics and resample.
 */
package org.deepsr.benchmark;
