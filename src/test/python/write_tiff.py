"""Independent writer for TiffSourceTest: a plain multi-page TIFF (not ImageJ's layout) from tifffile.

usage: python3 write_tiff.py FILE
Writes 5 pages of 6x4 uint16, page p pixel (y, x) = 1000 * p + 10 * y + x,
each page with its own IFD and strip offsets, compressed with zlib.
"""
import sys

import numpy as np
import tifffile

data = np.fromfunction(lambda p, y, x: 1000 * p + 10 * y + x, (5, 4, 6)).astype(np.uint16)
tifffile.imwrite(sys.argv[1], data, compression="zlib", metadata=None)
