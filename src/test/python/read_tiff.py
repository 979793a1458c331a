"""Independent reader for TiffSinkTest: prints what tifffile sees in a TIFF, as JSON.

usage: python3 read_tiff.py FILE
Prints the ImageJ hyperstack shape and axes, dtype, the ImageJ metadata,
the X resolution of the first page, the number of pages, and the array
flattened in ImageJ order (frames, slices, channels, rows, columns).
"""
import json
import sys

import tifffile

with tifffile.TiffFile(sys.argv[1]) as tif:
    series = tif.series[0]
    data = series.asarray()
    meta = tif.imagej_metadata or {}
    page = tif.pages[0]
    xres = page.tags["XResolution"].value
    print(json.dumps({
        "shape": list(data.shape),
        "axes": series.axes,
        "dtype": str(data.dtype),
        "pages": len(tif.pages),
        "imagej": {k: v for k, v in meta.items() if isinstance(v, (int, float, str))},
        "xresolution": xres[0] / xres[1],
        "values": [float(v) for v in data.ravel()],
    }))
