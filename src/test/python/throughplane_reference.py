"""Reference values for org.deepsr.volume.ThroughPlaneTest.

An independent numpy version of through-plane super-resolution with the
classical bicubic engine, using the numpy MATLAB imresize port of
resample_reference.py (written from MATLAB's imresize.m, not from the Java):

- phantom: random spheres on a fine isotropic grid, then made anisotropic
  (a Gaussian slice profile of FWHM F0 = 3 fine slices, every F0-th slice kept);
- each XZ section (for each y) and YZ section (for each x), as an array
  [z][a], goes through the engine (imresize x s on both axes), then
  imresize to (round(F nz), a) with scales (F / s, 1 / s);
- fused = (xz + yz) / 2.

Each array is written as gzipped little-endian float32, x fastest, then y,
then z (the Java (x, y, z) layout), to src/test/resources/org/deepsr/volume/.
Run: /usr/bin/python3 src/test/python/throughplane_reference.py
"""
import gzip
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resample_reference import imresize  # noqa: E402

NX, NY, F0 = 10, 9, 3


def phantom(rng):
    nzf = 8 * F0
    z, y, x = np.meshgrid(np.arange(nzf), np.arange(NY), np.arange(NX), indexing='ij')
    v = np.full((nzf, NY, NX), 20.0)
    for _ in range(6):
        c = rng.uniform([0, 0, 0], [nzf, NY, NX])
        r = rng.uniform(1.5, 4.0)
        d = np.sqrt((z - c[0]) ** 2 + (y - c[1]) ** 2 + (x - c[2]) ** 2)
        v += rng.uniform(40, 120) * np.clip(r + 0.5 - d, 0, 1)  # antialiased edge one voxel wide
    sigma = F0 / 2.3548
    k = np.exp(-0.5 * (np.arange(-6, 7) / sigma) ** 2)
    k /= k.sum()
    padded = np.concatenate([v[6:0:-1], v, v[-2:-8:-1]], axis=0)  # mirrored ends
    blurred = np.stack([np.tensordot(k, padded[i:i + 13], axes=(0, 0)) for i in range(nzf)])
    return blurred[F0 // 2::F0]  # slice centres of the thick slices


def section_sr(sec, s, factor, method):
    """sec: [nz][a] -> [round(factor nz)][a]."""
    nz, a = sec.shape
    up = imresize(sec, (s * nz, s * a), method, scale=(s, s)) if s > 1 else sec
    return imresize(up, (int(round(factor * nz)), a), method, scale=(factor / s, 1.0 / s))


def through_plane(vol, s, factor, orientation, method='bicubic'):
    nz, ny, nx = vol.shape
    out = np.zeros((int(round(factor * nz)), ny, nx))
    if orientation == 'xz':
        for y in range(ny):
            out[:, y, :] = section_sr(vol[:, y, :], s, factor, method)
    else:
        for x in range(nx):
            out[:, :, x] = section_sr(vol[:, :, x], s, factor, method)
    return out


OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'org', 'deepsr', 'volume')


def write(name, a):
    with gzip.GzipFile(os.path.join(OUT, name + '.f32.gz'), 'wb', mtime=0) as f:
        f.write(np.asarray(a, dtype='<f4').tobytes())
    print('%s: %d x %d x %d (x, y, z)' % (name, a.shape[2], a.shape[1], a.shape[0]))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261203)
    vol = phantom(rng).astype(np.float32).astype(np.float64)
    write('phantom', vol)  # random spheres, Gaussian slice profile FWHM 3, every 3rd slice
    xz, yz = through_plane(vol, 2, 2.5, 'xz'), through_plane(vol, 2, 2.5, 'yz')
    write('xz_s2_f2.5', xz)  # bicubic x2 engine, F = 2.5
    write('yz_s2_f2.5', yz)
    write('fused_s2_f2.5', (xz + yz) / 2)
    write('xz_s1_f3', through_plane(vol, 1, 3, 'xz'))  # bicubic x1 engine: z interpolation only


if __name__ == '__main__':
    main()
