"""Reference sons for org.deepsr.zeroshot.SelfExamplesTest.

A father (raw little-endian float32, rows x cols) is shrunk by the scale with
MATLAB imresize (the independent numpy port of resample_reference.py:
antialiased, output ceil(side / scale)), then interpolated back onto the
father's grid with the same kernel at the same scale.

Run: python3 src/test/python/zssr_sons.py FATHER.f32 ROWS COLS SCALE KERNEL SON.f32 BACK.f32
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resample_reference import imresize  # noqa: E402


def main(father, rows, cols, scale, kernel, son_out, back_out):
    rows, cols, scale = int(rows), int(cols), float(scale)
    f = np.fromfile(father, dtype='<f4').reshape(rows, cols).astype(float)
    son = imresize(f, (math.ceil(rows / scale), math.ceil(cols / scale)), kernel, scale=(1 / scale, 1 / scale))
    back = imresize(son, (rows, cols), kernel, scale=(scale, scale))
    son.astype('<f4').tofile(son_out)
    back.astype('<f4').tofile(back_out)


if __name__ == '__main__':
    main(*sys.argv[1:])
