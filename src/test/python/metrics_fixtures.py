#!/usr/bin/python3
"""Fixtures for org.deepsr.metrics: reference images and the metric values an
independent implementation gives on them.

Run with Debian's python3 and python3-skimage (skimage 0.19, numpy, scipy):
    /usr/bin/python3 src/test/python/metrics_fixtures.py
It rewrites src/test/resources/org/deepsr/metrics/.

Sources of the expected values:
  * PSNR, SSIM: scikit-image peak_signal_noise_ratio and structural_similarity
    (gaussian_weights=True, sigma=1.5, use_sample_covariance=False, explicit
    data_range; channel_axis=2 for colour = mean of per-channel SSIM). Inputs are
    passed as float64 so skimage does not drop to float32 for float32 images.
  * MS-SSIM: msssim() below, written from Wang, Simoncelli & Bovik 2003 in plain
    numpy (direct 2D 'valid' correlation, no scipy), checked against skimage at
    scale 1.
  * NRMSE = sqrt(MSE) / data_range, MAE = mean |ref - test| in numpy.
  * Y channel: MATLAB rgb2ycbcr's formula, Y = 16 + (65.481 R + 128.553 G +
    24.966 B) / 255 on RGB in 0..255, float64, not rounded.
"""
import csv
import gzip
import os

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'org', 'deepsr', 'metrics')
MS_WEIGHTS = np.array([0.0448, 0.2856, 0.3001, 0.2363, 0.1333])


