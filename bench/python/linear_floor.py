#!/usr/bin/python3
"""Closed-form floor for ESPCN x3: the least-squares linear 5x5 model.

For each of the s^2 output phases, fits 25 LR-neighbour weights + a bias by
least squares (numpy.linalg.lstsq) on T91 + General100 (Y = BT.601 studio /
255, LR = MATLAB bicubic of the Y in 0..255 rounded to uint8, via the numpy
imresize port of src/test/python/resample_reference.py), then evaluates on Set5 exactly as
the Java trainer validates (prediction clamped to [0,1], PSNR peak 1 on Y,
shave s). Also prints bicubic (MATLAB imresize x3 of the same LR) for the
same protocol. This is the optimum that a trained "linear-sr" model
(bench/java/org/deepsr/nets/LinearSr.java) should approach under L2.

Needs cv2 (Debian python3-opencv): /usr/bin/python3 bench/python/linear_floor.py ../shared/data
"""
import glob
import sys
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'src' / 'test' / 'python'))
from resample_reference import imresize  # noqa: E402

S, K = 3, 5


def y_of(path):
    bgr = cv2.imread(path, cv2.IMREAD_COLOR).astype(float) / 255
    return (16 + 65.481 * bgr[..., 2] + 128.553 * bgr[..., 1] + 24.966 * bgr[..., 0]) / 255


def pair(path):
    hr = y_of(path)
    hr = hr[:hr.shape[0] // S * S, :hr.shape[1] // S * S]
    lr = np.clip(np.floor(imresize(hr * 255, (hr.shape[0] // S, hr.shape[1] // S), 'bicubic', (1 / S, 1 / S)) + 0.5), 0, 255) / 255
    return lr, hr


def features(lr):
    p = K // 2
    pad = np.pad(lr, p)
    win = np.lib.stride_tricks.sliding_window_view(pad, (K, K)).reshape(lr.size, K * K)
    return np.hstack([win, np.ones((lr.size, 1))])


def psnr(pred, hr):
    d = (np.clip(pred, 0, 1) - hr)[S:-S, S:-S]
    return 10 * np.log10(1 / np.mean(d ** 2))


def main(data):
    files = sorted(glob.glob(data + '/train/T91/*')) + sorted(glob.glob(data + '/train/General100/*'))
    ata = np.zeros((S * S, K * K + 1, K * K + 1))
    atb = np.zeros((S * S, K * K + 1))
    for f in files:
        lr, hr = pair(f)
        a = features(lr)
        for ph in range(S * S):
            b = hr[ph // S::S, ph % S::S].reshape(-1)
            ata[ph] += a.T @ a
            atb[ph] += a.T @ b
    w = np.stack([np.linalg.lstsq(ata[ph], atb[ph], rcond=None)[0] for ph in range(S * S)])
    lin, bic = [], []
    for f in sorted(glob.glob(data + '/benchmark/Set5/HR/*.png')):
        lr, hr = pair(f)
        out = (features(lr) @ w.T).reshape(lr.shape + (S, S)).transpose(0, 2, 1, 3).reshape(hr.shape)
        up = imresize(lr, hr.shape, 'bicubic', (S, S))
        lin.append(psnr(out, hr))
        bic.append(psnr(up, hr))
        print(f'{f.rsplit("/", 1)[1]:14s} bicubic {bic[-1]:.3f}  LS linear 5x5 {lin[-1]:.3f}')
    print(f'Set5 x{S} mean: bicubic {np.mean(bic):.3f} dB, least-squares linear 5x5 {np.mean(lin):.3f} dB')


if __name__ == "__main__" and len(sys.argv) == 2:
    main(sys.argv[1])


def fit_on_dump(dump, interior):
    """LS linear 5x5 on the Java trainer's own batches (TrainerDump output),
    zero SAME padding at patch borders as in training; interior=True keeps
    only the LR positions whose 5x5 window lies inside the patch."""
    steps = int(dict(line.split() for line in open(dump + '/config.txt').read().splitlines())['steps'])
    lr = np.fromfile(dump + '/lr.f32', '<f4').astype(float).reshape(steps * 16, 17, 17)
    hr = np.fromfile(dump + '/hr.f32', '<f4').astype(float).reshape(steps * 16, 51, 51)
    keep = np.zeros((17, 17), bool)
    keep[K // 2:17 - K // 2, K // 2:17 - K // 2] = True
    if not interior:
        keep[:] = True
    a = np.concatenate([features(p)[keep.reshape(-1)] for p in lr])
    w = []
    for ph in range(S * S):
        b = np.concatenate([h[ph // S::S, ph % S::S][keep] for h in hr])
        w.append(np.linalg.lstsq(a, b, rcond=None)[0])
    return np.stack(w)


def evaluate(w, data):
    res = []
    for f in sorted(glob.glob(data + '/benchmark/Set5/HR/*.png')):
        lr, hr = pair(f)
        out = (features(lr) @ w.T).reshape(lr.shape + (S, S)).transpose(0, 2, 1, 3).reshape(hr.shape)
        res.append(psnr(out, hr))
    return np.mean(res)


if __name__ == '__main__' and len(sys.argv) > 2:
    for interior in (True, False):
        print(f'LS on the Java batches of {sys.argv[2]} ({"interior positions only" if interior else "all positions, zero-padded borders"}): '
              f'Set5 {evaluate(fit_on_dump(sys.argv[2], interior), sys.argv[1]):.3f} dB')
