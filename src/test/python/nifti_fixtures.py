"""Independent NIfTI-1 reference for NiftiSourceTest and NiftiSinkTest (nibabel, not DeepSR's reader).

usage: /usr/bin/python3 nifti_fixtures.py write DIR          small golden files and DIR/expected.json
       /usr/bin/python3 nifti_fixtures.py read [--header] FILE...  prints nibabel's view of each FILE,
                                                   one JSON object a line (--header: without the values)

Each golden volume is X x Y x Z (x T) with voxel (x, y, z, t) = 100 z + 10 y + x + 1000 t before
the file's own offset and scaling; expected.json holds, per file, what nibabel reads: the values
with scl_slope/scl_inter applied (nested [t][z][y][x]), img.affine, both transforms and codes,
pixdim, units and the stored datatype, and the sum of each slice's values (nested [t][z]).
"""
import json
import os
import sys

import nibabel as nib
import numpy as np


def ramp(shape):
    idx = np.indices(shape)
    v = idx[0] + 10 * idx[1] + 100 * idx[2]
    if len(shape) > 3:
        v = v + 1000 * idx[3]
    return v


def view(path, values=True):
    img = nib.load(path)
    h = img.header
    data = np.asarray(img.dataobj, dtype=np.float64)  # slope and intercept applied, as nibabel reads it
    if data.ndim == 3:
        data = data[..., np.newaxis]
    nested = np.transpose(data, (3, 2, 1, 0)).tolist()  # [t][z][y][x]
    qform, qcode = h.get_qform(coded=True)
    sform, scode = h.get_sform(coded=True)
    slope, inter = img.dataobj.slope, img.dataobj.inter  # nibabel moves them from the header to the proxy on load
    return {
        "shape": [int(d) for d in img.shape],
        "datatype": int(h["datatype"]),
        "dtype": str(h.get_data_dtype().newbyteorder("=")),
        "big_endian": h.endianness == ">",
        "values": nested if values else None,
        "slice_sums": np.transpose(data.sum(axis=(0, 1)), (1, 0)).tolist(),
        "affine": img.affine.tolist(),
        "qform": None if qform is None else qform.tolist(),
        "qform_code": int(qcode),
        "sform": None if sform is None else sform.tolist(),
        "sform_code": int(scode),
        "pixdim": [float(p) for p in h["pixdim"]],
        "units": list(h.get_xyzt_units()),
        "slope": float(slope),
        "inter": float(inter),
        "vox_offset": float(img.dataobj.offset),
        "descrip": h["descrip"].tobytes().split(b"\0")[0].decode("ascii"),
    }


def make(path, data, dtype, affine, qcode=1, scode=1, slope=None, inter=None, big=False, zooms=None,
         units=("mm", "sec"), descrip="deepsr golden"):
    hdr = nib.Nifti1Header(endianness=">" if big else "<")
    hdr.set_data_dtype(dtype)
    img = nib.Nifti1Image(data.astype(dtype), affine, hdr)
    img.set_qform(affine if qcode else None, code=qcode)
    img.set_sform(affine if scode else None, code=scode)
    if zooms is not None:
        img.header.set_zooms(zooms)
    img.header.set_xyzt_units(*units)
    img.header["descrip"] = descrip
    if slope is not None:
        img.header.set_slope_inter(slope, inter)
    nib.save(img, path)
    if slope is not None:  # nibabel's save may rescale: keep the stored values as given, scaling as set
        raw = nib.load(path)
        assert np.allclose(np.asarray(raw.dataobj), data * slope + inter), path


def rotation(angle_deg, axis):
    a = np.radians(angle_deg)
    c, s = np.cos(a), np.sin(a)
    r = np.eye(3)
    i, j = [(1, 2), (0, 2), (0, 1)][axis]
    r[i, i], r[i, j], r[j, i], r[j, j] = c, -s, s, c
    return r


def write(out):
    os.makedirs(out, exist_ok=True)
    shape = (5, 4, 3)
    base = ramp(shape)
    aligned = np.diag([0.9, 1.1, 2.5, 1.0])
    aligned[:3, 3] = [-10.0, 20.5, 3.0]
    oblique = np.eye(4)
    oblique[:3, :3] = rotation(30, 2) @ rotation(-15, 0) @ np.diag([0.8, 0.8, 3.0]) @ np.diag([-1, 1, 1])
    oblique[:3, 3] = [12.0, -7.5, 40.25]
    sheared = np.array([[1.2, 0.1, 0.0, 5.0], [0.0, 0.9, 0.2, -3.0], [0.05, 0.0, 2.0, 8.0], [0, 0, 0, 1]])
    files = {
        "uint8.nii": dict(data=base % 256, dtype=np.uint8, affine=aligned),
        "int16_scaled.nii.gz": dict(data=base - 150, dtype=np.int16, affine=aligned, slope=0.5, inter=-10.0),
        "uint16.nii": dict(data=base * 200, dtype=np.uint16, affine=aligned),
        "int32.nii.gz": dict(data=base * 70000 - 1000000, dtype=np.int32, affine=aligned),
        "float32.nii": dict(data=base * 0.25 - 3, dtype=np.float32, affine=oblique),
        "float64.nii.gz": dict(data=base / 3.0, dtype=np.float64, affine=oblique),
        "qform_only.nii": dict(data=base, dtype=np.int16, affine=oblique, qcode=1, scode=0),
        "sform_only.nii": dict(data=base, dtype=np.int16, affine=sheared, qcode=0, scode=2),
        "big_endian.nii": dict(data=base - 100, dtype=np.int16, affine=oblique, big=True, slope=2.0, inter=1.0),
        "four_d.nii.gz": dict(data=ramp(shape + (2,)), dtype=np.int16, affine=aligned,
                              zooms=(0.9, 1.1, 2.5, 2.0)),
    }
    expected = {}
    for name, spec in files.items():
        path = os.path.join(out, name)
        make(path, **spec)
        expected[name] = view(path)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        header = sys.argv[2] == "--header"
        for path in sys.argv[3 if header else 2:]:
            print(json.dumps(view(path, values=not header)))