def content(rng, h, w, c, lo, hi, noise):
    """Smooth gradients and blobs plus uniform noise, in [lo, hi] (float64)."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    planes = []
    for k in range(c):
        s = (0.5 + 0.25 * np.sin(x / (5.0 + 2 * k)) * np.cos(y / (7.0 + k))
             + 0.2 * (x / w) - 0.1 * (y / h))
        s += 0.15 * np.exp(-((x - w * 0.3) ** 2 + (y - h * 0.6) ** 2) / (2 * (w / 6.0) ** 2))
        s += noise * rng.uniform(-1, 1, size=(h, w))
        planes.append(s)
    a = np.stack(planes, axis=2)
    a = (a - a.min()) / (a.max() - a.min())
    return lo + (hi - lo) * a


def make_pair(rng, kind, h, w, c):
    """Reference and degraded test image in the native type of `kind`."""
    if kind == 'u8':
        ref = np.round(content(rng, h, w, c, 3, 250, 0.05))
        test = np.clip(np.round(ref + rng.normal(0, 6, ref.shape) + 2), 0, 255)
        return ref.astype(np.uint8), test.astype(np.uint8)
    if kind == 'u16':
        ref = np.round(content(rng, h, w, c, 100, 3900, 0.05))
        test = np.clip(np.round(ref + rng.normal(0, 90, ref.shape)), 0, 65535)
        return ref.astype(np.uint16), test.astype(np.uint16)
    # float32 on a 1/1024 grid: exact in float32, and the files compress well
    ref = np.round(content(rng, h, w, c, -0.3, 1.4, 0.05) * 1024) / 1024
    test = np.round((ref + rng.normal(0, 0.03, ref.shape)) * 1024) / 1024
    return ref.astype(np.float32), test.astype(np.float32)


def write_raw(name, a):
    """Little-endian samples, row-major [h][w][c], gzip-compressed."""
    with gzip.GzipFile(os.path.join(OUT, name), 'wb', mtime=0) as f:
        f.write(a.astype(a.dtype.newbyteorder('<')).tobytes())


def gaussian_window():
    g = np.exp(-0.5 * (np.arange(-5, 6) / 1.5) ** 2)
    g /= g.sum()
    return np.outer(g, g)


def filter_valid(a, win):
    return np.einsum('ijkl,kl->ij', sliding_window_view(a, win.shape), win)


def ssim_terms(x, y, data_range):
    """Mean SSIM map and mean contrast-structure map ('valid' region)."""
    win = gaussian_window()
    c1, c2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2
    mx, my = filter_valid(x, win), filter_valid(y, win)
    vx = filter_valid(x * x, win) - mx * mx
    vy = filter_valid(y * y, win) - my * my
    cxy = filter_valid(x * y, win) - mx * my
    cs = (2 * cxy + c2) / (vx + vy + c2)
    lum = (2 * mx * my + c1) / (mx * mx + my * my + c1)
    return (lum * cs).mean(), cs.mean()


def pool2(a):
    h, w = a.shape[0] // 2 * 2, a.shape[1] // 2 * 2
    a = a[:h, :w]
    return 0.25 * (a[0::2, 0::2] + a[1::2, 0::2] + a[0::2, 1::2] + a[1::2, 1::2])


def msssim(x, y, data_range):
    """Wang et al. 2003: prod_{j<5} cs_j^w_j * ssim_5^w_5 on one plane."""
    x, y = x.astype(np.float64), y.astype(np.float64)
    result = 1.0
    for j in range(5):
        s, cs = ssim_terms(x, y, data_range)
        result *= (s if j == 4 else cs) ** MS_WEIGHTS[j]
        x, y = pool2(x), pool2(y)
    return result


def studio_y(rgb):
    rgb = rgb.astype(np.float64)
    return 16.0 + (65.481 * rgb[..., 0] + 128.553 * rgb[..., 1] + 24.966 * rgb[..., 2]) / 255.0


def metrics(ref, test, data_range, with_ms):
    """Row of metrics for 2D planes, or HxWxC planes taken together."""
    ref, test = ref.astype(np.float64), test.astype(np.float64)
    mse = np.mean((ref - test) ** 2)
    psnr = peak_signal_noise_ratio(ref, test, data_range=data_range)
    assert abs(psnr - 10 * np.log10(data_range ** 2 / mse)) < 1e-9
    kw = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=data_range)
    if ref.ndim == 3:
        ssim = structural_similarity(ref, test, channel_axis=2, **kw)
        ms = (np.mean([msssim(ref[..., k], test[..., k], data_range) for k in range(ref.shape[2])])
              if with_ms else float('nan'))
    else:
        ssim = structural_similarity(ref, test, **kw)
        ms = msssim(ref, test, data_range) if with_ms else float('nan')
        assert abs(ssim - ssim_terms(ref, test, data_range)[0]) < 1e-12, 'numpy SSIM disagrees with skimage'
    return [psnr, ssim, ms, np.sqrt(mse) / data_range, np.mean(np.abs(ref - test))]


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20260501)
    # name, kind, height, width, channels, needs MS-SSIM (>= 176 px per side)
    cases = [('g8', 'u8', 40, 48, 1, False), ('g16', 'u16', 40, 48, 1, False),
             ('f32', 'f32', 40, 48, 1, False), ('rgb8', 'u8', 40, 48, 3, False),
             ('ms_g8', 'u8', 176, 180, 1, True), ('ms_g16', 'u16', 176, 180, 1, True),
             ('ms_f32', 'f32', 176, 180, 1, True), ('ms_rgb8', 'u8', 176, 180, 3, True)]
    rows = []
    for name, kind, h, w, c, with_ms in cases:
        ref, test = make_pair(rng, kind, h, w, c)
        write_raw(name + '_ref.raw.gz', ref)
        write_raw(name + '_test.raw.gz', test)
        header = [name, kind, h, w, c]
        # (channels, shave, range option): 'auto' = 255 for 8-bit, else reference max-min
        conventions = [('RGB', 0, 'auto')]
        if c == 3:
            conventions += [('Y', 0, 'auto'), ('Y', 4, 'auto'), ('EACH', 0, 'auto')]
        else:
            conventions += [('RGB', 2, 'auto'), ('RGB', 0, '1000')]
        for channels, shave, option in conventions:
            r = ref[shave:h - shave, shave:w - shave] if shave else ref
            t = test[shave:h - shave, shave:w - shave] if shave else test
            if option != 'auto':
                data_range = float(option)
            elif kind == 'u8':
                data_range = 255.0
            else:
                data_range = float(ref.max()) - float(ref.min())
            if channels == 'Y':
                planes = [(studio_y(r), studio_y(t))]
            elif channels == 'EACH':
                planes = [(r[..., k], t[..., k]) for k in range(c)]
            else:
                planes = [(r[..., 0], t[..., 0]) if c == 1 else (r, t)]
            # MS-SSIM needs 176 px per side (11 px at scale 5); smaller gives NaN
            ms = with_ms and min(r.shape[:2]) >= 176
            for i, (a, b) in enumerate(planes):
                rows.append(header + [channels, shave, option, repr(data_range), i]
                            + [repr(float(v)) for v in metrics(a, b, data_range, ms)])
    with open(os.path.join(OUT, 'expected.csv'), 'w', newline='') as f:
        out = csv.writer(f, lineterminator='\n')
        out.writerow(['case', 'type', 'height', 'width', 'channels', 'convention', 'shave',
                      'range_option', 'data_range', 'row', 'psnr', 'ssim', 'msssim', 'nrmse', 'mae'])
        out.writerows(rows)


if __name__ == '__main__':
    main()
