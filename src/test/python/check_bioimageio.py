"""Checks a DeepSR bioimage.io export independently of the Java code.

Usage: python3 src/test/python/check_bioimageio.py package.zip
Parses rdf.yaml with PyYAML (apt-get install python3-yaml), checks the
fields bioimage.io model RDF 0.4 requires, the sha256 of every file with
hashlib, and the .npy test tensors against the declared axes and shapes.
Prints "ok" or raises.
"""
import hashlib
import io
import sys
import zipfile

import numpy as np
import yaml

z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
rdf = yaml.safe_load(z.read("rdf.yaml"))

for key in ["format_version", "type", "name", "description", "authors", "cite", "license", "documentation",
            "tags", "timestamp", "inputs", "outputs", "test_inputs", "test_outputs", "weights"]:
    assert key in rdf, key
assert rdf["type"] == "model"
assert str(rdf["format_version"]).startswith("0.4.")
assert all(isinstance(a["name"], str) for a in rdf["authors"])
assert rdf["documentation"] in names

inp, out = rdf["inputs"][0], rdf["outputs"][0]
assert inp["axes"] == "byxc" and inp["data_type"] == "float32"
assert out["axes"] in ("byxc", "bcyx") and out["data_type"] == "float32"
assert len(inp["shape"]["min"]) == 4 and len(inp["shape"]["step"]) == 4
assert out["shape"]["reference_tensor"] == inp["name"]
assert len(out["shape"]["scale"]) == 4 and len(out["shape"]["offset"]) == 4 and len(out["halo"]) == 4
for p in inp.get("preprocessing", []) + out.get("postprocessing", []):
    assert p["name"] in ("scale_linear", "scale_range", "clip", "zero_mean_unit_variance"), p

weights = rdf["weights"]["tensorflow_saved_model_bundle"]
assert hashlib.sha256(z.read(weights["source"])).hexdigest() == weights["sha256"]
for name, sha in rdf["config"]["deepsr"]["sha256"].items():
    assert hashlib.sha256(z.read(name)).hexdigest() == sha, name
saved = zipfile.ZipFile(io.BytesIO(z.read(weights["source"])))
assert "saved_model.pb" in saved.namelist()

x = np.load(io.BytesIO(z.read(rdf["test_inputs"][0])))
y = np.load(io.BytesIO(z.read(rdf["test_outputs"][0])))
assert x.dtype == np.float32 and y.dtype == np.float32
in_axes = dict(zip(inp["axes"], x.shape))
out_axes = dict(zip(out["axes"], y.shape))
for axis, s in zip(out["axes"], out["shape"]["scale"]):
    assert out_axes[axis] == in_axes[axis] * s, (axis, out_axes, in_axes)
for axis, m, st in zip(inp["axes"], inp["shape"]["min"], inp["shape"]["step"]):
    assert in_axes[axis] >= m and (st == 0 or (in_axes[axis] - m) % st == 0), axis
assert rdf["config"]["deepsr"]["descriptor"]["name"] == rdf["name"]
print("ok")
