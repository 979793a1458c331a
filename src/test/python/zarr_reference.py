"""zarr-python as the independent OME-Zarr reader and writer of OmeZarrTest.

read ROOT: prints JSON: the multiscales metadata and, for each level, the
  array's shape, dtype, chunks, compressor id and its values (flat, C order).
write ROOT TIFF: writes an OME-Zarr (NGFF 0.4, Zarr v2, blosc-lz4 chunks of
  (1, 2, 8, 8)) of a (c=2, z=5, y=20, x=24) uint16 volume, scale
  (1, 2.0, 0.5, 0.5) micrometer, and the same volume as an ImageJ hyperstack
  TIFF with tifffile.
"""
import json
import sys

import numpy as np
import zarr


def read(root):
    g = zarr.open_group(root, mode="r")
    ms = g.attrs["multiscales"][0]
    out = {"multiscales": ms, "zarr": zarr.__version__, "levels": []}
    for d in ms["datasets"]:
        a = g[d["path"]]
        out["levels"].append({
            "path": d["path"],
            "shape": list(a.shape),
            "dtype": str(a.dtype),
            "chunks": list(a.chunks),
            "compressor": a.compressor.codec_id if a.compressor is not None else None,
            "values": a[...].astype(np.float64).ravel().tolist(),
        })
    print(json.dumps(out))


def volume():
    c, z, y, x = np.meshgrid(np.arange(2), np.arange(5), np.arange(20), np.arange(24), indexing="ij")
    # smooth enough for a network, distinct per channel and slice
    v = 1000 + 3000 * c + 700 * z + 40 * np.sin(y / 3.0) * x + 25 * y
    return np.round(v).astype(np.uint16)


def write(root, tiff):
    import numcodecs
    import tifffile
    v = volume()
    store = zarr.DirectoryStore(root)
    g = zarr.group(store=store, overwrite=True)
    g.create_dataset("0", data=v, chunks=(1, 2, 8, 8), compressor=numcodecs.Blosc("lz4", 5, numcodecs.Blosc.SHUFFLE))
    g.attrs["multiscales"] = [{
        "version": "0.4",
        "name": "reference",
        "axes": [{"name": "c", "type": "channel"},
                 {"name": "z", "type": "space", "unit": "micrometer"},
                 {"name": "y", "type": "space", "unit": "micrometer"},
                 {"name": "x", "type": "space", "unit": "micrometer"}],
        "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [1, 2.0, 0.5, 0.5]}]}],
    }]
    # ImageJ hyperstack order: TZCYX
    tifffile.imwrite(tiff, np.ascontiguousarray(v.transpose(1, 0, 2, 3)), imagej=True,
                     resolution=(2.0, 2.0), metadata={"axes": "ZCYX", "spacing": 2.0, "unit": "micron"})


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        write(sys.argv[2], sys.argv[3])
