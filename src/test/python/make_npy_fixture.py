"""Writes the NumPy reference files that NpyFilesTest compares DeepSR's .npy writer with.

Run from the repository root: python3 src/test/python/make_npy_fixture.py
"""
import numpy as np

OUT = "src/test/resources/org/deepsr/model/"
# Values i * 0.25 - 1 for i = 0..5, shape (1, 2, 3, 1), little-endian float32, C order.
np.save(OUT + "npy_1x2x3x1.npy", (np.arange(6, dtype="<f4") * 0.25 - 1).reshape(1, 2, 3, 1))
# A one-dimensional array: its shape tuple has a trailing comma.
np.save(OUT + "npy_5.npy", np.array([1.5, -2, 0, 3e-8, 65504], dtype="<f4"))
