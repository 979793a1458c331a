"""GAN and feature losses in PyTorch on the tensors GanLossTest writes (JSON: name -> {shape, values}, NHWC/HWIO).

Writes JSON name -> value. The extractor is conv 3x3 (bias) + ReLU ("relu1"), conv 3x3 (bias) ("conv2"),
zero padding 1, on grey images repeated to three channels.
"""
import json
import sys

import torch
import torch.nn.functional as F

with open(sys.argv[1]) as f:
    raw = json.load(f)
t = {k: torch.tensor(v["values"], dtype=torch.float64).reshape(v["shape"]) for k, v in raw.items()}


def features(images):
    x = images.permute(0, 3, 1, 2).repeat(1, 3, 1, 1)  # NHWC grey -> NCHW RGB
    relu1 = F.relu(F.conv2d(x, t["k1"].permute(3, 2, 0, 1), t["b1"], padding=1))
    conv2 = F.conv2d(relu1, t["k2"].permute(3, 2, 0, 1), t["b2"], padding=1)
    return [relu1, conv2]


def gram(f):
    n, c, h, w = f.shape
    v = f.reshape(n, c, h * w)
    return v.bmm(v.transpose(1, 2)) / (c * h * w)


fp, ft = features(t["output"]), features(t["target"])
bce = F.binary_cross_entropy_with_logits
r, k = t["real"], t["fake"]
one, zero = torch.ones_like(r), torch.zeros_like(r)
out = {
    "perceptual": sum(F.l1_loss(a, b) for a, b in zip(fp, ft)).item(),
    "perceptual-l2": sum(F.mse_loss(a, b) for a, b in zip(fp, ft)).item(),
    "texture": sum(F.mse_loss(gram(a), gram(b)) for a, b in zip(fp, ft)).item(),
    "adversarial(generator)": bce(k, one).item(),
    "adversarial(discriminator)": (bce(r, one) + bce(k, zero)).item(),
    "relativistic(generator)": ((bce(r - k.mean(), zero) + bce(k - r.mean(), one)) / 2).item(),
    "relativistic(discriminator)": ((bce(r - k.mean(), one) + bce(k - r.mean(), zero)) / 2).item(),
}
with open(sys.argv[2], "w") as f:
    json.dump(out, f)
